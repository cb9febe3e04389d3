// The Python toolchain of the snippet tests: a venv in .tools/snippets/python-venv holding
// the exact versions pinned in test/snippets/python/requirements.txt (the official
// `anthropic` SDK and mypy). Made once, reused while the pins and the interpreter stay
// the same; a missing or unusable Python fails loudly, never skips.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

const repoRoot = path.resolve(__dirname, '..', '..', '..');
export const SNIPPETS_TOOLS_DIR = path.join(repoRoot, '.tools', 'snippets');
const venvDir = path.join(SNIPPETS_TOOLS_DIR, 'python-venv');
const stampFile = path.join(venvDir, 'claude-health-stamp.txt');
export const PYTHON_SNIPPET_DIR = path.join(repoRoot, 'test', 'snippets', 'python');
const requirementsFile = path.join(PYTHON_SNIPPET_DIR, 'requirements.txt');
/** The SDK needs 3.10 or newer. */
const MINIMUM_PYTHON: [number, number] = [3, 10];

export interface PythonToolchain {
  /** The venv's interpreter: run tools as `python -m tool` (the venv may have been moved into place). */
  python: string;
  anthropicVersion: string;
  mypyVersion: string;
}

class ToolchainError extends Error {
  constructor(
    message: string,
    /** The command's own last words (stderr's last line), when a command failed. */
    readonly lastLine = '',
    readonly programMissing = false,
  ) {
    super(`Python toolchain for the snippet tests: ${message}`);
    this.name = 'ToolchainError';
  }
}

async function run(file: string, args: string[], timeoutMs: number): Promise<{ stdout: string; stderr: string }> {
  try {
    return await execFileAsync(file, args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stdout?: string; stderr?: string };
    if (failure.code === 'ENOENT') {
      const hint = `install Python ${MINIMUM_PYTHON.join('.')}+ with venv and pip (Debian: apt-get install python3 python3-venv python3-pip)`;
      throw new ToolchainError(`\`${file}\` was not found; ${hint}`, '', true);
    }
    const lastLine = (failure.stderr ?? '').trim().split('\n').at(-1) ?? '';
    throw new ToolchainError(`\`${file} ${args.join(' ')}\` failed: ${failure.message}\n${failure.stderr ?? ''}${failure.stdout ?? ''}`, lastLine);
  }
}

function pinnedVersion(requirements: string, name: string): string {
  const match = new RegExp(`^${name}==([^\\s;#]+)`, 'im').exec(requirements);
  if (!match) throw new ToolchainError(`${requirementsFile} does not pin ${name} with ==`);
  return match[1]!;
}

/** The base interpreter, checked for version, venv and ensurepip (Debian splits these out). */
async function baseInterpreter(): Promise<{ python: string; identity: string }> {
  const python = process.env.CLAUDE_HEALTH_PYTHON ?? 'python3';
  const probe = 'import sys, venv, ensurepip; print(sys.version_info[0], sys.version_info[1], sys.executable, sys.version.split()[0])';
  const { stdout } = await run(python, ['-c', probe], 30_000).catch((error: unknown) => {
    if (!(error instanceof ToolchainError) || error.programMissing) throw error;
    throw new ToolchainError(`${python} cannot make venvs with pip (${error.lastLine}); Debian: apt-get install python3-venv`);
  });
  const [major, minor, executable, version] = stdout.trim().split(' ');
  if (Number(major) < MINIMUM_PYTHON[0] || (Number(major) === MINIMUM_PYTHON[0] && Number(minor) < MINIMUM_PYTHON[1])) {
    throw new ToolchainError(`${python} is Python ${version}; the anthropic SDK needs ${MINIMUM_PYTHON.join('.')} or newer`);
  }
  return { python, identity: `${executable} ${version}` };
}

async function installedVersions(python: string): Promise<{ anthropic: string; mypy: string }> {
  const probe = 'import importlib.metadata as m; print(m.version("anthropic"), m.version("mypy"))';
  const { stdout } = await run(python, ['-c', probe], 60_000);
  const [anthropic, mypy] = stdout.trim().split(' ');
  return { anthropic: anthropic!, mypy: mypy! };
}

/** Creates the venv if it is missing or stale; returns its interpreter and the installed versions. */
export async function ensurePythonToolchain(): Promise<PythonToolchain> {
  if (!existsSync(requirementsFile)) throw new ToolchainError(`${requirementsFile} is missing`);
  const requirements = readFileSync(requirementsFile, 'utf8');
  const wanted = { anthropic: pinnedVersion(requirements, 'anthropic'), mypy: pinnedVersion(requirements, 'mypy') };
  const base = await baseInterpreter();
  const stamp = createHash('sha256').update(requirements).update('\0').update(base.identity).digest('hex');
  const venvPython = path.join(venvDir, 'bin', 'python');

  const current = existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === stamp && existsSync(venvPython);
  if (!current) {
    // Build beside the real folder and move it into place, so an interrupted install never
    // leaves a half-made venv that looks current.
    mkdirSync(SNIPPETS_TOOLS_DIR, { recursive: true });
    const partial = `${venvDir}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    await run(base.python, ['-m', 'venv', partial], 120_000);
    await run(path.join(partial, 'bin', 'python'), ['-m', 'pip', 'install', '--no-input', '--quiet', '-r', requirementsFile], 600_000);
    writeFileSync(path.join(partial, path.basename(stampFile)), `${stamp}\n`);
    rmSync(venvDir, { recursive: true, force: true });
    renameSync(partial, venvDir);
  }

  const installed = await installedVersions(venvPython);
  if (installed.anthropic !== wanted.anthropic || installed.mypy !== wanted.mypy) {
    throw new ToolchainError(
      `${venvDir} has anthropic ${installed.anthropic} and mypy ${installed.mypy}, but ${requirementsFile} pins ${wanted.anthropic} and ${wanted.mypy}; delete ${venvDir} and run again`,
    );
  }
  return { python: venvPython, anthropicVersion: installed.anthropic, mypyVersion: installed.mypy };
}
