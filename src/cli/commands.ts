// The command table: each command's flags, its help and how it runs.
//
// A command sets `summary` (one line, shown in `claude-health --help`),
// `options` (for node:util parseArgs), `run`, and `help`: a description of
// every option (test/unit/cli/help.test.ts holds every command to that and to
// 80 columns), examples and, when they differ from the default, exit codes.
import { type ParseArgsConfig } from 'node:util';
import { type CliIo } from './io';
import { type CommandHelp, renderCommandHelp, renderOverview } from './help';
import { DIAGNOSE_HELP, DIAGNOSE_OPTIONS, DIAGNOSE_SUMMARY, runDiagnoseCommand } from './diagnose-command';
import { PROBE_HELP, PROBE_OPTIONS, PROBE_SUMMARY, runProbeCommand } from './probe-command';
import { runSignalsCommand, SIGNALS_HELP, SIGNALS_OPTIONS, SIGNALS_SUMMARY } from './signals-command';
import { runSimCommand, SIM_HELP, SIM_OPTIONS, SIM_SUMMARY } from './sim-command';
import { runSnippetCommand, SNIPPET_HELP, SNIPPET_OPTIONS, SNIPPET_SUMMARY } from './snippet-command';
import { runStatusCommand, STATUS_HELP, STATUS_OPTIONS, STATUS_SUMMARY } from './status-command';
import { runTapCommand, TAP_HELP, TAP_OPTIONS, TAP_SUMMARY } from './tap-command';
import { runWatchCommand, WATCH_HELP, WATCH_OPTIONS, WATCH_SUMMARY } from './watch-command';

export interface Command {
  /** One line: what the command does. */
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(flags: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
  /** Shown by `claude-health <command> --help`; without it the flags are listed undescribed. */
  help?: CommandHelp;
}

export const COMMANDS: Record<string, Command> = {
  status: { summary: STATUS_SUMMARY, options: STATUS_OPTIONS, help: STATUS_HELP, run: (flags, io) => runStatusCommand(flags, io) },
  probe: { summary: PROBE_SUMMARY, options: PROBE_OPTIONS, help: PROBE_HELP, run: (flags, io) => runProbeCommand(flags, io) },
  diagnose: { summary: DIAGNOSE_SUMMARY, options: DIAGNOSE_OPTIONS, help: DIAGNOSE_HELP, run: (flags, io) => runDiagnoseCommand(flags, io) },
  snippet: { summary: SNIPPET_SUMMARY, options: SNIPPET_OPTIONS, help: SNIPPET_HELP, run: (flags, io) => runSnippetCommand(flags, io) },
  sim: { summary: SIM_SUMMARY, options: SIM_OPTIONS, help: SIM_HELP, run: (flags, io) => runSimCommand(flags, io) },
  tap: { summary: TAP_SUMMARY, options: TAP_OPTIONS, help: TAP_HELP, run: (flags, io) => runTapCommand(flags, io) },
  signals: { summary: SIGNALS_SUMMARY, options: SIGNALS_OPTIONS, help: SIGNALS_HELP, run: (flags, io) => runSignalsCommand(flags, io) },
  watch: { summary: WATCH_SUMMARY, options: WATCH_OPTIONS, help: WATCH_HELP, run: (flags, io) => runWatchCommand(flags, io, { live: io.isTTY === true }) },
};

function subjects() {
  return Object.entries(COMMANDS).map(([name, command]) => ({ name, ...command }));
}

/** `claude-health --help`. */
export const USAGE = renderOverview(subjects());

/** `claude-health <name> --help`, for a name in COMMANDS. */
export function commandHelp(name: string): string {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new Error(`no command ${name}`);
  return renderCommandHelp({ name, ...command });
}
