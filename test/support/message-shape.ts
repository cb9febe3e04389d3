// What a translation must carry over from its English source unchanged: the
// {0} placeholders, the inline code spans (commands, settings, header names)
// and the command: links. Shared by the manifest, bundle and core catalogue tests.

/** `{0}`, `{1}`… in order of appearance, sorted so reordering in a translation is allowed. */
export function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\d+)\}/g)].map((m) => m[0]).sort();
}

/** Inline code spans and command links, sorted. */
export function literalParts(text: string): string[] {
  return [...[...text.matchAll(/`[^`]+`/g)].map((m) => m[0]), ...[...text.matchAll(/\(command:[^)]+\)/g)].map((m) => m[0])].sort();
}

/** Problems with one translated table, one line each, naming the key: missing, extra, lost placeholders or literals. */
export function translationProblems(english: Readonly<Record<string, string>>, translated: Readonly<Record<string, string | undefined>>, locale: string): string[] {
  const problems: string[] = [];
  for (const [key, source] of Object.entries(english)) {
    const target = translated[key];
    if (typeof target !== 'string' || target.trim() === '') {
      problems.push(`${locale} lacks ${JSON.stringify(key)} (English: ${JSON.stringify(source)})`);
      continue;
    }
    if (placeholders(source).join() !== placeholders(target).join()) {
      problems.push(`${locale} ${JSON.stringify(key)} has placeholders ${placeholders(target).join(' ') || 'none'}, English has ${placeholders(source).join(' ') || 'none'}`);
    }
    if (literalParts(source).join('\n') !== literalParts(target).join('\n')) {
      problems.push(`${locale} ${JSON.stringify(key)} changed code or command links: ${literalParts(target).join(' ')} vs English ${literalParts(source).join(' ')}`);
    }
  }
  for (const key of Object.keys(translated)) {
    if (!(key in english)) problems.push(`${locale} has ${JSON.stringify(key)}, which the English table no longer has`);
  }
  return problems;
}
