// go.mod, pom.xml, build.gradle(.kts). Patterns start at a fixed literal and
// repeat only character classes that cannot overlap what follows them.
import { type ScanBudget } from './budget';
import { escapeRegExp, finding, GO_MODULE, MAVEN_GROUP, type SdkFinding } from './finding';
import { linesOf } from './lines';

const GO_REQUIRE = new RegExp(`${escapeRegExp(GO_MODULE)}(?:/v\\d{1,4})?[ \\t]+(v\\d[^\\s]{0,100})`);

export function goMod(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  for (const line of linesOf(text, budget)) {
    if (!line.includes(GO_MODULE)) continue;
    const version = GO_REQUIRE.exec(line)?.[1];
    if (version) return [finding('go', GO_MODULE, version, file, true)];
  }
  return [];
}

/** A <dependency> element longer than this is not one a person wrote; it is skipped. */
const MAX_POM_DEPENDENCY_CHARS = 8192;
const DEPENDENCIES_PER_BUDGET_CHECK = 64;

export function pom(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const out: SdkFinding[] = [];
  let count = 0;
  // indexOf from where the last element closed, not a lazy pattern: each character is looked at once.
  for (let open = text.indexOf('<dependency>'); open >= 0; ) {
    if (++count % DEPENDENCIES_PER_BUDGET_CHECK === 0 && budget.exhausted()) break;
    const close = text.indexOf('</dependency>', open);
    if (close < 0) break;
    const body = text.slice(open + '<dependency>'.length, close);
    open = text.indexOf('<dependency>', close);
    if (body.length > MAX_POM_DEPENDENCY_CHARS || !/<groupId>\s*com\.anthropic\s*<\/groupId>/.test(body)) continue;
    const artifact = /<artifactId>\s*([^<\s]{1,100})\s*<\/artifactId>/.exec(body)?.[1] ?? 'anthropic-java';
    const version = /<version>\s*([^<\s]{1,100})\s*<\/version>/.exec(body)?.[1] ?? '';
    out.push(finding('java', `${MAVEN_GROUP}:${artifact}`, version.startsWith('${') ? '' : version, file, /^\d/.test(version)));
  }
  return out;
}

const GRADLE_COORDINATE = /["']com\.anthropic:([A-Za-z0-9_.-]{1,200}):([^"'\s)]{1,200})["']/g;

export function gradle(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const out: SdkFinding[] = [];
  for (const line of linesOf(text, budget)) {
    if (!line.includes('com.anthropic:')) continue;
    for (const match of line.matchAll(GRADLE_COORDINATE)) {
      out.push(finding('java', `${MAVEN_GROUP}:${match[1]}`, match[2] ?? '', file, /^\d/.test(match[2] ?? '')));
    }
  }
  return out;
}
