// What the extension's manifest promises a person sees: command titles as the
// palette shows them ("Claude Health: Show Log"), with the %key% placeholders
// resolved from package.nls.json, so the tests follow package.json as it grows.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const repoRoot = path.resolve(__dirname, '..', '..', '..');

interface Manifest {
  contributes?: {
    commands?: { command: string; title: string; category?: string }[];
    menus?: { commandPalette?: { command: string; when?: string }[] };
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(repoRoot, file), 'utf8')) as T;
}

function localize(value: string, strings: Record<string, string>): string {
  const match = /^%(.+)%$/.exec(value);
  return match ? (strings[match[1]!] ?? value) : value;
}

export interface ContributedCommand {
  id: string;
  /** As the palette lists it: "Category: Title". */
  paletteTitle: string;
  /** False when a `commandPalette` menu entry hides it behind a `when` clause. */
  alwaysInPalette: boolean;
}

export function contributedCommands(): ContributedCommand[] {
  const manifest = readJson<Manifest>('package.json');
  const strings = readJson<Record<string, string>>('package.nls.json');
  const conditional = new Set((manifest.contributes?.menus?.commandPalette ?? []).filter((entry) => entry.when).map((entry) => entry.command));
  return (manifest.contributes?.commands ?? []).map((command) => {
    const title = localize(command.title, strings);
    const category = command.category ? localize(command.category, strings) : undefined;
    return { id: command.command, paletteTitle: category ? `${category}: ${title}` : title, alwaysInPalette: !conditional.has(command.command) };
  });
}

/** The palette title of one command id; throws if the manifest does not contribute it. */
export function paletteTitle(id: string): string {
  const found = contributedCommands().find((command) => command.id === id);
  if (!found) throw new Error(`package.json contributes no command ${id}`);
  return found.paletteTitle;
}
