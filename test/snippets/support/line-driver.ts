// A driver program kept running for a whole suite: one JSON command per line in,
// one JSON result per line out. The interpreter or VM and the SDK load once.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

export class LineDriver {
  private readonly pending: Pending[] = [];
  private stdout = '';
  private stderr = '';
  private exited: string | undefined;

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => {
      this.stdout += `${line}\n`;
      const waiting = this.pending.shift();
      if (!waiting) return;
      try {
        waiting.resolve(JSON.parse(line));
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
  static start(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): LineDriver {
    return new LineDriver(spawn(command, args, { cwd, env, stdio: 'pipe' }));
  }

  /** Everything the driver wrote so far, to check that no secret ever shows up in it. */
  get output(): string {
    return this.stdout + this.stderr;
  }

  run<T>(command: Record<string, unknown>, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`${this.exited}\nstderr:\n${this.stderr}`));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        // A stuck case would desynchronise every later answer: stop the driver.
        this.child.kill();
        reject(new Error(`the driver did not answer ${String(command.case)} within ${timeoutMs} ms\nstderr:\n${this.stderr}`));
      }, timeoutMs);
      this.pending.push({
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value as T);
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
