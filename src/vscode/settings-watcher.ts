// Settings changes reach the monitor: claudeHealth.* as validated settings,
// VS Code's proxy settings as a rebuilt transport.
import * as vscode from 'vscode';
import { type HealthMonitor } from '../core/monitor';
import { type InsecureOriginConsent } from './insecure-origin-consent';
import { type Log } from './log';
import { type MonitorTransport } from './monitor-transport';
import { affectsConnection, readSettings } from './settings-reader';

export class SettingsWatcher implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;

  constructor(monitor: HealthMonitor, transport: MonitorTransport, consent: InsecureOriginConsent, log: Log) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration('claudeHealth')) {
        const next = readSettings();
        for (const problem of next.problems) log.warn(problem);
        monitor.updateSettings(next.settings, next.problems);
      }
      if (affectsConnection(event)) {
        transport.rebuild(monitor.whenIdle());
        // A probe that held the key back tries again with the latest consent.
        monitor.allowInsecureOrigins(consent.allowedOrigins());
      }
    });
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
