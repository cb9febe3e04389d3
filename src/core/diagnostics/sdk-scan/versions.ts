// Just enough of npm, PEP 440, Go and Maven version specs to answer one
// question: is the version in use (or every version the spec allows) older
// than a given release?

export type Version = number[];

export function parseVersion(text: string): Version | undefined {
  const match = /^\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? 0), Number(match[3] ?? 0)];
}

export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) {
    const diff = (a[i] ?? 0) - (b[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}

export interface VersionSpec {
  raw: string;
  /** A single pinned or resolved version. */
  exact?: Version;
  /** Lowest version the spec allows. */
  min?: Version;
  /** Every allowed version is below this. */
  below?: Version;
}

// Applied to trimmed text, so no two repeated parts can match the same characters.
const EXACT = /^(?:==|=)?[ \t]*v?(\d+(?:\.\d+){0,2})(?:[-+.][0-9A-Za-z.-]*)?$/;
/** No real spec is longer; the rest of a longer one (from a hostile manifest) is not read or shown. */
export const MAX_SPEC_CHARS = 120;

/** Reads a spec: "1.2.3", "==0.45.0", "^0.45", "~1.2", "~=0.45", ">=0.40,<0.47", "v1.2.3". */
export function parseSpec(text: string): VersionSpec {
  const raw = text.trim().slice(0, MAX_SPEC_CHARS).trim();
  const spec: VersionSpec = { raw };
  const exact = EXACT.exec(raw);
  if (exact?.[1]) {
    spec.exact = parseVersion(exact[1]);
    spec.min = spec.exact;
    return spec;
  }
  for (const part of raw.split(/[,\s]+|\|\|/).map((p) => p.trim()).filter(Boolean)) {
    const op = /^(\^|~=|~|>=|>|<=|<|==|=)?\s*v?(\d+(?:\.\d+){0,2})/.exec(part);
    if (!op?.[2]) continue;
    const version = parseVersion(op[2])!;
    const pieces = op[2].split('.').length;
    switch (op[1]) {
      case '^':
        spec.min = version;
        spec.below = version[0]! > 0 ? [version[0]! + 1, 0, 0] : version[1]! > 0 || pieces < 3 ? [0, version[1]! + 1, 0] : [0, 0, version[2]! + 1];
        break;
      case '~':
        spec.min = version;
        spec.below = pieces === 1 ? [version[0]! + 1, 0, 0] : [version[0]!, version[1]! + 1, 0];
        break;
      case '~=':
        spec.min = version;
        spec.below = pieces <= 2 ? [version[0]! + 1, 0, 0] : [version[0]!, version[1]! + 1, 0];
        break;
      case '>=':
      case '>':
        spec.min = version;
        break;
      case '<':
        spec.below = version;
        break;
      case '<=':
        spec.below = [version[0]!, version[1]!, version[2]! + 1];
        break;
      default:
        spec.min = version;
        spec.below = [version[0]!, version[1]!, version[2]! + 1];
    }
  }
  return spec;
}

export type Age = 'older' | 'maybe-older' | 'not-older' | 'unknown';

/** Whether what the spec resolves to is older than `threshold`. */
export function olderThan(spec: VersionSpec, threshold: Version): Age {
  if (spec.exact) return compareVersions(spec.exact, threshold) < 0 ? 'older' : 'not-older';
  if (spec.below && compareVersions(spec.below, threshold) <= 0) return 'older';
  if (spec.min === undefined) return 'unknown';
  return compareVersions(spec.min, threshold) < 0 ? 'maybe-older' : 'not-older';
}

export function formatVersion(version: Version): string {
  return version.join('.');
}
