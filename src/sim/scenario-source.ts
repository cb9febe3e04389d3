// Finds a scenario by built-in name, or reads and validates a JSON scenario file.
import { readFileSync } from 'node:fs';
import { BUILT_IN_SCENARIOS, BUILT_IN_SCENARIO_NAMES } from './scenarios';
import { parseScenario, ScenarioError, type Scenario } from './scenario';

export function builtInScenario(name: string): Scenario {
  const scenario = BUILT_IN_SCENARIOS[name];
  if (!scenario) throw new ScenarioError(`unknown scenario "${name}"; built-in scenarios: ${BUILT_IN_SCENARIO_NAMES.join(', ')} (or give a path to a JSON scenario file)`);
  return scenario;
}

/** A built-in name, or a path to a .json file (anything with a slash or ending in .json). */
export function loadScenario(nameOrPath: string): Scenario {
  if (!nameOrPath.endsWith('.json') && !nameOrPath.includes('/') && !nameOrPath.includes('\\')) return builtInScenario(nameOrPath);
  let text: string;
  try {
    text = readFileSync(nameOrPath, 'utf8');
  } catch (error) {
    throw new ScenarioError(`cannot read scenario file ${nameOrPath}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ScenarioError(`scenario file ${nameOrPath} is not valid JSON: ${(error as Error).message}`);
  }
  try {
    return parseScenario(json);
  } catch (error) {
    if (error instanceof ScenarioError) throw new ScenarioError(`scenario file ${nameOrPath}: ${error.message}`);
    throw error;
  }
}
