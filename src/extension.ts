// Composition root: activate() builds the objects and registers them, nothing else.
import type * as vscode from 'vscode';

export function activate(_context: vscode.ExtensionContext): void {
  // Features register here as they land.
}

export function deactivate(): void {
  // Everything registered is owned by context.subscriptions and disposed by VS Code.
}
