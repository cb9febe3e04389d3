// Terminal columns, for laying out text that may be Chinese. A terminal draws
// CJK ideographs, kana, hangul and full-width punctuation two columns wide
// (Unicode East Asian Width W and F); everything else we print is one. Counting
// characters instead would let a Chinese line run to twice the width. Chinese
// has no spaces between words, so a line may also break between two wide
// characters, though never before closing punctuation nor after opening.

/** Code point ranges of East Asian Wide and Fullwidth characters (UAX #11), the blocks our text can hold. */
const WIDE_RANGES: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, symbols and punctuation (、。「」)
  [0x3041, 0x33ff], // kana, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // full-width forms (，：；（）！？)
  [0xffe0, 0xffe6], // full-width signs
  [0x1f300, 0x1f64f], // emoji drawn wide
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B and later
];

export function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Columns a terminal gives the text (no control sequences in it). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += isWide(char.codePointAt(0) ?? 0) ? 2 : 1;
  return width;
}

/** The text padded with spaces to `width` columns (never cut). */
export function padToWidth(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}

/** Punctuation a line must not start with, and punctuation it must not end with (line-breaking rules of Chinese text). */
const NO_BREAK_BEFORE = new Set([...'，。、；：！？）」』》〉】,.;:!?)]}”’％%']);
const NO_BREAK_AFTER = new Set([...'（「『《〈【([{“‘']);

interface Piece {
  text: string;
  /** Whitespace came before it in the source: the line joins it with a space. */
  spaced: boolean;
  wide: boolean;
}

/** Words and single wide characters, each knowing whether a space came before it. */
function pieces(text: string): Piece[] {
  const out: Piece[] = [];
  let spaced = false;
  let word = '';
  const flush = () => {
    if (word) out.push({ text: word, spaced, wide: false });
    if (word) spaced = false;
    word = '';
  };
  for (const char of text) {
    if (/\s/.test(char)) {
      flush();
      spaced = out.length > 0;
      continue;
    }
    if (isWide(char.codePointAt(0) ?? 0)) {
      flush();
      out.push({ text: char, spaced, wide: true });
      spaced = false;
    } else word += char;
  }
  flush();
  return out;
}

/** A space is always a break; between two pieces without one, only where a wide character is and punctuation allows. */
function breakable(previous: Piece, next: Piece): boolean {
  if (next.spaced) return true;
  if (!previous.wide && !next.wide) return false;
  return !NO_BREAK_BEFORE.has(next.text[0] ?? '') && !NO_BREAK_AFTER.has(previous.text.slice(-1));
}

/** Pieces grouped into runs that must stay on one line. */
function runs(text: string): Piece[][] {
  const groups: Piece[][] = [];
  for (const piece of pieces(text)) {
    const last = groups[groups.length - 1];
    const previous = last?.[last.length - 1];
    if (last && previous && !breakable(previous, piece)) last.push(piece);
    else groups.push([piece]);
  }
  return groups;
}

function joined(group: readonly Piece[]): string {
  return group.map((piece, index) => (index > 0 && piece.spaced ? ` ${piece.text}` : piece.text)).join('');
}

/** A run wider than a line, cut into pieces of at most `width` columns. */
function cut(text: string, width: number): string[] {
  const parts: string[] = [];
  let part = '';
  for (const char of text) {
    if (part && displayWidth(part + char) > width) {
      parts.push(part);
      part = '';
    }
    part += char;
  }
  if (part) parts.push(part);
  return parts;
}

export interface WrapOptions {
  /** Before every line but the first. */
  indent?: string;
  /** Before the first line; default `indent`. */
  firstIndent?: string;
  /** Cut a word wider than a line (table cells); by default it stands alone on its line, whole (a URL, a flag). */
  cutLongWords?: boolean;
}

/**
 * Text in lines of at most `width` columns: English breaks at spaces, Chinese
 * also between characters. A line keeps a space only where the source had one.
 */
export function wrapToWidth(text: string, width: number, options: WrapOptions = {}): string[] {
  const indent = options.indent ?? '';
  const lines: string[] = [];
  let line = options.firstIndent ?? indent;
  let empty = true;
  for (const group of runs(text)) {
    const first = group[0]!;
    const gap = !empty && first.spaced ? ' ' : '';
    const words = joined(group);
    if (!empty && displayWidth(line) + gap.length + displayWidth(words) > width) {
      lines.push(line);
      line = indent;
      empty = true;
    }
    if (empty && options.cutLongWords && displayWidth(line) + displayWidth(words) > width) {
      const parts = cut(words, Math.max(1, width - displayWidth(indent)));
      for (const part of parts.slice(0, -1)) lines.push(line + part);
      line = indent + (parts[parts.length - 1] ?? '');
    } else line += empty ? words : gap + words;
    empty = false;
  }
  lines.push(line);
  return lines;
}
