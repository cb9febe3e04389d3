// The page every panel loads, as text: a strict Content-Security-Policy
// (nothing remote, styles from the extension, one nonce'd script), the
// panel's bundled CSS and script, the language on <html lang>, and nothing
// else: the script builds the page. No vscode import: webview-html.ts hands
// in what VS Code gives (the URIs, the CSP source, the display language), so
// a unit test reads exactly what a webview gets.
import { resolveLocale } from '../../core/l10n/locale';

export interface WebviewPage {
  title: string;
  /** VS Code's display language (vscode.env.language): "en", "zh-cn", "de"… */
  language: string;
  nonce: string;
  /** webview.cspSource: where the extension's own resources load from. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  /** data-* attributes on <body> (the panel's starting choices). */
  data?: Record<string, string>;
}

/**
 * The page's language as a BCP 47 tag: the language its words are in, so
 * the page's script picks that strings table and a screen reader that voice.
 * The locales we have a table for (the core's): Simplified Chinese, else English.
 */
export function pageLanguage(displayLanguage: string | undefined): 'en' | 'zh-CN' {
  return resolveLocale(displayLanguage) === 'zh-cn' ? 'zh-CN' : 'en';
}

export function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `style-src ${cspSource}`, `img-src ${cspSource} data:`, `font-src ${cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
}

export function webviewPageHtml(page: WebviewPage): string {
  const dataAttributes = Object.entries(page.data ?? {})
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${pageLanguage(page.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.cspSource, page.nonce)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeAttribute(page.styleUri)}">
<title>${escapeAttribute(page.title)}</title>
</head>
<body${dataAttributes}>
<script nonce="${page.nonce}" src="${escapeAttribute(page.scriptUri)}"></script>
</body>
</html>`;
}
