// How each network fault looks to the monitor and how soon after it clears
// health is back, against the probe interval (target: within one). The
// monitor and the simulator share a simulated clock, so the times are
// simulated seconds and exclude the real latency of the requests; the faults
// are real (test/support/fault-matrix.ts, the table the unit test asserts on).
// Run: node --import tsx bench/recovery.ts
import { DEFAULT_MATRIX_OPTIONS, describeOutcome, FAULTS, runFault, type FaultRun } from '../test/support/fault-matrix';

const SECOND = 1000;

function line(run: FaultRun): string {
  const interval = run.intervalMs / SECOND;
  const recovery =
    run.recoveryMs === undefined ? `not healthy within ${3 * interval} s of clearing`
    : `healthy ${Math.round(run.recoveryMs / SECOND)} s after clearing (${(run.recoveryMs / run.intervalMs).toFixed(2)} × interval ${interval} s)`;
  return `${run.name.padEnd(24)} ${describeOutcome(run).padEnd(62)} ${run.during.health.state.padEnd(12)} ${recovery}`;
}

async function main(): Promise<void> {
  console.log(`fault matrix: probe and page interval ${DEFAULT_MATRIX_OPTIONS.intervalSeconds} s, probe timeout ${DEFAULT_MATRIX_OPTIONS.timeoutMs} ms`);
  console.log(`${'fault'.padEnd(24)} ${'observed'.padEnd(62)} ${'health'.padEnd(12)} recovery`);
  const runs: FaultRun[] = [];
  for (const fault of FAULTS) {
    const run = await runFault(fault);
    runs.push(run);
    console.log(line(run));
  }
  const never = runs.filter((run) => run.recoveryMs === undefined);
  const worst = runs.reduce<FaultRun | undefined>((a, b) => (a === undefined || (b.recoveryMs ?? Infinity) > (a.recoveryMs ?? Infinity) ? b : a), undefined);
  if (never.length) {
    console.log(`worst recovery: never (${never.map((run) => run.name).join(', ')}) (target ≤ 1: not met)`);
    process.exitCode = 1;
    return;
  }
  const ratio = (worst?.recoveryMs ?? 0) / (worst?.intervalMs ?? 1);
  console.log(`worst recovery: ${Math.round((worst?.recoveryMs ?? 0) / SECOND)} s = ${ratio.toFixed(2)} × interval (${worst?.name}) (target ≤ 1: ${ratio <= 1 ? 'met' : 'not met'})`);
  console.log('(flaky traffic, 3% random 529s → state changes per hour: see bench/monitor.ts)');
}

void main();
