// `claude-health sim`: runs the simulator in the foreground until SIGINT/SIGTERM.
import { loadScenario } from '../sim/scenario-source';
import { ScenarioError } from '../sim/scenario';
import { startSimulator, type RunningSimulator } from '../sim/server';
import { booleanFlag, integerFlag, PORT_RANGE, stringFlag, type CliFlags } from './flags';
import { serveUntilSignal } from './foreground';
import type { Translate } from '../core/l10n';
import { portFlagHelp, type CommandHelp } from './help';
import { cliTranslator } from './locale';
import { type CliIo, EXIT_OK, EXIT_USAGE, UsageError } from './io';
import { BUILT_IN_SCENARIO_NAMES } from '../sim/scenarios';

export function simSummary(t: Translate): string {
  return t`Run the local simulator of the API and the status page.`;
}

export const SIM_OPTIONS = {
  scenario: { type: 'string' },
  port: { type: 'string' },
  'require-key': { type: 'boolean' },
} as const;

export function simHelp(t: Translate): CommandHelp {
  return {
    description: t`Listens on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM. Prints one JSON line first: {apiBaseUrl, statusPageUrl, scenario}; point --base-url and --status-url of the other commands at them.`,
    flags: {
      scenario: { value: 'NAME|FILE', description: t`A built-in scenario or a JSON scenario file (default healthy). Built-in: ${BUILT_IN_SCENARIO_NAMES.join(', ')}.` },
      port: { value: 'N', description: portFlagHelp(t) },
      'require-key': { description: t`Accept only the key in ANTHROPIC_API_KEY; any other gets 401.` },
    },
    examples: ['sim --scenario storm', 'sim --port 8080 --require-key'],
    exitCodes: [
      [EXIT_OK, t`stopped by SIGINT or SIGTERM`],
      [EXIT_USAGE, t`a bad flag, an unreadable scenario, or the port is taken`],
    ],
  };
}

/** Starts the simulator and prints its one-line JSON handshake; the caller keeps the process alive. */
export async function startSimCommand(flags: CliFlags, io: CliIo): Promise<RunningSimulator> {
  const port = integerFlag(flags, 'port', PORT_RANGE) ?? 0;
  const requireKey = booleanFlag(flags, 'require-key');
  let scenario;
  try {
    scenario = loadScenario(stringFlag(flags, 'scenario') ?? 'healthy');
  } catch (error) {
    if (error instanceof ScenarioError) throw new UsageError(`--scenario: ${error.message}`);
    throw error;
  }
  // --require-key: only the key in ANTHROPIC_API_KEY is accepted (others get 401), to rehearse auth failures.
  const requiredApiKey = requireKey ? io.env.ANTHROPIC_API_KEY : undefined;
  if (requireKey && !requiredApiKey) throw new UsageError((t) => t`--require-key needs ANTHROPIC_API_KEY set to the key to accept`);
  let sim: RunningSimulator;
  try {
    sim = await startSimulator({ port, scenario, log: (line) => io.stderr(`${line}\n`), requiredApiKey });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError((t) => t`port ${port} is already in use on 127.0.0.1; pick another with --port, or 0 for any free port`);
    throw error;
  }
  io.stdout(`${JSON.stringify({ apiBaseUrl: sim.apiBaseUrl, statusPageUrl: sim.statusPageUrl, scenario: scenario.name })}\n`);
  return sim;
}

export async function runSimCommand(flags: CliFlags, io: CliIo): Promise<number> {
  const sim = await startSimCommand(flags, io);
  const t = cliTranslator(io);
  return serveUntilSignal(io, (signal) => t`received ${signal}, stopping the simulator`, () => sim.close());
}
