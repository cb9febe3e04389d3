// Markdown helpers for the tooltip. Text from the network (incident names,
// bodies, request ids, error messages) is escaped so it renders as text: no
// links, no emphasis, no `$(icon)` and no `command:` it did not come with.

const SPECIAL = /[\\`*_{}[\]()#+\-.!|<>~$&:]/g;

/** Escapes Markdown syntax and theme-icon syntax; collapses line breaks. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').replace(SPECIAL, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : char === '>' ? '&gt;' : `\\${char}`));
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
