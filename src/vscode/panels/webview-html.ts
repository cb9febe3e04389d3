// The page every panel loads (page-html.ts writes it): the panel's bundled CSS
// and script from dist/webview, a fresh nonce, and VS Code's display language,
// which the page's words and dates follow.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { webviewPageHtml } from './page-html';

export type WebviewBundle = 'history' | 'report';

export function webviewRoot(extensionUri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
}

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return { enableScripts: true, localResourceRoots: [webviewRoot(extensionUri)], retainContextWhenHidden: false, enableFindWidget: true };
}

export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, bundle: WebviewBundle, title: string, data: Record<string, string> = {}): string {
  const root = webviewRoot(extensionUri);
  return webviewPageHtml({
    title,
    // Fixed for the window's lifetime: a change of display language reloads the window, and the panels with it.
    language: vscode.env.language,
    nonce: randomBytes(16).toString('base64'),
    cspSource: webview.cspSource,
    scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.js`)).toString(),
    styleUri: webview.asWebviewUri(vscode.Uri.joinPath(root, `${bundle}.css`)).toString(),
    data,
  });
}
