// The README's metrics and label tables are the documentation users alert on:
// they must list exactly what the registry serves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { HEALTH_STATES } from '../../../../src/core/health';
import { createHealthMetrics, METRIC_DEFINITIONS } from '../../../../src/core/metrics/health-metrics';
import { REQUEST_KINDS, REQUEST_SOURCES } from '../../../../src/core/signals/request-kinds';
import { COMPONENT_STATUSES } from '../../../../src/core/statuspage/types';

const README = readFileSync(path.resolve(__dirname, '../../../../README.md'), 'utf8');

/** The rows of the table whose header row starts with `| first |`, as cells. */
function table(first: string): string[][] {
  const lines = README.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`| ${first} |`));
  assert.ok(start >= 0, `README has a table starting with "${first}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.slice(1, -1).split(' | ').map((cell) => cell.trim()));
  }
  return rows;
}

const unquote = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

describe('README metrics tables', () => {
  it('lists every metric with its type, labels and help, and nothing else', async () => {
    const documented = table('metric').map(([name, type, labels, help]) => ({ name: unquote(name!)[0], type, labels: unquote(labels!), help }));
    assert.deepEqual(
      documented,
      METRIC_DEFINITIONS.map((d) => ({ name: d.name, type: d.type, labels: [...d.labels], help: d.help })),
    );
    const served = (await createHealthMetrics({ processMetrics: false }).registry.getMetricsAsJSON()).map((m) => m.name).sort();
    assert.deepEqual(served, documented.map((d) => d.name).sort());
  });

  it('lists every value of the closed label sets', () => {
    const values = new Map(table('label').map(([label, cell]) => [label!, unquote(cell!)]));
    assert.deepEqual(values.get('`state`'), [...HEALTH_STATES]);
    assert.deepEqual(values.get('`source`'), [...REQUEST_SOURCES]);
    assert.deepEqual(values.get('`kind`'), [...REQUEST_KINDS]);
    assert.deepEqual(values.get('`status`'), [...COMPONENT_STATUSES, 'unknown']);
    assert.deepEqual(values.get('`dimension`'), ['requests', 'tokens', 'input_tokens', 'output_tokens']);
  });
});
