// `claude-health sim` and `claude-health tap` as a user runs them: the built
// CLI (dist/cli.js, what `npm run bench` builds first) in a process of its
// own, read up to its one-line JSON handshake, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const CLI_PATH = path.resolve(__dirname, '../../dist/cli.js');

export interface CliProcess {
  process: ChildProcess;
  /** The command's first stdout line, parsed. */
  handshake: Record<string, string>;
  /** What it wrote on stderr, when asked to keep it. */
  stderr(): string;
}

export interface CliProcessOptions {
  env: NodeJS.ProcessEnv;
  /** Keep stderr (the tap's one line per request) instead of discarding it, as a terminal would show it. */
  keepStderr?: boolean;
}

export async function startCliProcess(args: string[], options: CliProcessOptions): Promise<CliProcess> {
  if (!existsSync(CLI_PATH)) throw new Error(`${CLI_PATH} is missing: run \`npm run build\` (npm run bench builds first)`);
  const child = spawn(process.execPath, [CLI_PATH, ...args], { env: options.env, stdio: ['ignore', 'pipe', options.keepStderr ? 'pipe' : 'ignore'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`claude-health ${args[0]} exited ${code} before its handshake: ${stderr.slice(-500)}`)));
  });
  return { process: child, handshake: JSON.parse(line) as Record<string, string>, stderr: () => stderr };
}

/** SIGTERM, and the exit (the tap writes out its records on the way). */
export function stopCliProcess(child: CliProcess): Promise<void> {
  if (child.process.exitCode !== null || child.process.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.process.once('exit', () => resolve());
    child.process.kill('SIGTERM');
  });
}
