// Runs the compiled driver in its own Node process (as a user's program would run the
// wrapper) and returns its one JSON line. Asynchronous on purpose: the simulator answers
// from this very process, so blocking here would starve it.
import { execFile } from 'node:child_process';
import { type CallReport, type CrowdReport, type DriverCase, type LimiterRunReport } from './driver';
import { type SnippetProject } from './snippet-project';

/** A key that must never appear in anything the wrapper prints or throws. */
export const SENTINEL_KEY = 'sk-ant-api03-SENTINEL-node-snippets-0000000000000000';

function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    // Nothing from the developer's own setup may steer the child (keys, base URLs, proxies, loaders).
    if (/^ANTHROPIC_|_PROXY$|^NODE_OPTIONS$/i.test(name)) continue;
    env[name] = value;
  }
  env.ANTHROPIC_API_KEY = SENTINEL_KEY;
  return env;
}

async function runDriver(project: SnippetProject, spec: Omit<DriverCase, 'wrappersDir'>, timeoutMs = 60_000): Promise<unknown> {
  const full: DriverCase = { ...spec, wrappersDir: project.wrappersDir };
  const { stdout, stderr, exitCode } = await new Promise<{ stdout: string; stderr: string; exitCode: number }>((resolve) => {
    execFile(process.execPath, [project.driverPath, JSON.stringify(full)], { env: childEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, out, err) => {
      resolve({ stdout: out, stderr: err, exitCode: error ? (typeof error.code === 'number' ? error.code : -1) : 0 });
    });
  });
  if (`${stdout}${stderr}`.includes(SENTINEL_KEY)) throw new Error('the API key appeared in the driver output');
  if (exitCode !== 0 || stderr.trim() !== '') {
    throw new Error(`driver exited ${exitCode} for ${JSON.stringify(spec)}\nstdout: ${stdout}\nstderr: ${stderr}`);
  }
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as unknown;
}

export async function runCall(project: SnippetProject, spec: Omit<DriverCase, 'wrappersDir' | 'kind'>): Promise<CallReport> {
  return (await runDriver(project, { ...spec, kind: 'call' })) as CallReport;
}

export async function runCrowd(project: SnippetProject, spec: Omit<DriverCase, 'wrappersDir' | 'kind'>): Promise<CrowdReport> {
  return (await runDriver(project, { ...spec, kind: 'crowd' })) as CrowdReport;
}

export async function runLimiterRun(project: SnippetProject, spec: Omit<DriverCase, 'wrappersDir' | 'kind'>, timeoutMs?: number): Promise<LimiterRunReport> {
  return (await runDriver(project, { ...spec, kind: 'limiter' }, timeoutMs)) as LimiterRunReport;
}
