// A small human-readable page at `/`, so a browser pointed at the simulator shows what it is doing.
import { type SimulatorState } from './state';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function renderHomePage(state: SimulatorState, baseUrl: string): string {
  const position = state.position();
  const spec = position.statusPage.phase.statusPage;
  const counts = [...state.counts.entries()].map(([route, n]) => `<tr><td>${escapeHtml(route)}</td><td>${n}</td></tr>`).join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Claude Health simulator</title>
<style>body{font:14px system-ui,sans-serif;margin:2em;max-width:48em}td{padding:0 1em 0 0}code{background:#eee;padding:0 .3em}</style></head>
<body>
<h1>Claude Health simulator</h1>
<p>Scenario <b>${escapeHtml(state.scenario.name)}</b>: ${escapeHtml(state.scenario.description)}</p>
<p>API phase: <b>${escapeHtml(position.api.phase.name)}</b>. Status page shows: <b>${escapeHtml(spec.indicator)}</b> (phase ${escapeHtml(position.statusPage.phase.name)}).</p>
<p>Point the SDKs here: <code>ANTHROPIC_BASE_URL=${escapeHtml(baseUrl)}</code>. Status page JSON: <a href="/api/v2/summary.json">/api/v2/summary.json</a>. Control: <a href="/_sim/state">/_sim/state</a>, <a href="/_sim/requests">/_sim/requests</a>.</p>
<table><tr><th>Request</th><th>Count</th></tr>${counts}</table>
</body></html>
`;
}
