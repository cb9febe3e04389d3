// Builds the project a user would have: the rendered wrappers of one language
// next to the driver, compiled by the pinned TypeScript against the real SDK types.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SNIPPET_TEMPLATES } from '../../../src/core/snippets/templates-on-disk';
import { renderCode } from '../../../src/core/snippets/render';
import { DEFAULT_SNIPPET_POLICY, SNIPPET_VARIANTS, type SnippetVariant } from '../../../src/core/snippets/types';
import { type NodeToolchain } from '../support/node-toolchain';

export type NodeLanguage = 'typescript' | 'javascript';

export interface SnippetProject {
  dir: string;
  /** Where the runnable <variant>.js modules are: tsc's output for TypeScript, the rendered files for JavaScript. */
  wrappersDir: string;
  driverPath: string;
  /** tsc's exit code and diagnostics for the whole project (wrappers, driver, conformance). */
  typeCheck: { exitCode: number; output: string };
  dispose(): void;
}

const EXTENSION: Record<NodeLanguage, string> = { typescript: 'ts', javascript: 'js' };

function moduleName(variant: SnippetVariant): string {
  return variant.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}

/** The wrapper as the CLI and the extension render it, from the template files. */
export function renderedWrapper(language: NodeLanguage, variant: SnippetVariant): string {
  const template = SNIPPET_TEMPLATES.find((t) => t.language === language && t.variant === variant);
  if (!template) throw new Error(`no ${language} ${variant} template in src/core/snippets/templates`);
  return renderCode(template, DEFAULT_SNIPPET_POLICY);
}

// Every rendered module must fit the public shape the driver (and the header comments) promise.
function conformanceSource(): string {
  const imports = SNIPPET_VARIANTS.map((v) => `import * as ${moduleName(v)} from './${v}.js';`).join('\n');
  return `${imports}
import type { BasicApi, BreakerApi, ConcurrencyApi, FallbackApi, StreamingApi } from './driver.js';

export const conformance: [BasicApi, BreakerApi, FallbackApi, StreamingApi, ConcurrencyApi] = [basic, circuitBreaker, fallback, streaming, concurrency];
`;
}

function tsc(toolchain: NodeToolchain, cwd: string): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [toolchain.tscPath, '-p', 'tsconfig.json', '--pretty', 'false'], { cwd, timeout: 180_000 }, (error, stdout, stderr) => {
      const exitCode = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ exitCode, output: `${stdout}${stderr}${error && exitCode === 1 && !stdout ? error.message : ''}`.trim() });
    });
  });
}

/**
 * A fresh project in its own folder under the toolchain (whose node_modules it resolves
 * through), so that concurrent runs of the suite never share a build. `dispose` removes it.
 */
export async function buildSnippetProject(language: NodeLanguage, toolchain: NodeToolchain): Promise<SnippetProject> {
  const workRoot = path.join(toolchain.dir, 'work');
  mkdirSync(workRoot, { recursive: true });
  const dir = mkdtempSync(path.join(workRoot, `${language}-`));
  const src = path.join(dir, 'src');
  mkdirSync(src);
  for (const variant of SNIPPET_VARIANTS) {
    writeFileSync(path.join(src, `${variant}.${EXTENSION[language]}`), renderedWrapper(language, variant));
  }
  copyFileSync(path.join(__dirname, 'driver.ts'), path.join(src, 'driver.ts'));
  writeFileSync(path.join(src, 'conformance.ts'), conformanceSource());
  copyFileSync(path.join(__dirname, `tsconfig.${language}.json`), path.join(dir, 'tsconfig.json'));
  const typeCheck = await tsc(toolchain, dir);
  return {
    dir,
    wrappersDir: language === 'typescript' ? path.join(dir, 'build') : src,
    driverPath: path.join(dir, 'build', 'driver.js'),
    typeCheck,
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
