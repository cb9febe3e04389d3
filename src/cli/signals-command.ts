// `claude-health signals`: what the user's own requests and the probes met
// recently, counted by source and kind. Claude Code's counts come from its
// transcripts (read here, the same way the extension reads them); the tap's
// and the probes' from the shared store. The store's copies of transcript rows
// (written by the extension) are not counted again.
import * as os from 'node:os';
import { systemClock, type Clock } from '../core/clock';
import { REQUEST_KINDS, type RequestKind } from '../core/signals/request-kinds';
import { readStore, resolveStateDir, type StoredObservation } from '../core/store/observation-store';
import { claudeConfigDirs } from '../core/transcripts/config-dirs';
import { TranscriptReader } from '../core/transcripts/transcript-reader';
import { booleanFlag, integerFlag, stringFlag, type CliFlags } from './flags';
import type { Translate } from '../core/l10n';
import { type CommandHelp } from './help';
import { cliTranslator } from './locale';
import { EXIT_OK, EXIT_USAGE, UsageError, type CliIo } from './io';
import { renderSignalsText } from './signals-text';

export function signalsSummary(t: Translate): string {
  return t`Count the API errors of your own traffic (Claude Code, the tap) and of the probes.`;
}

export const SIGNALS_OPTIONS = {
  json: { type: 'boolean' },
  'since-minutes': { type: 'string' },
  'state-dir': { type: 'string' },
} as const;

export const SINCE_MINUTES_RANGE = { min: 1, max: 1440, unit: 'minutes' } as const;
const DEFAULT_SINCE_MINUTES = 15;
/** Reading the transcripts stops after this many bounded passes (a huge home is read in part, never for ever). */
const MAX_TRANSCRIPT_PASSES = 400;

export function signalsHelp(t: Translate): CommandHelp {
  return {
    description: t`Claude Code counts come from its transcripts under $CLAUDE_CONFIG_DIR (a comma-separated list), else ~/.claude and ~/.config/claude: only rows flagged as API errors, never prompts or answers. Tap and probe counts come from the shared store in $CLAUDE_HEALTH_STATE_DIR, else the per-user state folder. Kinds: ok, overloaded, rate_limited, server_error, network, auth, plan_limit (a spent subscription, not an API 429), other.`,
    flags: {
      json: { description: t`Print one JSON document: sinceMinutes, and counts per source (claude-code, tap, probe) with every kind present (0 when none).` },
      'since-minutes': { value: 'N', description: t`Count what happened in the last N minutes, ${SINCE_MINUTES_RANGE.min} to ${SINCE_MINUTES_RANGE.max} (default ${DEFAULT_SINCE_MINUTES}).` },
      'state-dir': { value: 'DIR', description: t`The shared store to read (default $CLAUDE_HEALTH_STATE_DIR, else the per-user state folder).` },
    },
    examples: ['signals', 'signals --json --since-minutes 60', 'signals --state-dir /tmp/claude-health-demo'],
    exitCodes: [
      [EXIT_OK, t`the counts were printed (whatever they are)`],
      [EXIT_USAGE, t`a bad flag`],
    ],
  };
}

type Counts = Record<RequestKind, number>;
const CLAUDE_CODE_KINDS = REQUEST_KINDS.filter((kind) => kind !== 'ok');

export interface SignalsJson {
  sinceMinutes: number;
  counts: {
    'claude-code': Record<Exclude<RequestKind, 'ok'>, number>;
    tap: Counts;
    probe: Counts;
  };
}

function zeros<K extends string>(kinds: readonly K[]): Record<K, number> {
  return Object.fromEntries(kinds.map((kind) => [kind, 0])) as Record<K, number>;
}

export interface SignalsReading {
  json: SignalsJson;
  stateDir: string;
  configDirs: string[];
  /** The newest plan limit seen, if any. */
  planLimit?: StoredObservation;
  corruptLines: number;
  /** The transcripts were too many to read whole within the pass limit. */
  partial: boolean;
}

export async function readSignals(options: { stateDir: string; configDirs: string[]; sinceMinutes: number; clock: Clock }): Promise<SignalsReading> {
  const sinceMs = options.clock.now() - options.sinceMinutes * 60_000;
  const json: SignalsJson = { sinceMinutes: options.sinceMinutes, counts: { 'claude-code': zeros(CLAUDE_CODE_KINDS), tap: zeros(REQUEST_KINDS), probe: zeros(REQUEST_KINDS) } };
  const store = await readStore({ dir: options.stateDir, sinceMs, clock: options.clock });
  for (const row of store.observations) if (row.source === 'tap' || row.source === 'probe') json.counts[row.source][row.kind]++;
  const reader = new TranscriptReader({ configDirs: options.configDirs, clock: options.clock, windowMs: options.sinceMinutes * 60_000, maxCallsPerPass: 2000, maxBytesPerPass: 32 * 1024 * 1024 });
  let planLimit: StoredObservation | undefined;
  let partial = true;
  for (let pass = 0; pass < MAX_TRANSCRIPT_PASSES; pass++) {
    const result = await reader.pass();
    for (const error of result.errors) {
      json.counts['claude-code'][error.kind]++;
      if (error.kind === 'plan_limit' && (planLimit === undefined || error.at > planLimit.at)) planLimit = { ...error, source: 'claude-code' };
    }
    if (!result.behind) {
      partial = false;
      break;
    }
  }
  const reading: SignalsReading = { json, stateDir: options.stateDir, configDirs: options.configDirs, corruptLines: store.corruptLines, partial };
  if (planLimit) reading.planLimit = planLimit;
  return reading;
}

export async function runSignalsCommand(flags: CliFlags, io: CliIo, clock: Clock = systemClock): Promise<number> {
  const sinceMinutes = integerFlag(flags, 'since-minutes', SINCE_MINUTES_RANGE) ?? DEFAULT_SINCE_MINUTES;
  const stateDirFlag = stringFlag(flags, 'state-dir');
  if (stateDirFlag !== undefined && stateDirFlag.trim() === '') throw new UsageError((t) => t`--state-dir needs a folder`);
  const stateDir = stateDirFlag !== undefined ? resolveStateDir({ CLAUDE_HEALTH_STATE_DIR: stateDirFlag }, process.platform, os.homedir()) : resolveStateDir(io.env, process.platform, os.homedir());
  const configDirs = claudeConfigDirs(io.env, os.homedir());
  const reading = await readSignals({ stateDir, configDirs, sinceMinutes, clock });
  if (booleanFlag(flags, 'json')) io.stdout(`${JSON.stringify(reading.json)}\n`);
  else io.stdout(renderSignalsText(reading, cliTranslator(io)));
  return EXIT_OK;
}
