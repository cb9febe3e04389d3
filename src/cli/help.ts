// Each command's help (what it does, each flag with its value and meaning,
// examples, exit codes) and the one renderer that lays it out for a terminal,
// wrapped at 80 display columns so it reads in the narrowest window and in a
// CI log, in English or in Chinese (two columns a character, see display-width).
import type { Translate } from '../core/l10n';
import { displayWidth, padToWidth, wrapToWidth } from '../core/text/display-width';
import { EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE } from './io';
import { localeFlagHelp } from './locale';

export const HELP_WIDTH = 80;

export interface FlagHelp {
  /** The placeholder shown after the flag, e.g. "URL" or "N"; absent for a switch. */
  value?: string;
  description: string;
}

export type ExitCodeHelp = readonly [code: number, meaning: string];

/** The help a command declares beside its options in the command table. */
export interface CommandHelp {
  /** What follows the command name in the usage line; default "[flags]". */
  usage?: string;
  /** Sentences after the summary: what the command does, what it reads. */
  description?: string;
  /** One entry per option the command accepts, keyed like its options. */
  flags: Readonly<Record<string, FlagHelp>>;
  /** Whole command lines, without the leading "claude-health". */
  examples?: readonly string[];
  /** Default: DEFAULT_EXIT_CODES. */
  exitCodes?: readonly ExitCodeHelp[];
}

export function defaultExitCodes(t: Translate): readonly ExitCodeHelp[] {
  return [
    [EXIT_OK, t`ok: healthy, or the command did what was asked`],
    [EXIT_UNHEALTHY, t`unhealthy: a check failed or the API could not be reached`],
    [EXIT_USAGE, t`usage or configuration error (a bad flag, a missing key)`],
  ];
}

/** --proxy, as status, probe, diagnose and watch read it. */
export function proxyFlagHelp(t: Translate): string {
  return t`Proxy for every request (http://host:port); default HTTPS_PROXY, HTTP_PROXY or ALL_PROXY, minus NO_PROXY.`;
}

/** --port, as sim and tap read it. */
export function portFlagHelp(t: Translate): string {
  return t`Port to listen on, 0 to 65535 (default 0: any free port).`;
}

/** Words laid out in lines of at most `width` display columns; a word longer than a line stands alone. */
export function wrap(text: string, width: number, indent = '', firstIndent = indent): string[] {
  return wrapToWidth(text, width, { indent, firstIndent });
}

const FLAG_COLUMN = 26;

/** "  --label VALUE          description", the description wrapped under itself. */
function twoColumns(label: string, description: string): string[] {
  const indent = ' '.repeat(FLAG_COLUMN);
  const head = `  ${label}`;
  if (displayWidth(head) + 2 > FLAG_COLUMN) return [head, ...wrap(description, HELP_WIDTH, indent)];
  return wrap(description, HELP_WIDTH, indent, padToWidth(head, FLAG_COLUMN));
}

function flagLabel(name: string, flag: FlagHelp, short: string | undefined): string {
  const long = `--${name}${flag.value ? ` ${flag.value}` : ''}`;
  return short ? `-${short}, ${long}` : long;
}

export interface HelpSubject {
  name: string;
  summary: string;
  options: Readonly<Record<string, { short?: string }>>;
  help?: CommandHelp;
}

/** `claude-health <command> --help`. */
export function renderCommandHelp(command: HelpSubject, t: Translate): string {
  const help = command.help ?? { flags: {} };
  // "usage:" stays English in every language, as getopt and git print it, so scripts and searches find it.
  const lines = [...wrap(`usage: claude-health ${command.name} ${help.usage ?? '[flags]'}`, HELP_WIDTH, '         ', ''), ''];
  lines.push(...wrap(command.summary, HELP_WIDTH));
  if (help.description) lines.push('', ...wrap(help.description, HELP_WIDTH));
  lines.push('', t`Flags:`);
  for (const [name, option] of Object.entries(command.options)) {
    const flag = help.flags[name] ?? { description: '' };
    lines.push(...twoColumns(flagLabel(name, flag, option.short), flag.description));
  }
  lines.push(...twoColumns('--locale LOCALE', localeFlagHelp(t)));
  lines.push(...twoColumns('-h, --help', t`Show this help and exit.`));
  if (help.examples?.length) {
    lines.push('', t`Examples:`);
    // Never wrapped, so each pastes into a shell as one line; the help test keeps them short.
    for (const example of help.examples) lines.push(`  claude-health ${example}`);
  }
  lines.push('', t`Exit codes:`);
  for (const [code, meaning] of help.exitCodes ?? defaultExitCodes(t)) lines.push(...wrap(meaning, HELP_WIDTH, '     ', `  ${code}  `));
  return `${lines.join('\n')}\n`;
}

/** `claude-health --help`: the commands, how to get each one's help, the exit codes. */
export function renderOverview(commands: readonly HelpSubject[], t: Translate): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4;
  const lines = [
    'usage: claude-health <command> [flags]',
    '       claude-health <command> --help',
    '       claude-health help <command>',
    '       claude-health --version',
    '',
    ...wrap(t`Is the Claude API usable from this machine right now? The same checks as the Claude Health extension, for terminals and CI.`, HELP_WIDTH),
    '',
    t`Commands:`,
  ];
  for (const command of commands) lines.push(...wrap(command.summary, HELP_WIDTH, ' '.repeat(width + 2), `  ${command.name.padEnd(width)}`));
  lines.push('', t`Global flags (before or after the command):`);
  lines.push(...twoColumns('--locale LOCALE', localeFlagHelp(t)));
  lines.push('', t`Exit codes (each command's --help says what they mean for it):`);
  for (const [code, meaning] of defaultExitCodes(t)) lines.push(...wrap(meaning, HELP_WIDTH, '     ', `  ${code}  `));
  lines.push('', ...wrap(t`Flags take their value as the next word or after "=": --timeout-ms 5000 or --timeout-ms=5000.`, HELP_WIDTH));
  return `${lines.join('\n')}\n`;
}
