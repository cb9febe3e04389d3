// `claude-health`: the same core as the extension, for terminals and CI.
// Exit 0 when healthy/ok, 1 when not, 2 for bad input (with a one-line reason on stderr).
import { parseArgs } from 'node:util';
import { redactSecrets } from '../core/net/redact';
import { describeError } from '../core/text/describe-error';
import { version } from '../../package.json';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, UsageError, type CliIo } from './io';
import type { Translate } from '../core/l10n';
import { COMMANDS, commandHelp, usage, type Command } from './commands';
import { cliTranslator, takeLocaleFlag } from './locale';

const HELP_FLAGS = new Set(['--help', '-h']);
const VERSION_FLAGS = new Set(['--version', '-V']);

/** The flag named in node:util's own parse errors, e.g. "Unknown option '--foo'". */
function flagInParseError(message: string): string | undefined {
  return /'(-{1,2}[^'\s<]{1,60})/.exec(message)?.[1];
}

/** node:util's parse errors, reworded to name the flag as typed and what the command takes instead. */
function parseErrorMessage(name: string, command: Command, error: NodeJS.ErrnoException, t: Translate): string {
  const flag = flagInParseError(error.message);
  const known = Object.keys(command.options).map((option) => `--${option}`).join(', ');
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return t`unknown flag ${flag ?? ''}; ${name} takes ${known} (claude-health ${name} --help describes them)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL': {
      const word = /argument '([^']{0,60})/.exec(error.message)?.[1] ?? '';
      return t`unexpected argument "${word}": ${name} takes only flags: ${known} (claude-health ${name} --help describes them)`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const takesValue = flag !== undefined && command.options[flag.replace(/^-+/, '')]?.type === 'string';
      if (!takesValue) return flag ? t`${flag} takes no value` : t`a switch takes no value`;
      const value = command.help(t).flags[flag.replace(/^-+/, '')]?.value;
      return value ?
          t`${flag} needs a value (${value}); to give one that starts with "-", write ${flag}=VALUE`
        : t`${flag} needs a value; to give one that starts with "-", write ${flag}=VALUE`;
    }
    default:
      return error.message;
  }
}

function helpWanted(args: readonly string[]): boolean {
  const end = args.indexOf('--');
  return (end < 0 ? args : args.slice(0, end)).some((arg) => HELP_FLAGS.has(arg));
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  let taken: ReturnType<typeof takeLocaleFlag>;
  try {
    taken = takeLocaleFlag(argv);
  } catch (error) {
    const reason = error instanceof UsageError ? error.localized(cliTranslator(io)) : (error as Error).message;
    io.stderr(`claude-health: ${reason}\n`);
    return EXIT_USAGE;
  }
  if (taken.locale !== undefined) io = { ...io, locale: taken.locale };
  const t = cliTranslator(io);
  const [name, ...rest] = taken.argv;
  if (name === undefined) {
    io.stderr(usage(t));
    return EXIT_USAGE;
  }
  if (HELP_FLAGS.has(name)) {
    io.stdout(usage(t));
    return EXIT_OK;
  }
  if (VERSION_FLAGS.has(name)) {
    io.stdout(`claude-health ${version}\n`);
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest[0];
    if (topic === undefined) io.stdout(usage(t));
    else if (Object.hasOwn(COMMANDS, topic)) io.stdout(commandHelp(topic, t));
    else {
      io.stderr(`claude-health help: ${t`unknown command "${topic.slice(0, 40)}"; commands: ${Object.keys(COMMANDS).join(', ')}`}\n`);
      return EXIT_USAGE;
    }
    return EXIT_OK;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.stderr(`claude-health: ${t`unknown command "${name.slice(0, 40)}"; commands: ${Object.keys(COMMANDS).join(', ')} (claude-health --help describes them)`}\n`);
    return EXIT_USAGE;
  }
  if (helpWanted(rest)) {
    io.stdout(commandHelp(name, t));
    return EXIT_OK;
  }
  try {
    let values: ReturnType<typeof parseArgs>['values'];
    try {
      values = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }).values;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) throw new UsageError(parseErrorMessage(name, command, error as NodeJS.ErrnoException, t));
      throw error;
    }
    // Options declared `multiple` (the list flags) come as arrays; src/cli/flags.ts reads both shapes.
    return await command.run(values as Record<string, string | boolean | undefined>, io);
  } catch (error) {
    // Whatever was thrown, one line, and never the key: an error can quote what a server echoed.
    const message = redactSecrets(error instanceof UsageError ? error.localized(t) : describeError(error), [io.env.ANTHROPIC_API_KEY]);
    io.stderr(`claude-health ${name}: ${message}\n`);
    return error instanceof UsageError ? EXIT_USAGE : EXIT_UNHEALTHY;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    isTTY: process.stdout.isTTY === true,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`claude-health: ${redactSecrets(describeError(error), [process.env.ANTHROPIC_API_KEY])}\n`);
      process.exitCode = 1;
    },
  );
}
