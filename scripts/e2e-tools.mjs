#!/usr/bin/env node
// Installs what the end-to-end layer and `npm start` need to run the extension
// in a real VS Code: code-server (VS Code served to a browser) on its own Node 24,
// and Debian's Chromium to drive it. Desktop VS Code cannot be downloaded here,
// and code-server needs Node 24 while the project runs on the system Node, so
// both live in the git-ignored .tools/e2e/, away from the project's node_modules
// (a `node` binary in node_modules/.bin would shadow the system Node in npm scripts).
//
// Idempotent: a stamp file records what was installed; a second run checks it
// and returns in milliseconds. Any tool that cannot be installed is a loud failure.
//
// Usage: node scripts/e2e-tools.mjs        (prints where each tool is)
//        import { ensureE2eTools } from './e2e-tools.mjs'
import { spawnSync } from 'node:child_process';
import { ensureAptPackages, run, ToolInstallError } from './apt-packages.mjs';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const CHROMIUM = '/usr/bin/chromium';
/** Debian packages the tools need; .ci/run installs the same list as root. */
// fonts-noto-color-emoji: the report's status marks (✅ ⚠️) render in screenshots instead of empty boxes.
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-noto-color-emoji'];

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const toolsDir = path.join(root, '.tools', 'e2e');
const stampFile = path.join(toolsDir, 'stamp.json');
const nodePrefix = path.join(toolsDir, 'node24');
const codeServerPrefix = path.join(toolsDir, 'code-server');

/** Where each tool lives once installed. Tests read the same layout through the stamp file. */
export const toolPaths = {
  node: path.join(nodePrefix, 'node_modules', 'node', 'bin', 'node'),
  codeServer: path.join(codeServerPrefix, 'node_modules', 'code-server', 'out', 'node', 'entry.js'),
  chromium: CHROMIUM,
  stamp: stampFile,
};

function log(message) {
  console.log(`[e2e-tools] ${message}`);
}

function ensureDebianPackages() {
  ensureAptPackages(APT_PACKAGES, { log, force: existsSync(CHROMIUM) ? [] : ['chromium'] });
  if (!existsSync(CHROMIUM)) throw new ToolInstallError(`apt-get installed chromium but ${CHROMIUM} is not there`);
}

/** The folder holding include/node for Node 24, so native modules build against Node 24's headers. */
function nodeHeadersDir() {
  const candidates = [
    path.join(nodePrefix, 'node_modules', 'node', 'node_modules', `node-linux-${process.arch}`),
    path.join(nodePrefix, 'node_modules', `node-linux-${process.arch}`),
  ];
  const found = candidates.find((dir) => existsSync(path.join(dir, 'include', 'node', 'node.h')));
  if (!found) throw new ToolInstallError(`Node ${NODE_VERSION} headers (include/node/node.h) not found under ${nodePrefix}`);
  return found;
}

function nodeVersionAt(binary) {
  if (!existsSync(binary)) return null;
  const result = spawnSync(binary, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim().replace(/^v/, '') : null;
}

function npmInstall(prefix, spec, env) {
  mkdirSync(prefix, { recursive: true });
  // A package.json of its own stops npm from walking up into the project's.
  writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ name: path.basename(prefix), private: true }, null, 2));
  run('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--loglevel=error', '--prefix', prefix, spec], { env, cwd: prefix });
}

function ensureNode24() {
  if (nodeVersionAt(toolPaths.node) === NODE_VERSION) return;
  log(`installing Node ${NODE_VERSION} (npm package node@${NODE_VERSION}) into ${path.relative(root, nodePrefix)}`);
  rmSync(nodePrefix, { recursive: true, force: true });
  npmInstall(nodePrefix, `node@${NODE_VERSION}`, process.env);
  const version = nodeVersionAt(toolPaths.node);
  if (version !== NODE_VERSION) throw new ToolInstallError(`${toolPaths.node} reports ${version ?? 'nothing'}, expected ${NODE_VERSION}`);
}

/**
 * The environment without what an enclosing `npm run` exports: npm reads inherited
 * npm_config_* variables as its own config, so an install started from `npm test`
 * would carry the outer npm's user agent ("node/v20"), which code-server's
 * postinstall reads to check the Node major, and fail.
 */
function withoutNpmLifecycle(env) {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^npm_/i.test(name)));
}

function envForNode24() {
  const nodeBinDir = path.dirname(toolPaths.node);
  return {
    ...withoutNpmLifecycle(process.env),
    // npm, node-gyp and code-server's postinstall (which checks the Node major) all run on Node 24.
    PATH: `${nodeBinDir}${path.delimiter}${process.env.PATH ?? ''}`,
    npm_config_nodedir: nodeHeadersDir(),
  };
}

function ensureCodeServer() {
  const packageJson = path.join(codeServerPrefix, 'node_modules', 'code-server', 'package.json');
  if (existsSync(packageJson) && JSON.parse(readFileSync(packageJson, 'utf8')).version === CODE_SERVER_VERSION && existsSync(toolPaths.codeServer)) return;
  log(`installing code-server ${CODE_SERVER_VERSION} into ${path.relative(root, codeServerPrefix)} (builds native modules; about 2 minutes)`);
  rmSync(codeServerPrefix, { recursive: true, force: true });
  npmInstall(codeServerPrefix, `code-server@${CODE_SERVER_VERSION}`, envForNode24());
  const probe = spawnSync(toolPaths.node, [toolPaths.codeServer, '--version'], { encoding: 'utf8', env: envForNode24() });
  if (probe.status !== 0 || !probe.stdout.includes(CODE_SERVER_VERSION)) {
    throw new ToolInstallError(`code-server did not run after install: ${(probe.stderr || probe.stdout || '').trim()}`);
  }
}

function readStamp() {
  try {
    return JSON.parse(readFileSync(stampFile, 'utf8'));
  } catch {
    return null;
  }
}

function stampMatches(stamp) {
  return stamp !== null && stamp.node === NODE_VERSION && stamp.codeServer === CODE_SERVER_VERSION
    // A package added to APT_PACKAGES reaches machines that installed the tools before it.
    && JSON.stringify(stamp.aptPackages) === JSON.stringify(APT_PACKAGES)
    && existsSync(toolPaths.node) && existsSync(toolPaths.codeServer) && existsSync(CHROMIUM);
}

/**
 * Makes sure every tool is there and returns where. Throws with the reason
 * (and the exact command to run, when root is needed) if one cannot be had.
 */
export function ensureE2eTools() {
  if (stampMatches(readStamp())) return toolPaths;
  const started = Date.now();
  ensureDebianPackages();
  ensureNode24();
  ensureCodeServer();
  writeFileSync(stampFile, `${JSON.stringify({
    node: NODE_VERSION,
    codeServer: CODE_SERVER_VERSION,
    aptPackages: APT_PACKAGES,
    // Relative to this folder, so a moved work tree keeps working.
    nodeBinary: path.relative(toolsDir, toolPaths.node),
    codeServerEntry: path.relative(toolsDir, toolPaths.codeServer),
    chromium: CHROMIUM,
  }, null, 2)}\n`);
  log(`tools ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return toolPaths;
}

/**
 * Builds and packages the extension as it ships (`npm run package` →
 * dist/claude-health.vsix) and returns the path. vsce lists every file it
 * packs; that listing is printed only when packaging fails.
 */
export function packageExtension() {
  const vsix = path.join(root, 'dist', 'claude-health.vsix');
  const result = spawnSync('npm', ['run', '--silent', 'package'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || !existsSync(vsix)) {
    throw new ToolInstallError(`packaging the extension failed (npm run package exited ${result.status ?? result.signal}):\n${output.trim()}`);
  }
  const done = output.split('\n').find((line) => line.includes('Packaged:'));
  console.log(`[package] ${done ? done.replace(/^\s*DONE\s*/, '').trim() : path.relative(root, vsix)}`);
  return vsix;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const paths = ensureE2eTools();
    log(`node ${NODE_VERSION}: ${paths.node}`);
    log(`code-server ${CODE_SERVER_VERSION}: ${paths.codeServer}`);
    log(`chromium: ${paths.chromium}`);
  } catch (error) {
    console.error(`[e2e-tools] FAILED: ${error instanceof ToolInstallError ? error.message : error.stack}`);
    process.exit(1);
  }
}
