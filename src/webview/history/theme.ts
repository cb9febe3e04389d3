// Colours from the VS Code theme's CSS variables, read when a chart is built
// and again when the theme changes (the body's class says which kind it is).
import type { ChartKind } from '../../core/history/data';

function cssVariable(name: string, fallback: string): string {
  const value = getComputedStyle(document.body).getPropertyValue(name).trim();
  return value || fallback;
}

export interface ChartColours {
  kinds: Record<ChartKind, string>;
  p50: string;
  p95: string;
  p99: string;
  axis: string;
  grid: string;
}

export function chartColours(): ChartColours {
  const foreground = cssVariable('--vscode-foreground', '#888');
  return {
    kinds: {
      ok: cssVariable('--vscode-charts-green', '#388a34'),
      overloaded: cssVariable('--vscode-charts-red', '#e51400'),
      rate_limited: cssVariable('--vscode-charts-orange', '#d18616'),
      server_error: cssVariable('--vscode-charts-purple', '#652d90'),
      network: cssVariable('--vscode-charts-yellow', '#bf8803'),
      other: cssVariable('--vscode-charts-blue', '#1a85ff'),
    },
    p50: cssVariable('--vscode-charts-blue', '#1a85ff'),
    p95: cssVariable('--vscode-charts-orange', '#d18616'),
    p99: cssVariable('--vscode-charts-red', '#e51400'),
    axis: foreground,
    grid: cssVariable('--vscode-editorWidget-border', 'rgba(128,128,128,0.25)'),
  };
}

/** Calls `onChange` when VS Code switches theme (it rewrites the body's class and variables). */
export function onThemeChange(onChange: () => void): void {
  new MutationObserver(onChange).observe(document.body, { attributes: true, attributeFilter: ['class'] });
}
