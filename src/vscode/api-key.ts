// The API key: SecretStorage first, ANTHROPIC_API_KEY from the environment as the
// fallback. It is never logged, never put in state, and never shown back.
import * as vscode from 'vscode';
import { inBackground } from './background';
import { type Log } from './log';

const SECRET_KEY = 'claudeHealth.apiKey';

export type KeySource = 'secret-storage' | 'environment' | 'none';

export class ApiKeyStore implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private cached: string | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {
    this.subscription = secrets.onDidChange((event) => {
      if (event.key !== SECRET_KEY) return;
      this.cached = undefined;
      this.changed.fire();
    });
  }

  async get(): Promise<{ key: string | undefined; source: KeySource }> {
    this.cached ??= (await this.secrets.get(SECRET_KEY)) ?? '';
    if (this.cached) return { key: this.cached, source: 'secret-storage' };
    const fromEnv = this.env.ANTHROPIC_API_KEY?.trim();
    if (fromEnv) return { key: fromEnv, source: 'environment' };
    return { key: undefined, source: 'none' };
  }

  /** Known values, for the log redactor (synchronous: it runs on every log line). */
  knownSecrets(): (string | undefined)[] {
    return [this.cached, this.env.ANTHROPIC_API_KEY];
  }

  async set(key: string): Promise<void> {
    await this.secrets.store(SECRET_KEY, key);
    this.cached = key;
    this.changed.fire();
  }

  async clear(): Promise<void> {
    await this.secrets.delete(SECRET_KEY);
    this.cached = '';
    this.changed.fire();
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

/** A plausibility check for the input box; the key itself is never echoed. */
export function describeKeyProblem(value: string): string | undefined {
  const key = value.trim();
  if (key.length === 0) return vscode.l10n.t('Paste your Claude API key (it starts with sk-ant-).');
  if (/\s/.test(key)) return vscode.l10n.t('An API key has no spaces in it.');
  if (!key.startsWith('sk-ant-')) return vscode.l10n.t('Claude API keys start with sk-ant-; check what you pasted.');
  if (key.length < 20) return vscode.l10n.t('That is too short for a Claude API key.');
  return undefined;
}

export async function promptForApiKey(store: ApiKeyStore, log: Log): Promise<boolean> {
  const key = await vscode.window.showInputBox({
    title: vscode.l10n.t('Claude Health: Set API Key'),
    prompt: vscode.l10n.t('Stored in VS Code SecretStorage and sent only to the configured API host.'),
    password: true,
    ignoreFocusOut: true,
    placeHolder: 'sk-ant-...',
    validateInput: (value) => describeKeyProblem(value),
  });
  if (key === undefined) return false;
  await store.set(key.trim());
  inBackground(log, 'the key saved message', vscode.window.showInformationMessage(vscode.l10n.t('Claude Health: API key saved (ending …{0}).', key.trim().slice(-4))));
  return true;
}
