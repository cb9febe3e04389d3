import { type SnippetPolicy, type SnippetTemplate } from './types';

const PLACEHOLDER = /\{\{(\w+)\}\}/g;

function policyValue(policy: SnippetPolicy, name: string): string {
  if (!Object.prototype.hasOwnProperty.call(policy, name)) {
    throw new Error(`template placeholder {{${name}}} is not a policy value`);
  }
  return String(policy[name as keyof SnippetPolicy]);
}

/** Ready-to-run code: every placeholder replaced by its policy value. */
export function renderCode(template: SnippetTemplate, policy: SnippetPolicy): string {
  return template.source.replace(PLACEHOLDER, (_match, name: string) => policyValue(policy, name));
}

/** VS Code snippet syntax escapes `$`, `}` and `\` everywhere but in its own tab stops. */
function escapeSnippetText(text: string): string {
  return text.replace(/[$}\\]/g, (c) => `\\${c}`);
}

/**
 * Snippet-syntax body: each distinct placeholder becomes a numbered tab stop holding
 * its policy value (the same number everywhere the value repeats, so it is edited once).
 */
export function renderSnippetBody(template: SnippetTemplate, policy: SnippetPolicy): string {
  const tabStops = new Map<string, number>();
  let out = '';
  let last = 0;
  for (const match of template.source.matchAll(PLACEHOLDER)) {
    const name = match[1]!;
    const value = policyValue(policy, name);
    out += escapeSnippetText(template.source.slice(last, match.index));
    let stop = tabStops.get(name);
    if (stop === undefined) {
      stop = tabStops.size + 1;
      tabStops.set(name, stop);
      out += `\${${stop}:${escapeSnippetText(value)}}`;
    } else {
      out += `\${${stop}}`;
    }
    last = match.index + match[0].length;
  }
  return out + escapeSnippetText(template.source.slice(last));
}
