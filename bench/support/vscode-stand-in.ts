// The part of the `vscode` API that activate() touches, recorded rather than
// rendered, so the benchmark can time activation in plain Node. Behaviour is
// proven in a real VS Code by the end-to-end suite; this only measures cost.
import Module from 'node:module';

type Listener = (...args: unknown[]) => void;

class EventEmitter {
  private readonly listeners = new Set<Listener>();
  event = (listener: Listener) => {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  };
  fire(value?: unknown) {
    for (const listener of this.listeners) listener(value);
  }
  dispose() {
    this.listeners.clear();
  }
}

const noEvent = () => ({ dispose: () => undefined });

export function createStandIn(settings: Record<string, unknown>) {
  const registered: string[] = [];
  const errors: string[] = [];
  const channel = { info() {}, warn() {}, error: (...parts: unknown[]) => void errors.push(parts.map(String).join(' ')), debug() {}, trace() {}, show() {}, dispose() {} };
  const api = {
    EventEmitter,
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
    MarkdownString: class {
      isTrusted: unknown;
      constructor(readonly value: string) {}
    },
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { Window: 10, Notification: 15 },
    QuickPickItemKind: { Separator: -1, Default: 0 },
    Uri: { parse: (value: string) => ({ toString: () => value }), file: (path: string) => ({ fsPath: path }) },
    version: '1.139.0',
    env: { appHost: 'desktop', remoteName: undefined, clipboard: { writeText: () => Promise.resolve() }, openExternal: () => Promise.resolve(true) },
    l10n: { t: (message: string, ...args: unknown[]) => message.replace(/\{(\d+)\}/g, (_m, i: string) => String(args[Number(i)])) },
    window: {
      state: { focused: true },
      createOutputChannel: () => channel,
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {}, text: '', tooltip: '', name: '', command: '' }),
      onDidChangeWindowState: noEvent,
      onDidChangeActiveTextEditor: noEvent,
      onDidChangeTextEditorSelection: noEvent,
      showInformationMessage: () => Promise.resolve(undefined),
      showWarningMessage: () => Promise.resolve(undefined),
      showErrorMessage: () => Promise.resolve(undefined),
      // The history panel's serializer: registered at activation, its panel code loaded only on restore.
      registerWebviewPanelSerializer: () => ({ dispose() {} }),
    },
    workspace: {
      getConfiguration: (section: string) => ({ get: (key: string) => settings[`${section}.${key}`] }),
      onDidChangeConfiguration: noEvent,
      onDidChangeTextDocument: noEvent,
    },
    commands: {
      registerCommand: (id: string) => {
        registered.push(id);
        return { dispose: () => undefined };
      },
      executeCommand: () => Promise.resolve(undefined),
    },
  };
  const secrets = new Map<string, string>();
  const state = new Map<string, unknown>();
  const context = {
    subscriptions: [] as { dispose(): void }[],
    secrets: {
      get: (key: string) => Promise.resolve(secrets.get(key)),
      store: (key: string, value: string) => Promise.resolve(void secrets.set(key, value)),
      delete: (key: string) => Promise.resolve(void secrets.delete(key)),
      onDidChange: noEvent,
    },
    // The traffic tap's terminal variables: cleared at activation, set only while a tap runs.
    environmentVariableCollection: { persistent: true, description: undefined as unknown, replace() {}, delete() {}, clear() {}, get: () => undefined },
    globalState: { get: (key: string, fallback?: unknown) => state.get(key) ?? fallback, update: (key: string, value: unknown) => Promise.resolve(void state.set(key, value)) },
  };
  return { api, context, registered, errors };
}

/** Makes `require('vscode')` return the stand-in for the rest of this process. */
export function installStandIn(api: object): void {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return api;
    return original.call(this, request, ...rest);
  };
}
