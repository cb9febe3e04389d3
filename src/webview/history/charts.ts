// The two uPlot charts: requests by outcome (stacked bars) and latency
// percentiles (lines). Built once; a new model only replaces their data
// (setData), so live updates never rebuild a chart. A theme change rebuilds
// them with the new colours.
import uPlot from 'uplot';
import { CHART_KINDS, type ChartKind } from '../../core/history/data';
import type { HistoryModel } from '../../core/history/model';
import { STRINGS } from './strings';
import { chartColours } from './theme';

const HEIGHT = 200;

/** Bottom-to-top cumulative sums, drawn tallest first so each lower kind paints over the one above. */
function stacked(model: HistoryModel): { data: uPlot.AlignedData; raw: Record<ChartKind, number[]> } {
  const times = model.buckets.starts.map((start) => start / 1000);
  const running = new Array<number>(times.length).fill(0);
  const cumulative: number[][] = [];
  for (const kind of CHART_KINDS) {
    model.buckets.counts[kind].forEach((count, index) => (running[index] = running[index]! + count));
    cumulative.push([...running]);
  }
  return { data: [times, ...cumulative.reverse()], raw: model.buckets.counts };
}

/** uPlot's date templates, written the way the page's language writes dates, with its month and day names. */
function fmtDate(template: string): (date: Date) => string {
  return uPlot.fmtDate(STRINGS.chartDateTemplate(template), STRINGS.chartDateNames);
}

/** The x series: its name and the time the legend shows under the cursor. */
function timeSeries(): uPlot.Series {
  return { label: STRINGS.time, value: '{YYYY}-{MM}-{DD} {h}:{mm}{aa}' };
}

function axes(colours: ReturnType<typeof chartColours>, unit: string): uPlot.Axis[] {
  const style = { stroke: colours.axis, grid: { stroke: colours.grid, width: 1 }, ticks: { stroke: colours.grid, width: 1 } };
  return [style, { ...style, label: unit, size: 50 }];
}

export class HistoryCharts {
  private requests: uPlot | undefined;
  private latency: uPlot | undefined;
  private raw: Record<ChartKind, number[]> | undefined;
  private model: HistoryModel | undefined;
  private builtWidth = 0;

  constructor(
    private readonly requestsHost: HTMLElement,
    private readonly latencyHost: HTMLElement,
  ) {
    new ResizeObserver(() => this.resize()).observe(requestsHost);
  }

  update(model: HistoryModel): void {
    this.model = model;
    const { data, raw } = stacked(model);
    this.raw = raw;
    const latency: uPlot.AlignedData = [data[0], model.buckets.p50, model.buckets.p95, model.buckets.p99];
    if (!this.requests || !this.latency) {
      this.build(data, latency);
      return;
    }
    this.requests.setData(data);
    this.latency.setData(latency);
  }

  /** New colours: the charts are built again around the data they hold. */
  rebuild(): void {
    this.requests?.destroy();
    this.latency?.destroy();
    this.requests = undefined;
    this.latency = undefined;
    if (this.model) this.update(this.model);
  }

  /** What the charts draw now, by series label (the test hook reads it). */
  drawn(): { times: number[]; requests: Record<string, number[]>; latency: Record<string, (number | null)[]> } | undefined {
    if (!this.model || !this.raw) return undefined;
    const times = this.model.buckets.starts;
    const requests = Object.fromEntries(CHART_KINDS.map((kind) => [kind, [...this.raw![kind]]]));
    const { p50, p95, p99 } = this.model.buckets;
    return { times, requests, latency: { p50, p95, p99 } };
  }

  private width(): number {
    return Math.max(240, this.requestsHost.clientWidth);
  }

  private resize(): void {
    // The observer also fires once the charts are first laid out: same width, nothing to redraw.
    const width = this.width();
    if (width === this.builtWidth) return;
    this.builtWidth = width;
    const size = { width, height: HEIGHT };
    this.requests?.setSize(size);
    this.latency?.setSize(size);
  }

  private build(requestsData: uPlot.AlignedData, latencyData: uPlot.AlignedData): void {
    const colours = chartColours();
    this.builtWidth = this.width();
    const bars = uPlot.paths.bars!({ size: [0.9, 40], align: 1 });
    const kindsTopFirst = [...CHART_KINDS].reverse();
    this.requests = new uPlot(
      {
        width: this.builtWidth,
        height: HEIGHT,
        fmtDate,
        axes: axes(colours, STRINGS.requestsAxis),
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        cursor: { points: { show: false } },
        series: [
          timeSeries(),
          ...kindsTopFirst.map((kind) => ({
            label: STRINGS.kinds[kind],
            stroke: colours.kinds[kind],
            fill: colours.kinds[kind],
            paths: bars,
            points: { show: false },
            // The legend shows each kind's own count, not the running sum drawn.
            value: (_u: uPlot, _v: number | null, _series: number, index: number | null) => (index === null ? '' : String(this.raw?.[kind][index] ?? 0)),
          })),
        ],
      },
      requestsData,
      this.requestsHost,
    );
    const line = (label: string, stroke: string): uPlot.Series => ({ label, stroke, width: 1.5, spanGaps: false, points: { show: false }, value: (_u, v) => (v === null ? '' : `${Math.round(v)} ms`) });
    this.latency = new uPlot(
      {
        width: this.builtWidth,
        height: HEIGHT,
        fmtDate,
        axes: axes(colours, 'ms'),
        series: [timeSeries(), line('p50', colours.p50), line('p95', colours.p95), line('p99', colours.p99)],
      },
      latencyData,
      this.latencyHost,
    );
  }
}
