// The command table: each command's flags, its help and how it runs.
//
// A command sets `summary` (one line, shown in `claude-health --help`),
// `options` (for node:util parseArgs), `run`, and `help`: a description of
// every option (test/unit/cli/help.test.ts holds every command to that and to
// 80 columns), examples and, when they differ from the default, exit codes.
import { type ParseArgsConfig } from 'node:util';
import { english, type Translate } from '../core/l10n';
import { type CliIo } from './io';
import { type CommandHelp, renderCommandHelp, renderOverview } from './help';
import { diagnoseHelp, DIAGNOSE_OPTIONS, diagnoseSummary, runDiagnoseCommand } from './diagnose-command';
import { probeHelp, PROBE_OPTIONS, probeSummary, runProbeCommand } from './probe-command';
import { runSignalsCommand, signalsHelp, SIGNALS_OPTIONS, signalsSummary } from './signals-command';
import { runSimCommand, simHelp, SIM_OPTIONS, simSummary } from './sim-command';
import { runSnippetCommand, snippetHelp, SNIPPET_OPTIONS, snippetSummary } from './snippet-command';
import { runStatusCommand, statusHelp, STATUS_OPTIONS, statusSummary } from './status-command';
import { runTapCommand, tapHelp, TAP_OPTIONS, tapSummary } from './tap-command';
import { runWatchCommand, watchHelp, WATCH_OPTIONS, watchSummary } from './watch-command';

export interface Command {
  /** One line: what the command does, in the run's language. */
  summary(t: Translate): string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(flags: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
  /** Shown by `claude-health <command> --help`, in the run's language. */
  help(t: Translate): CommandHelp;
}

export const COMMANDS: Record<string, Command> = {
  status: { summary: statusSummary, options: STATUS_OPTIONS, help: statusHelp, run: (flags, io) => runStatusCommand(flags, io) },
  probe: { summary: probeSummary, options: PROBE_OPTIONS, help: probeHelp, run: (flags, io) => runProbeCommand(flags, io) },
  diagnose: { summary: diagnoseSummary, options: DIAGNOSE_OPTIONS, help: diagnoseHelp, run: (flags, io) => runDiagnoseCommand(flags, io) },
  snippet: { summary: snippetSummary, options: SNIPPET_OPTIONS, help: snippetHelp, run: (flags, io) => runSnippetCommand(flags, io) },
  sim: { summary: simSummary, options: SIM_OPTIONS, help: simHelp, run: (flags, io) => runSimCommand(flags, io) },
  tap: { summary: tapSummary, options: TAP_OPTIONS, help: tapHelp, run: (flags, io) => runTapCommand(flags, io) },
  signals: { summary: signalsSummary, options: SIGNALS_OPTIONS, help: signalsHelp, run: (flags, io) => runSignalsCommand(flags, io) },
  watch: { summary: watchSummary, options: WATCH_OPTIONS, help: watchHelp, run: (flags, io) => runWatchCommand(flags, io, { live: io.isTTY === true }) },
};

function subject(name: string, command: Command, t: Translate) {
  return { name, summary: command.summary(t), options: command.options, help: command.help(t) };
}

/** `claude-health --help`. */
export function usage(t: Translate): string {
  return renderOverview(
    Object.entries(COMMANDS).map(([name, command]) => subject(name, command, t)),
    t,
  );
}

/** `claude-health --help` in English. */
export const USAGE = usage(english);

/** `claude-health <name> --help`, for a name in COMMANDS. */
export function commandHelp(name: string, t: Translate = english): string {
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new Error(`no command ${name}`);
  return renderCommandHelp(subject(name, command, t), t);
}
