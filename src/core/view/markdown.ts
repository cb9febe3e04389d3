// Markdown helpers for the tooltip and the diagnostics report. Text from the
// network (incident names and bodies, request ids, server headers, error
// messages) is escaped so it renders as the same text: no link, image, HTML,
// emphasis, heading, list, table cell or `$(icon)` it did not come with. The
// report is also read raw (the CLI prints it, the editor opens it), so only
// what Markdown would act on is escaped: `req_011C…` and `api.anthropic.com`
// stay as they are.

/** Always syntax, wherever they stand: code, emphasis, links, tables, strikethrough, theme icons. */
const ALWAYS = /[\\`*[\]|~$]/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Escapes Markdown, HTML and theme-icon syntax so the text renders literally,
 * on one line (a line break could end a list item or a table row).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\u0000-\u001f\u007f]+/g, ' ')
      .replace(ALWAYS, '\\$&')
      // HTML, autolinks in angle brackets and blockquotes.
      .replace(/[&<>]/g, (char) => ENTITIES[char] ?? char)
      // An underscore between two letters or digits never makes emphasis.
      .replace(/(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])/g, '\\_')
      // Bare links GFM would make by itself: scheme://, www. and e-mail addresses.
      .replace(/:(?=\/\/)/g, '\\:')
      .replace(/\bwww\./gi, (match) => `${match.slice(0, 3)}\\.`)
      .replace(/(?<=[A-Za-z0-9._+-])@/g, '\\@')
      // A command: URI runs a VS Code command from a trusted tooltip; keep it from reading as one.
      .replace(/\bcommand:(?=\S)/gi, (match) => `${match.slice(0, -1)}\\:`)
      // What would start a heading or a list (the text often follows "- " in a list).
      .replace(/^(\s*)([#+-])/, '$1\\$2')
      .replace(/^(\s*\d+)([.)])(?=\s|$)/, '$1\\$2')
  );
}

/** Inline code that cannot be broken out of. */
export function code(text: string): string {
  const clean = text.replace(/[\r\n`]+/g, ' ');
  return `\`${clean}\``;
}

/** A link to an http(s) URL, or the bare escaped text when the URL is anything else. */
export function link(text: string, url: string | undefined): string {
  if (!url) return escapeMarkdown(text);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return escapeMarkdown(text);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return escapeMarkdown(text);
  const target = parsed.href.replace(/[()<> "'\\]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${escapeMarkdown(text)}](${target})`;
}

/** A link that runs one of our commands (the adapter trusts exactly these ids). */
export function commandLink(label: string, commandId: string): string {
  return `[${label}](command:${commandId})`;
}
