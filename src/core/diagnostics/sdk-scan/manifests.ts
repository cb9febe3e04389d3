// Finds the official Claude SDKs in dependency manifests and lock files, with
// the version pinned or resolved there. Files come from whatever folder is
// open (a cloned repository included), so they are read line by line with
// patterns that cannot backtrack without limit, lines are capped, and long
// files give up at the scan's budget: a malformed or hostile file yields
// nothing, never an exception and never a stall.
import { ScanBudget } from './budget';
import { type SdkFinding } from './finding';
import { goMod, gradle, pom } from './go-java-manifests';
import { packageJson, packageLock, pnpmLock, yarnLock } from './npm-manifests';
import { pyproject, requirements, tomlLock } from './python-manifests';

export { GO_MODULE, MAVEN_GROUP, NPM_PACKAGES, PYPI_PACKAGE, type Ecosystem, type SdkFinding } from './finding';

const MANIFEST_NAMES: ReadonlySet<string> = new Set([
  'package.json', 'package-lock.json', 'npm-shrinkwrap.json', 'yarn.lock', 'pnpm-lock.yaml', 'pyproject.toml', 'poetry.lock', 'uv.lock', 'go.mod', 'pom.xml',
  'build.gradle', 'build.gradle.kts',
]);

function isRequirementsFile(name: string): boolean {
  const lower = name.toLowerCase();
  return lower.startsWith('requirements') && (lower.endsWith('.txt') || lower.endsWith('.in'));
}

/** The file names this scanner reads; anything else is not a manifest. */
export function isManifest(name: string): boolean {
  return MANIFEST_NAMES.has(name) || isRequirementsFile(name);
}

/** The SDKs a manifest or lock file names. `name` is the base name, `file` the path shown. */
export function scanManifest(name: string, text: string, file: string, budget: ScanBudget = ScanBudget.unlimited()): SdkFinding[] {
  switch (name) {
    case 'package.json':
      return packageJson(text, file);
    case 'package-lock.json':
    case 'npm-shrinkwrap.json':
      return packageLock(text, file, budget);
    case 'yarn.lock':
      return yarnLock(text, file, budget);
    case 'pnpm-lock.yaml':
      return pnpmLock(text, file, budget);
    case 'pyproject.toml':
      return pyproject(text, file, budget);
    case 'poetry.lock':
    case 'uv.lock':
      return tomlLock(text, file, budget);
    case 'go.mod':
      return goMod(text, file, budget);
    case 'pom.xml':
      return pom(text, file, budget);
    case 'build.gradle':
    case 'build.gradle.kts':
      return gradle(text, file, budget);
    default:
      return isRequirementsFile(name) ? requirements(text, file, budget) : [];
  }
}
