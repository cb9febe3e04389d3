// The command table: each command's flags and how it runs.
import { type ParseArgsConfig } from 'node:util';
import { type CliIo } from './io';
import { runSimCommand } from './sim-command';

export interface Command {
  summary: string;
  options: NonNullable<ParseArgsConfig['options']>;
  run(flags: Record<string, string | boolean | undefined>, io: CliIo): Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  sim: {
    summary: 'sim [--scenario NAME|FILE] [--port N] [--require-key]   run the local simulator of the API and status page',
    options: { scenario: { type: 'string' }, port: { type: 'string' }, 'require-key': { type: 'boolean' } },
    run: (flags, io) => runSimCommand(flags, io),
  },
};

export const USAGE = `usage: claude-health <command> [flags]

${Object.values(COMMANDS)
  .map((command) => `  ${command.summary}`)
  .join('\n')}

Built-in simulator scenarios: healthy, overloaded, storm, rate-limited, outage, maintenance, slow, flaky.
`;
