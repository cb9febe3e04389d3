// requirements*.txt / *.in, pyproject.toml (PEP 621 and Poetry), poetry.lock
// and uv.lock, read line by line with anchored patterns whose repeated parts
// cannot overlap, so a hostile line costs time linear in its (capped) length.
import { type ScanBudget } from './budget';
import { finding, PYPI_PACKAGE, type SdkFinding } from './finding';
import { linesOf } from './lines';

function pinned(spec: string): boolean {
  return /^==\s*\d/.test(spec);
}

/** A line without its comment: pip treats `#` at the start or after whitespace as one. */
function withoutComment(line: string): string {
  for (let at = line.indexOf('#'); at >= 0; at = line.indexOf('#', at + 1)) {
    if (at === 0 || /\s/.test(line[at - 1]!)) return line.slice(0, at);
  }
  return line;
}

const REQUIREMENT_NAME = /^anthropic(?:\[[^\]]{0,200}\])?/i;
const REQUIREMENT_CLAUSE = /^\s*(?:===|[<>=!~]=?)\s*[^;\s,]+\s*$/;

/** The version spec of an `anthropic` requirement line ('' for none), or undefined when the line is something else. */
function requirementSpec(line: string): string | undefined {
  const name = REQUIREMENT_NAME.exec(line);
  if (!name) return undefined;
  const rest = line.slice(name[0].length);
  const marker = rest.indexOf(';');
  const spec = (marker < 0 ? rest : rest.slice(0, marker)).trim();
  if (spec === '') return rest.trim() === '' || marker >= 0 ? '' : undefined;
  // Each comma-separated clause on its own: one operator and one version, nothing else.
  return spec.split(',').every((clause) => REQUIREMENT_CLAUSE.test(clause)) ? spec : undefined;
}

export function requirements(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  for (const line of linesOf(text, budget)) {
    const spec = requirementSpec(withoutComment(line).trim());
    if (spec !== undefined) return [finding('python', PYPI_PACKAGE, spec, file, pinned(spec))];
  }
  return [];
}

// PEP 621: dependencies = ["anthropic>=0.45", ...]. Tried only where a quote opens "anthropic"; every part is bounded.
const PEP621_ENTRY = /["']anthropic(?:\[[^\]"']{0,200}\])?\s*([<>=!~][^"';]{0,200})?(?:;[^"']{0,400})?["']/y;
// Poetry: anthropic = "^0.45" or anthropic = { version = "^0.45", ... }
const POETRY_ENTRY = /^[ \t]*anthropic[ \t]*=[ \t]*(?:"([^"]{0,200})"|\{[^}]*?version[ \t]*=[ \t]*"([^"]{0,200})")/;

function pep621Spec(line: string): string | undefined {
  for (let at = line.indexOf('anthropic', 1); at >= 0; at = line.indexOf('anthropic', at + 1)) {
    PEP621_ENTRY.lastIndex = at - 1;
    const match = PEP621_ENTRY.exec(line);
    if (match) return match[1]?.trim() ?? '';
  }
  return undefined;
}

export function pyproject(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  let poetry: string | undefined;
  for (const line of linesOf(text, budget)) {
    const pep621 = pep621Spec(line);
    if (pep621 !== undefined) return [finding('python', PYPI_PACKAGE, pep621, file, pinned(pep621))];
    if (poetry === undefined) {
      const match = POETRY_ENTRY.exec(line);
      if (match) poetry = match[1] ?? match[2] ?? '';
    }
  }
  return poetry === undefined ? [] : [finding('python', PYPI_PACKAGE, poetry, file, false)];
}

const TOML_TABLE = /^\s*\[/;
const TOML_STRING_KEY = /^\s*(name|version)\s*=\s*"([^"]*)"/;

/** poetry.lock and uv.lock: a [[package]] table whose name is "anthropic" and its version. */
export function tomlLock(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  let inPackage = false;
  let name: string | undefined;
  let version: string | undefined;
  for (const line of linesOf(text, budget)) {
    if (TOML_TABLE.test(line)) {
      if (inPackage && name === PYPI_PACKAGE && version) break;
      inPackage = line.trim() === '[[package]]';
      name = version = undefined;
      continue;
    }
    if (!inPackage) continue;
    const pair = TOML_STRING_KEY.exec(line);
    if (pair?.[1] === 'name') name = pair[2];
    else if (pair?.[1] === 'version') version = pair[2];
  }
  return inPackage && name === PYPI_PACKAGE && version ? [finding('python', PYPI_PACKAGE, version, file, true)] : [];
}
