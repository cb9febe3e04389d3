// Finds a scenario by built-in name, or reads and validates a JSON scenario file.
// A scenario file can be anything a user (or a script) points at, so it is
// checked before it is read: a regular file, no larger than a scenario can be,
// and nothing of its content is echoed unless it is JSON.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { BUILT_IN_SCENARIO_NAMES, builtInScenarioNamed } from './scenarios';
import { parseScenario, ScenarioError, type Scenario } from './scenario';

/** The largest scenario file or control request body: the built-in scenarios are under 2 KB each. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;

/** A name from the command line or a request, safe to print: quoted, escaped, shortened. */
function quotedName(name: string): string {
  return JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}...` : name);
}

export function builtInScenario(name: string): Scenario {
  const scenario = builtInScenarioNamed(name);
  if (!scenario) throw new ScenarioError(`unknown scenario ${quotedName(name)}; built-in scenarios: ${BUILT_IN_SCENARIO_NAMES.join(', ')} (or give a path to a JSON scenario file)`);
  return scenario;
}

/** At most `MAX_SCENARIO_BYTES + 1` bytes of a regular file; a FIFO or device is refused without blocking on it. */
function readScenarioFile(file: string): Buffer {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw new ScenarioError(`cannot read scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new ScenarioError(`scenario file ${file} is not a regular file`);
    if (stat.size > MAX_SCENARIO_BYTES) throw new ScenarioError(`scenario file ${file} is ${stat.size} bytes; a scenario file is at most ${MAX_SCENARIO_BYTES} bytes`);
    // The file may grow between fstat and read: read one byte past the cap to notice.
    const buffer = Buffer.alloc(MAX_SCENARIO_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > MAX_SCENARIO_BYTES) throw new ScenarioError(`scenario file ${file} is larger than ${MAX_SCENARIO_BYTES} bytes`);
    return buffer.subarray(0, length);
  } catch (error) {
    if (error instanceof ScenarioError) throw error;
    throw new ScenarioError(`cannot read scenario file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  } finally {
    closeSync(fd);
  }
}

/** A built-in name, or a path to a .json file (anything with a slash or ending in .json). */
export function loadScenario(nameOrPath: string): Scenario {
  if (!nameOrPath.endsWith('.json') && !nameOrPath.includes('/') && !nameOrPath.includes('\\')) return builtInScenario(nameOrPath);
  const bytes = readScenarioFile(nameOrPath);
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    // The parser's message quotes the file's first bytes; the file may be anything (a key file, /etc/passwd).
    throw new ScenarioError(`scenario file ${nameOrPath} is not valid JSON`);
  }
  try {
    return parseScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(`scenario file ${nameOrPath}: ${error.message}`);
    throw error;
  }
}
