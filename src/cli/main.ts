// `claude-health`: the same core as the extension, for terminals and CI.
// Exit 0 when healthy/ok, 1 when not, 2 for bad input (with a one-line reason on stderr).
import { parseArgs } from 'node:util';
import { EXIT_USAGE, UsageError, type CliIo } from './io';
import { COMMANDS, USAGE } from './commands';

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.stderr(`claude-health: unknown command "${name}"; commands: ${Object.keys(COMMANDS).join(', ')}\n`);
    return EXIT_USAGE;
  }
  try {
    const { values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false });
    // Options declared `multiple` (the list flags) come as arrays; src/cli/flags.ts reads both shapes.
    return await command.run(values as Record<string, string | boolean | undefined>, io);
  } catch (error) {
    const message = (error as Error).message;
    if (error instanceof UsageError || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`claude-health ${name}: ${message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`claude-health ${name}: ${message}\n`);
    return 1;
  }
}

if (require.main === module) {
  const io: CliIo = {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
  };
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`claude-health: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
