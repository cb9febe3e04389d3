// Debian packages a test layer needs: checks with dpkg, installs with apt-get
// when running as root (CI, and these machines), and otherwise fails with the
// exact command to run. Shared by the end-to-end and Prometheus layers.
import { spawnSync } from 'node:child_process';

export class ToolInstallError extends Error {}

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: ['ignore', 'inherit', 'inherit'], ...options });
  if (result.error) throw new ToolInstallError(`${command} ${args.join(' ')} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new ToolInstallError(`${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`);
}

export function isRoot() {
  return typeof process.getuid === 'function' && process.getuid() === 0;
}

export function missingAptPackages(packages) {
  return packages.filter((name) => {
    const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
    return result.status !== 0 || !result.stdout.includes('install ok installed');
  });
}

/**
 * Installs what is missing of `packages`. `force` names packages to reinstall
 * even when dpkg lists them (a binary that went missing).
 */
export function ensureAptPackages(packages, { log, force = [] } = {}) {
  const wanted = [...new Set([...missingAptPackages(packages), ...force])];
  if (wanted.length === 0) return;
  const command = `apt-get update && apt-get install -y --no-install-recommends ${wanted.join(' ')}`;
  if (!isRoot()) throw new ToolInstallError(`missing Debian packages: ${wanted.join(', ')}. Run as root:\n  ${command}`);
  log?.(`installing Debian packages: ${wanted.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update', '-qq'], { env });
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...wanted], { env });
}
