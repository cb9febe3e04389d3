// The signals (probe times, outcomes, latencies: never the key) survive a
// restart in globalState: saved at most every 30 s while they change, and once
// more at shutdown, before the monitor stops.
import type * as vscode from 'vscode';
import { type HealthMonitor } from '../core/monitor';
import { inBackground } from './background';
import { type Log } from './log';

const SIGNALS_STATE = 'claudeHealth.signals';
const SAVE_EVERY_MS = 30_000;

export class SignalsPersistence implements vscode.Disposable {
  private lastSavedAt = 0;
  private monitor: HealthMonitor | undefined;
  private subscription: vscode.Disposable | undefined;

  constructor(
    private readonly state: vscode.Memento,
    private readonly log: Log,
  ) {}

  /** What the last session saved, for the monitor to validate. */
  load(): unknown {
    return this.state.get(SIGNALS_STATE);
  }

  /** Saves what `monitor` holds from now on. */
  follow(monitor: HealthMonitor): this {
    this.monitor = monitor;
    this.subscription = monitor.onDidChange((snapshot) => {
      if (snapshot.now - this.lastSavedAt > SAVE_EVERY_MS) this.save();
    });
    return this;
  }

  dispose(): void {
    this.subscription?.dispose();
    this.save();
  }

  private save(): void {
    if (!this.monitor) return;
    this.lastSavedAt = Date.now();
    inBackground(this.log, 'saving the signals', this.state.update(SIGNALS_STATE, this.monitor.saveState()));
  }
}
