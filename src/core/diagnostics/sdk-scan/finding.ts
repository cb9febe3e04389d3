// What the manifest scanners report, and the names they look for.
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

export function finding(ecosystem: Ecosystem, pkg: string, raw: string, file: string, resolved: boolean): SdkFinding {
  return { ecosystem, package: pkg, spec: parseSpec(raw), file, resolved };
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
