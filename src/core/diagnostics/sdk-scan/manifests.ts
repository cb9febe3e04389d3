// Finds the official Claude SDKs in dependency manifests and lock files, with
// the version pinned or resolved there. Text is scanned with patterns rather
// than full parsers: a malformed file yields nothing, never an exception.
import { parseSpec, type VersionSpec } from './versions';

export type Ecosystem = 'typescript' | 'python' | 'go' | 'java';

export interface SdkFinding {
  ecosystem: Ecosystem;
  package: string;
  /** As written (a range in a manifest, a version in a lock file). */
  spec: VersionSpec;
  /** Path relative to the workspace folder. */
  file: string;
  /** From a lock file (or an exact pin): the version actually installed. */
  resolved: boolean;
}

export const NPM_PACKAGES = ['@anthropic-ai/sdk', '@anthropic-ai/bedrock-sdk', '@anthropic-ai/vertex-sdk'];
export const PYPI_PACKAGE = 'anthropic';
export const GO_MODULE = 'github.com/anthropics/anthropic-sdk-go';
export const MAVEN_GROUP = 'com.anthropic';

/** The file names this scanner reads; anything else is not a manifest. */
export function isManifest(name: string): boolean {
  return (
    ['package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'go.mod', 'pom.xml', 'build.gradle', 'build.gradle.kts'].includes(name) ||
    /^requirements.*\.(txt|in)$/i.test(name)
  );
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

function finding(ecosystem: Ecosystem, pkg: string, raw: string, file: string, resolved: boolean): SdkFinding {
  return { ecosystem, package: pkg, spec: parseSpec(raw), file, resolved };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function packageJson(text: string, file: string): SdkFinding[] {
  const json = record(parseJson(text));
  if (!json) return [];
  const out: SdkFinding[] = [];
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = record(json[section]);
    for (const pkg of NPM_PACKAGES) {
      const spec = deps?.[pkg];
      if (typeof spec === 'string' && !out.some((f) => f.package === pkg)) out.push(finding('typescript', pkg, spec, file, false));
    }
  }
  return out;
}

function packageLock(text: string, file: string): SdkFinding[] {
  const json = record(parseJson(text));
  if (!json) return [];
  const out: SdkFinding[] = [];
  for (const pkg of NPM_PACKAGES) {
    const v2 = record(record(json.packages)?.[`node_modules/${pkg}`])?.version;
    const v1 = record(record(json.dependencies)?.[pkg])?.version;
    const version = typeof v2 === 'string' ? v2 : typeof v1 === 'string' ? v1 : undefined;
    if (version) out.push(finding('typescript', pkg, version, file, true));
  }
  return out;
}

function yarnLock(text: string, file: string): SdkFinding[] {
  const out: SdkFinding[] = [];
  for (const pkg of NPM_PACKAGES) {
    // v1: "@anthropic-ai/sdk@^0.30.0":\n  version "0.30.1"   berry: "@anthropic-ai/sdk@npm:^0.30.0":\n  version: 0.30.1
    const pattern = new RegExp(`^"?${escape(pkg)}@[^\\n]*:\\s*\\n(?:[ \\t]+[^\\n]*\\n)*?[ \\t]+version:?\\s+"?([0-9][^"\\s]*)"?`, 'm');
    const match = pattern.exec(text);
    if (match?.[1]) out.push(finding('typescript', pkg, match[1], file, true));
  }
  return out;
}

function pnpmLock(text: string, file: string): SdkFinding[] {
  const out: SdkFinding[] = [];
  for (const pkg of NPM_PACKAGES) {
    // packages section: '/@anthropic-ai/sdk@0.30.1:' (v6) or '@anthropic-ai/sdk@0.30.1:' (v9); importers: version: 0.30.1
    const key = new RegExp(`^\\s*'?/?${escape(pkg)}@(\\d[^:'(\\s]*)`, 'm').exec(text);
    const importer = new RegExp(`^\\s*'?${escape(pkg)}'?:\\s*\\n\\s*specifier:[^\\n]*\\n\\s*version:\\s*'?(\\d[^\\s'(]*)`, 'm').exec(text);
    const version = key?.[1] ?? importer?.[1];
    if (version) out.push(finding('typescript', pkg, version, file, true));
  }
  return out;
}

function requirements(text: string, file: string): SdkFinding[] {
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.replace(/\s+#.*$/, '').trim();
    const match = /^anthropic(?:\[[^\]]*\])?\s*((?:[<>=!~]=?|===)\s*[^;\s]+(?:\s*,\s*[<>=!~]=?\s*[^;\s,]+)*)?\s*(?:;.*)?$/i.exec(line);
    if (match) return [finding('python', PYPI_PACKAGE, match[1] ?? '', file, /^==\s*\d/.test(match[1] ?? ''))];
  }
  return [];
}

function pyproject(text: string, file: string): SdkFinding[] {
  // PEP 621: dependencies = ["anthropic>=0.45", ...]; Poetry: anthropic = "^0.45" or { version = "^0.45", ... }
  const pep621 = /["']anthropic(?:\[[^\]]*\])?\s*([<>=!~][^"';]*)?(?:;[^"']*)?["']/.exec(text);
  if (pep621) return [finding('python', PYPI_PACKAGE, pep621[1]?.trim() ?? '', file, /^==\s*\d/.test(pep621[1]?.trim() ?? ''))];
  const poetry = /^\s*anthropic\s*=\s*(?:"([^"]*)"|\{[^}]*version\s*=\s*"([^"]*)")/m.exec(text);
  if (poetry) {
    const spec = poetry[1] ?? poetry[2] ?? '';
    return [finding('python', PYPI_PACKAGE, spec, file, false)];
  }
  return [];
}

function tomlLock(text: string, file: string): SdkFinding[] {
  // poetry.lock and uv.lock: [[package]] name = "anthropic" version = "0.45.2"
  const match = /\[\[package\]\]\s*\nname\s*=\s*"anthropic"\s*\nversion\s*=\s*"([^"]+)"/.exec(text);
  return match?.[1] ? [finding('python', PYPI_PACKAGE, match[1], file, true)] : [];
}

function goMod(text: string, file: string): SdkFinding[] {
  const match = new RegExp(`${escape(GO_MODULE)}(?:/v\\d+)?\\s+(v[0-9][^\\s]*)`).exec(text);
  return match?.[1] ? [finding('go', GO_MODULE, match[1], file, true)] : [];
}

function pom(text: string, file: string): SdkFinding[] {
  const out: SdkFinding[] = [];
  const dependency = /<dependency>([\s\S]*?)<\/dependency>/g;
  for (let match = dependency.exec(text); match; match = dependency.exec(text)) {
    const body = match[1] ?? '';
    if (!/<groupId>\s*com\.anthropic\s*<\/groupId>/.test(body)) continue;
    const artifact = /<artifactId>\s*([^<\s]+)\s*<\/artifactId>/.exec(body)?.[1] ?? 'anthropic-java';
    const version = /<version>\s*([^<\s]+)\s*<\/version>/.exec(body)?.[1] ?? '';
    out.push(finding('java', `${MAVEN_GROUP}:${artifact}`, version.startsWith('${') ? '' : version, file, /^\d/.test(version)));
  }
  return out;
}

function gradle(text: string, file: string): SdkFinding[] {
  const out: SdkFinding[] = [];
  const pattern = /["']com\.anthropic:([A-Za-z0-9_.-]+):([^"'\s)]+)["']/g;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    out.push(finding('java', `${MAVEN_GROUP}:${match[1]}`, match[2] ?? '', file, /^\d/.test(match[2] ?? '')));
  }
  return out;
}

/** The SDKs a manifest or lock file names. `name` is the base name, `file` the path shown. */
export function scanManifest(name: string, text: string, file: string): SdkFinding[] {
  switch (name) {
    case 'package.json':
      return packageJson(text, file);
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return packageLock(text, file);
    case 'yarn.lock':
      return yarnLock(text, file);
    case 'pnpm-lock.yaml':
      return pnpmLock(text, file);
    case 'pyproject.toml':
      return pyproject(text, file);
    case 'poetry.lock':
    case 'uv.lock':
      return tomlLock(text, file);
    case 'go.mod':
      return goMod(text, file);
    case 'pom.xml':
      return pom(text, file);
    case 'build.gradle':
    case 'build.gradle.kts':
      return gradle(text, file);
    default:
      return /^requirements.*\.(txt|in)$/i.test(name) ? requirements(text, file) : [];
  }
}
