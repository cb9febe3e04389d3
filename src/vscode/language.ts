// The core's catalogue in VS Code's display language, so the status bar, the
// tooltip, notifications and the diagnostics report read like the rest of the
// editor (vscode.l10n covers the strings written in src/vscode).
import * as vscode from 'vscode';
import { translatorFor, type Translate } from '../core/l10n';

/** vscode.env.language is fixed for the window's lifetime: a change of display language reloads it. */
export function coreTranslator(): Translate {
  return translatorFor(vscode.env.language);
}
