// /_sim/*: lets tests and demos switch scenario, script exact faults, and read
// what the simulator was asked (so a test can assert "exactly one request").
import { type IncomingMessage, type ServerResponse } from 'node:http';
import { builtInScenario } from './scenario-source';
import { BUILT_IN_SCENARIOS } from './scenarios';
import { parseCapacity } from './capacity';
import { parseScenario, parseScriptedFault, rejectHostileJson, ScenarioError } from './scenario';
import { type SimulatorState } from './state';

/**
 * Scripted entries waiting at once: each request walks the script, and repeated
 * POSTs would otherwise grow it without bound. Far more than any test scripts.
 */
export const MAX_SCRIPTED_FAULTS = 1000;

export function isControlPath(pathname: string): boolean {
  return pathname === '/_sim' || pathname.startsWith('/_sim/');
}

function send(res: ServerResponse, status: number, payload: unknown): void {
  const body = JSON.stringify(payload);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function parseBody(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ScenarioError('request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ScenarioError('request body must be a JSON object');
  rejectHostileJson(value, 'request body');
  return value as Record<string, unknown>;
}

export function handleControl(req: IncomingMessage, res: ServerResponse, body: Buffer, url: URL, state: SimulatorState): void {
  const route = `${req.method} ${url.pathname}`;
  try {
    switch (route) {
      case 'GET /_sim/state':
        return send(res, 200, state.describe());
      case 'GET /_sim/requests':
        return send(res, 200, { requests: state.log });
      case 'GET /_sim/scenarios':
        return send(res, 200, { scenarios: Object.values(BUILT_IN_SCENARIOS).map(({ name, description }) => ({ name, description })) });
      case 'POST /_sim/reset':
        state.reset();
        return send(res, 200, state.describe());
      case 'POST /_sim/scenario': {
        const request = parseBody(body);
        if (typeof request.name === 'string') state.useScenario(builtInScenario(request.name));
        else if (request.scenario !== undefined) state.useScenario(parseScenario(request.scenario));
        else throw new ScenarioError('send {"name": "<built-in scenario>"} or {"scenario": {...}}');
        return send(res, 200, state.describe());
      }
      case 'POST /_sim/script': {
        const request = parseBody(body);
        if (!Array.isArray(request.faults)) throw new ScenarioError('send {"faults": [{"kind": "overloaded", "times": 2}, ...]}');
        if (state.picker.scriptLength + request.faults.length > MAX_SCRIPTED_FAULTS) {
          throw new ScenarioError(`the script holds at most ${MAX_SCRIPTED_FAULTS} entries (${state.picker.scriptLength} waiting); POST /_sim/reset clears it`);
        }
        const faults = request.faults.map((fault, i) => parseScriptedFault(fault, `faults[${i}]`));
        state.picker.enqueue(faults);
        return send(res, 200, state.describe());
      }
      case 'POST /_sim/capacity': {
        // {"capacity": {...}} limits the API from now on, {"capacity": null} lifts every limit; a reset or scenario switch restores the scenario's.
        const request = parseBody(body);
        if (!('capacity' in request)) throw new ScenarioError('send {"capacity": {"maxInFlight": 8, "serviceTimeMs": 200}} or {"capacity": null}');
        state.capacityOverride = request.capacity === null ? null : parseCapacity(request.capacity, 'capacity', (path, message) => {
          throw new ScenarioError(`${path}: ${message}`);
        });
        return send(res, 200, state.describe());
      }
      default:
        return send(res, 404, { error: `unknown control endpoint ${route}; try GET /_sim/state, GET /_sim/requests, GET /_sim/scenarios, POST /_sim/scenario, POST /_sim/script, POST /_sim/capacity, POST /_sim/reset` });
    }
  } catch (error) {
    if (error instanceof ScenarioError) return send(res, 400, { error: error.message });
    throw error;
  }
}
