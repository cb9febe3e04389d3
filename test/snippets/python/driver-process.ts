// The Python driver as a long-lived child process: one JSON command per line in, one
// JSON result per line out. The interpreter and the SDK load once for the whole suite.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

/** What the driver prints for a failed call (see describe_error in driver.py). */
export interface DriverError {
  type: string;
  message: string;
  status?: number;
  errorType?: string;
  reason?: string;
  lastError?: DriverError;
}

/** One on_retry callback: the attempt that failed, the wait chosen, and what failed. */
export interface RetryCall {
  attempt: number;
  delay: number;
  status: number | null;
  requestId: string | null;
}

export interface CallResult {
  case: string;
  outcome: 'ok' | 'error' | 'driver_error';
  model?: string | null;
  text?: string;
  fellBack?: boolean;
  eventTypes?: string[];
  error?: DriverError;
  elapsedMs: number;
  retries: RetryCall[];
}

export interface BreakerResult {
  case: string;
  trip: CallResult;
  stateAfterTrip: string;
  callers: CallResult[];
  stateAfter: string;
}

export interface CancelResult {
  case: string;
  outcome: 'ok' | 'cancelled' | 'driver_error';
  cancelMs: number;
  retries: RetryCall[];
}

type DriverResult = object;

interface Pending {
  resolve(result: DriverResult): void;
  reject(error: Error): void;
}

export class PythonDriver {
  private readonly pending: Pending[] = [];
  private stderr = '';
  private stdout = '';
  private exited: string | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.stdout += `${line}\n`;
      const waiting = this.pending.shift();
      if (!waiting) return;
      try {
        waiting.resolve(JSON.parse(line) as DriverResult);
      } catch {
        waiting.reject(new Error(`the driver printed a line that is not JSON: ${line}\nstderr:\n${this.stderr}`));
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      this.stderr += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      this.exited = `the driver exited (code ${code}, signal ${signal})`;
      for (const waiting of this.pending.splice(0)) waiting.reject(new Error(`${this.exited}\nstderr:\n${this.stderr}`));
    });
  }

  /** `env` is the whole environment of the child: nothing else is inherited. */
  static start(python: string, driverFile: string, cwd: string, env: NodeJS.ProcessEnv): PythonDriver {
    // Deprecation notices about model names are not what these tests look at.
    const child = spawn(python, ['-W', 'ignore::DeprecationWarning', driverFile], { cwd, env, stdio: 'pipe' });
    return new PythonDriver(child);
  }

  /** Everything the driver wrote so far, to check that no secret ever shows up in it. */
  get output(): string {
    return this.stdout + this.stderr;
  }

  run<T extends DriverResult>(command: Record<string, unknown>, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.exited}\nstderr:\n${this.stderr}`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A stuck case would desynchronise every later answer: stop the driver.
        this.child.kill();
        reject(new Error(`the driver did not answer ${String(command.case)} within ${timeoutMs} ms\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.push({
        resolve: (result) => {
          clearTimeout(timer);
          resolve(result as T);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.stdin.write(`${JSON.stringify(command)}\n`);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin.end();
    await exited;
  }
}
