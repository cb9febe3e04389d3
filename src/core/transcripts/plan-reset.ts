// When a subscription limit resets, from the words Claude Code shows:
//   "You've hit your session limit · resets 11:30am (America/New_York)"
//   "You've hit your weekly limit · resets Oct 6, 1pm (Europe/Berlin)"
//   "Claude AI usage limit reached|1749924000"   (older versions: epoch seconds)
// Read with a hand-written scanner, not a regex: the text is untrusted and
// must not be able to make the parse slow. Undefined when it does not parse.

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAY_MS = 86_400_000;
const MAX_ZONE_LENGTH = 64;

class Scanner {
  constructor(
    private readonly text: string,
    public at: number,
  ) {}

  skipSpaces(): void {
    while (this.text[this.at] === ' ' || this.text[this.at] === '\u00a0') this.at++;
  }

  /** Consumes `word` (case-blind) when it comes next. */
  take(word: string): boolean {
    if (this.text.slice(this.at, this.at + word.length).toLowerCase() !== word) return false;
    this.at += word.length;
    return true;
  }

  /** Up to `max` digits, as a number. */
  digits(max: number): number | undefined {
    const start = this.at;
    while (this.at - start < max && /[0-9]/.test(this.text[this.at] ?? '')) this.at++;
    return this.at > start ? Number(this.text.slice(start, this.at)) : undefined;
  }

  letters(max: number): string {
    const start = this.at;
    while (this.at - start < max && /[A-Za-z]/.test(this.text[this.at] ?? '')) this.at++;
    return this.text.slice(start, this.at);
  }

  /** The text up to `close`, at most `max` characters; undefined when it does not close in time. */
  until(close: string, max: number): string | undefined {
    const end = this.text.indexOf(close, this.at);
    if (end === -1 || end - this.at > max) return undefined;
    const value = this.text.slice(this.at, end);
    this.at = end + 1;
    return value;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat | undefined {
  let formatter = formatters.get(zone);
  if (formatter) return formatter;
  try {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return undefined;
  }
  if (formatters.size > 32) formatters.clear();
  formatters.set(zone, formatter);
  return formatter;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallTimeIn(formatter: Intl.DateTimeFormat, at: number): WallTime & { second: number } {
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(at)) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  return { year: parts.year ?? 1970, month: (parts.month ?? 1) - 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** The instant a wall-clock time in a zone stands for (the later one when the clock went back). */
function instantOf(wall: WallTime, formatter: Intl.DateTimeFormat): number {
  const naive = Date.UTC(wall.year, wall.month, wall.day, wall.hour, wall.minute);
  let instant = naive;
  for (let i = 0; i < 2; i++) {
    const seen = wallTimeIn(formatter, instant);
    const offset = Date.UTC(seen.year, seen.month, seen.day, seen.hour, seen.minute, seen.second) - instant;
    instant = naive - offset;
  }
  return instant;
}

function parseEpochForm(text: string): number | undefined {
  const bar = text.indexOf('limit reached|');
  if (bar === -1) return undefined;
  const scanner = new Scanner(text, bar + 'limit reached|'.length);
  const seconds = scanner.digits(12);
  return seconds !== undefined && seconds > 1_000_000_000 ? seconds * 1000 : undefined;
}

/** `h[:mm](am|pm)` or `HH:MM`, as hours and minutes. */
function parseClock(scanner: Scanner): { hour: number; minute: number } | undefined {
  const hour = scanner.digits(2);
  if (hour === undefined) return undefined;
  let minute = 0;
  let hasMinutes = false;
  if (scanner.take(':')) {
    const value = scanner.digits(2);
    if (value === undefined) return undefined;
    minute = value;
    hasMinutes = true;
  }
  scanner.skipSpaces();
  const suffix = scanner.take('am') ? 'am' : scanner.take('pm') ? 'pm' : scanner.take('a.m.') ? 'am' : scanner.take('p.m.') ? 'pm' : undefined;
  if (suffix === undefined) {
    if (!hasMinutes || hour > 23) return undefined;
  } else if (hour < 1 || hour > 12) {
    return undefined;
  }
  if (minute > 59) return undefined;
  const hour24 = suffix === undefined ? hour : (hour % 12) + (suffix === 'pm' ? 12 : 0);
  return { hour: hour24, minute };
}

/** When the limit named in `text` resets, or undefined. `seenAt` is the row's time; `defaultZone` applies when the text names none. */
export function parsePlanReset(text: string, seenAt: number, defaultZone?: string): number | undefined {
  const epoch = parseEpochForm(text);
  if (epoch !== undefined) return epoch;
  const word = text.toLowerCase().indexOf('resets');
  if (word === -1) return undefined;
  const scanner = new Scanner(text, word + 'resets'.length);
  scanner.skipSpaces();
  scanner.take('at ');
  scanner.skipSpaces();
  let date: { month: number; day: number } | undefined;
  const month = MONTHS.indexOf(scanner.letters(9).slice(0, 3).toLowerCase());
  if (month !== -1) {
    scanner.skipSpaces();
    const day = scanner.digits(2);
    if (day === undefined || day < 1 || day > 31) return undefined;
    date = { month, day };
    scanner.take(',');
    scanner.skipSpaces();
    scanner.take('at ');
    scanner.skipSpaces();
  }
  const clock = parseClock(scanner);
  if (clock === undefined) return undefined;
  scanner.skipSpaces();
  let zone = defaultZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (scanner.take('(')) {
    const named = scanner.until(')', MAX_ZONE_LENGTH);
    if (named === undefined || !/^[A-Za-z0-9_/+-]+$/.test(named)) return undefined;
    zone = named;
  }
  const formatter = formatterFor(zone);
  if (formatter === undefined) return undefined;
  const now = wallTimeIn(formatter, seenAt);
  if (date === undefined) {
    const today = instantOf({ year: now.year, month: now.month, day: now.day, ...clock }, formatter);
    // A time without a date is the next such time after the row.
    return today > seenAt ? today : instantOf({ year: now.year, month: now.month, day: now.day + 1, ...clock }, formatter);
  }
  const thisYear = instantOf({ year: now.year, ...date, ...clock }, formatter);
  return thisYear >= seenAt - DAY_MS ? thisYear : instantOf({ year: now.year + 1, ...date, ...clock }, formatter);
}
