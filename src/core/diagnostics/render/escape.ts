// Report text comes partly from the network (status page incident names,
// server headers, API error messages): in Markdown it must stay text, never
// become a link, an image, HTML or a broken table.

/** Escapes Markdown and HTML syntax so the text renders literally. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ' ')
    .replace(/&(?=[A-Za-z#][A-Za-z0-9]*;)/g, '&amp;')
    .replace(/([\\`*[\]|~>])/g, '\\$1')
    .replace(/</g, '&lt;')
    // Underscores only make emphasis at a word's edge (req_011C... stays as it is).
    .replace(/(^|[^A-Za-z0-9\\])_|_(?=[^A-Za-z0-9]|$)/g, (match) => match.replace('_', '\\_'))
    // What would start a heading or a list at the start of a line.
    .replace(/^(\s*)([#+-]|\d+[.)])(?=\s)/gm, '$1\\$2');
}

/** One table cell: escaped, on one line. */
export function escapeCell(text: string): string {
  return escapeMarkdown(text.replace(/\r?\n/g, ' '));
}
