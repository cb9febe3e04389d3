// The command table: each command's flags and how it runs.
import { type ParseArgsConfig } from 'node:util';
import { BUILT_IN_SCENARIO_NAMES } from '../sim/scenarios';
import { type CliIo } from './io';
import { DIAGNOSE_OPTIONS, DIAGNOSE_SUMMARY, runDiagnoseCommand } from './diagnose-command';
import { PROBE_OPTIONS, PROBE_SUMMARY, runProbeCommand } from './probe-command';
import { runSimCommand } from './sim-command';
import { runSnippetCommand, SNIPPET_OPTIONS, SNIPPET_SUMMARY } from './snippet-command';
import { runStatusCommand, STATUS_OPTIONS, STATUS_SUMMARY } from './status-command';
import { runWatchCommand, WATCH_OPTIONS, WATCH_SUMMARY } from './watch-command';

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(flags: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  status: { summary: STATUS_SUMMARY, options: STATUS_OPTIONS, run: (flags, io) => runStatusCommand(flags, io) },
  probe: { summary: PROBE_SUMMARY, options: PROBE_OPTIONS, run: (flags, io) => runProbeCommand(flags, io) },
  diagnose: { summary: DIAGNOSE_SUMMARY, options: DIAGNOSE_OPTIONS, run: (flags, io) => runDiagnoseCommand(flags, io) },
  snippet: { summary: SNIPPET_SUMMARY, options: SNIPPET_OPTIONS, run: (flags, io) => runSnippetCommand(flags, io) },
  sim: {
    summary: 'sim [--scenario NAME|FILE] [--port N] [--require-key]   run the local simulator of the API and status page',
    options: { scenario: { type: 'string' }, port: { type: 'string' }, 'require-key': { type: 'boolean' } },
    run: (flags, io) => runSimCommand(flags, io),
  },
  watch: { summary: WATCH_SUMMARY, options: WATCH_OPTIONS, run: (flags, io) => runWatchCommand(flags, io, { live: process.stdout.isTTY === true }) },
};

export const USAGE = `usage: claude-health <command> [flags]

${Object.values(COMMANDS)
  .map((command) => `  ${command.summary}`)
  .join('\n')}

Built-in simulator scenarios: ${BUILT_IN_SCENARIO_NAMES.join(', ')}.
`;
