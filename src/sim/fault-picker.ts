// Chooses how a request is answered: a scripted fault if one matches (in order),
// else a draw from the current phase's mix, else ok.
import { type Random } from './rng';
import { type FaultOptions, type FaultKind, type FaultRule, type Phase, type ScriptedFault } from './scenario';

export interface PickedFault extends FaultOptions {
  kind: FaultKind;
  source: 'script' | 'scenario' | 'none';
}

interface Matchable {
  paths?: string[];
  models?: string[];
}

function matches(rule: Matchable, path: string, model: string | null): boolean {
  if (rule.paths && !rule.paths.includes(path)) return false;
  if (rule.models && (model === null || !rule.models.includes(model))) return false;
  return true;
}

function optionsOf(rule: FaultOptions): FaultOptions {
  const { retryAfterSeconds, retryAfterMs, shouldRetry, streamStage, latencyMs } = rule;
  const options: FaultOptions = {};
  if (retryAfterSeconds !== undefined) options.retryAfterSeconds = retryAfterSeconds;
  if (retryAfterMs !== undefined) options.retryAfterMs = retryAfterMs;
  if (shouldRetry !== undefined) options.shouldRetry = shouldRetry;
  if (streamStage !== undefined) options.streamStage = streamStage;
  if (latencyMs !== undefined) options.latencyMs = latencyMs;
  return options;
}

export class FaultPicker {
  private script: (ScriptedFault & { remaining: number })[] = [];

  constructor(private readonly random: Random) {}

  enqueue(faults: ScriptedFault[]): void {
    for (const fault of faults) this.script.push({ ...fault, remaining: fault.times ?? 1 });
  }

  clearScript(): void {
    this.script = [];
  }

  /** Entries waiting (each may answer several requests). */
  get scriptLength(): number {
    return this.script.length;
  }

  get scriptRemaining(): number {
    return this.script.reduce((sum, entry) => sum + entry.remaining, 0);
  }

  pick(phase: Phase, path: string, model: string | null): PickedFault {
    const scripted = this.script.find((entry) => matches(entry, path, model));
    if (scripted) {
      scripted.remaining -= 1;
      if (scripted.remaining <= 0) this.script.splice(this.script.indexOf(scripted), 1);
      return { kind: scripted.kind, source: 'script', ...optionsOf(scripted) };
    }
    const rules: FaultRule[] = (phase.faults ?? []).filter((rule) => matches(rule, path, model));
    // One draw per request, walked along the cumulative probabilities: the mix is exact on average.
    const draw = this.random();
    let cumulative = 0;
    for (const rule of rules) {
      cumulative += rule.probability;
      if (draw < cumulative) return { kind: rule.kind, source: 'scenario', ...optionsOf(rule) };
    }
    return { kind: 'ok', source: 'none' };
  }
}
