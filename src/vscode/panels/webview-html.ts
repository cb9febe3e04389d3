// The page every panel loads: a strict Content-Security-Policy (nothing remote,
// styles from the extension, one nonce'd script), the panel's bundled CSS and
// script from dist/webview, and nothing else: the script builds the page.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export type WebviewBundle = 'history' | 'report';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: false, enableFindWidget: true };
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>]/g, (char) => `&#${char.charCodeAt(0)};`);
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: WebviewBundle, title: string, data: Record<string, string> = {}): string {
  const nonce = randomBytes(16).toString('base64');
  const root = webviewRoot(extensionUri);
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`));
  const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `img-src ${webview.cspSource} data:`, `font-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`].join('; ');
  const dataAttributes = Object.entries(data)
    .map(([key, value]) => ` data-${key}="${escapeAttribute(value)}"`)
    .join('');
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeAttribute(title)}</title>
</head>
<body${dataAttributes}>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
