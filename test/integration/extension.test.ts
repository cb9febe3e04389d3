// Runs inside a VS Code extension host (`npx vscode-test`, desktop VS Code).
// The same paths run in code-server through the e2e suite on every CI run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';

const root = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  publisher: string;
  name: string;
  contributes: { commands: { command: string }[] };
};
const extensionId = `${manifest.publisher}.${manifest.name}`;

describe('Claude Health in the extension host', () => {
  before(async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is installed`);
    await extension.activate();
  });

  it('registers every command the manifest contributes', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const { command } of manifest.contributes.commands) assert.ok(registered.has(command), command);
  });

  it('inserts the Python retry wrapper into a Python editor', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'python', content: '' });
    await vscode.window.showTextDocument(document);
    const inserted = await vscode.commands.executeCommand('claudeHealth.insertRetryWrapper', { language: 'python', variant: 'basic' });
    assert.equal(inserted, true);
    assert.match(document.getText(), /def create_message_with_retry\(/);
    assert.match(document.getText(), /max_retries=0/);
  });

  it('opens a new TypeScript document when the active editor is in another language', async () => {
    const markdown = await vscode.workspace.openTextDocument({ language: 'markdown', content: '# notes' });
    await vscode.window.showTextDocument(markdown);
    await vscode.commands.executeCommand('claudeHealth.insertRetryWrapper', { language: 'typescript', variant: 'basic' });
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.languageId, 'typescript');
    assert.match(editor.document.getText(), /createMessageWithRetry/);
    assert.equal(markdown.getText(), '# notes', 'the markdown file is left alone');
  });

  it('starts and stops the local simulator on loopback', async () => {
    const url = await vscode.commands.executeCommand<string | undefined>('claudeHealth.startSimulator', 'healthy');
    assert.match(url ?? '', /^http:\/\/127\.0\.0\.1:\d+$/);
    const summary = (await (await fetch(`${url}/api/v2/summary.json`)).json()) as { status: { indicator: string } };
    assert.equal(summary.status.indicator, 'none');
    await vscode.commands.executeCommand('claudeHealth.stopSimulator');
    await assert.rejects(fetch(`${url}/api/v2/summary.json`));
  });
});
