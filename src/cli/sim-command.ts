// `claude-health sim`: runs the simulator in the foreground until SIGINT/SIGTERM.
import { loadScenario } from '../sim/scenario-source';
import { ScenarioError } from '../sim/scenario';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { booleanFlag, integerFlag, PORT_RANGE, stringFlag, type CliFlags } from './flags';
import { type CliIo, UsageError } from './io';

/** Starts the simulator and prints its one-line JSON handshake; the caller keeps the process alive. */
export async function startSimCommand(flags: CliFlags, io: CliIo): Promise<RunningSimulator> {
  const port = integerFlag(flags, 'port', PORT_RANGE) ?? 0;
  const requireKey = booleanFlag(flags, 'require-key');
  let scenario;
  try {
    scenario = loadScenario(stringFlag(flags, 'scenario') ?? 'healthy');
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(error.message);
    throw error;
  }
  // --require-key: only the key in ANTHROPIC_API_KEY is accepted (others get 401), to rehearse auth failures.
  const requiredApiKey = requireKey ? io.env.ANTHROPIC_API_KEY : undefined;
  if (requireKey && !requiredApiKey) throw new UsageError('--require-key needs ANTHROPIC_API_KEY set to the key to accept');
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ port, scenario, log: (line) => io.stderr(`${line}\n`), requiredApiKey });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${port} is already in use on 127.0.0.1; pick another with --port, or 0 for any free port`);
    throw error;
  }
  io.stdout(`${JSON.stringify({ apiBaseUrl: sim.apiBaseUrl, statusPageUrl: sim.statusPageUrl, scenario: scenario.name })}\n`);
  return sim;
}

export async function runSimCommand(flags: CliFlags, io: CliIo): Promise<number> {
  const sim = await startSimCommand(flags, io);
  return new Promise<number>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      io.stderr(`received ${signal}, stopping the simulator\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void sim.close().then(() => resolve(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
