// package.json, package-lock.json / npm-shrinkwrap.json, yarn.lock and
// pnpm-lock.yaml. JSON files go through JSON.parse (linear, and iterative in
// V8, so deep nesting costs no stack); lock files too large to read whole are
// read line by line, like the YAML-ish ones.
import { type ScanBudget } from './budget';
import { escapeRegExp, finding, NPM_PACKAGES, type SdkFinding } from './finding';
import { linesOf } from './lines';

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

/** An own property only: a manifest naming "__proto__" or "constructor" must not reach Object's members. */
function own(object: Record<string, unknown> | undefined, key: string): unknown {
  return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
}

export function packageJson(text: string, file: string): SdkFinding[] {
  const json = record(parseJson(text));
  if (!json) return [];
  const out: SdkFinding[] = [];
  for (const section of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = record(own(json, section));
    for (const pkg of NPM_PACKAGES) {
      const spec = own(deps, pkg);
      if (typeof spec === 'string' && !out.some((f) => f.package === pkg)) out.push(finding('typescript', pkg, spec, file, false));
    }
  }
  return out;
}

// A "version" line inside an entry: `"version": "0.39.0",`.
const LOCK_VERSION = /^\s*"version":\s*"(\d[^"]{0,100})"/;

/** A lock file cut short by the read cap is not JSON: its entries are still one key per line. */
function packageLockLines(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const found = new Map<string, string>();
  let entry: string | undefined;
  for (const line of linesOf(text, budget)) {
    const trimmed = line.trim();
    const opened = NPM_PACKAGES.find((pkg) => trimmed === `"node_modules/${pkg}": {` || trimmed === `"${pkg}": {`);
    if (opened) {
      entry = opened;
      continue;
    }
    if (entry === undefined) continue;
    const version = LOCK_VERSION.exec(line)?.[1];
    if (version && !found.has(entry)) found.set(entry, version);
    if (version || trimmed.startsWith('}') || trimmed.endsWith('{')) entry = undefined;
  }
  return NPM_PACKAGES.filter((pkg) => found.has(pkg)).map((pkg) => finding('typescript', pkg, found.get(pkg)!, file, true));
}

export function packageLock(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const json = record(parseJson(text));
  if (!json) return packageLockLines(text, file, budget);
  const out: SdkFinding[] = [];
  for (const pkg of NPM_PACKAGES) {
    const v2 = own(record(own(record(own(json, 'packages')), `node_modules/${pkg}`)), 'version');
    const v1 = own(record(own(record(own(json, 'dependencies')), pkg)), 'version');
    const version = typeof v2 === 'string' ? v2 : typeof v1 === 'string' ? v1 : undefined;
    if (version) out.push(finding('typescript', pkg, version, file, true));
  }
  return out;
}

// v1: `  version "0.30.1"`; berry: `  version: 0.30.1`.
const YARN_VERSION = /^[ \t]+version:?[ \t]+"?(\d[^"\s]*)/;

/** The package a yarn.lock entry header names: `"@anthropic-ai/sdk@^0.30.0", "@anthropic-ai/sdk@npm:^0.31":`. */
function yarnEntryPackage(header: string): string | undefined {
  if (!header.endsWith(':')) return undefined;
  const descriptors = header.slice(0, -1).split(',').map((d) => d.trim().replace(/^"|"$/g, ''));
  return NPM_PACKAGES.find((pkg) => descriptors.some((d) => d.startsWith(`${pkg}@`)));
}

export function yarnLock(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const found = new Map<string, string>();
  let entry: string | undefined;
  for (const line of linesOf(text, budget)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^[ \t]/.test(line)) {
      entry = yarnEntryPackage(line);
      continue;
    }
    const version = entry === undefined ? undefined : YARN_VERSION.exec(line)?.[1];
    if (entry !== undefined && version !== undefined) {
      if (!found.has(entry)) found.set(entry, version);
      entry = undefined;
    }
  }
  return NPM_PACKAGES.filter((pkg) => found.has(pkg)).map((pkg) => finding('typescript', pkg, found.get(pkg)!, file, true));
}

const PNPM_PATTERNS = NPM_PACKAGES.map((pkg) => ({
  pkg,
  // packages section: '/@anthropic-ai/sdk@0.30.1:' (v6) or '@anthropic-ai/sdk@0.30.1:' (v9)
  key: new RegExp(`^[ \\t]*'?/?${escapeRegExp(pkg)}@(\\d[^:'(\\s]*)`),
  // importers section: '@anthropic-ai/sdk:' then specifier and version lines
  importer: new RegExp(`^[ \\t]*'?${escapeRegExp(pkg)}'?:[ \\t]*$`),
}));
const PNPM_IMPORTER_VERSION = /^[ \t]*version:[ \t]*'?(\d[^\s'(]*)/;

export function pnpmLock(text: string, file: string, budget: ScanBudget): SdkFinding[] {
  const keys = new Map<string, string>();
  const importers = new Map<string, string>();
  let importer: string | undefined;
  let linesSinceImporter = 0;
  for (const line of linesOf(text, budget)) {
    if (importer !== undefined && ++linesSinceImporter <= 2) {
      const version = PNPM_IMPORTER_VERSION.exec(line)?.[1];
      if (version !== undefined) {
        if (!importers.has(importer)) importers.set(importer, version);
        importer = undefined;
        continue;
      }
    }
    for (const { pkg, key, importer: importerLine } of PNPM_PATTERNS) {
      const version = key.exec(line)?.[1];
      if (version !== undefined && !keys.has(pkg)) keys.set(pkg, version);
      if (importerLine.test(line)) {
        importer = pkg;
        linesSinceImporter = 0;
      }
    }
  }
  const out: SdkFinding[] = [];
  for (const pkg of NPM_PACKAGES) {
    const version = keys.get(pkg) ?? importers.get(pkg);
    if (version) out.push(finding('typescript', pkg, version, file, true));
  }
  return out;
}
