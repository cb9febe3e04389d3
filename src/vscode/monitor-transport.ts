// The transport under the monitor's requests, built from VS Code's http.proxy,
// http.noProxy and http.proxyStrictSSL, and rebuilt when they change.
import type * as vscode from 'vscode';
import { TransportSlot } from '../core/monitor';
import { createNodeFetch, type FetchLike } from '../core/net/node-fetch';
import type { ProxySettings } from '../core/net/proxy-config';
import { readConnection } from './settings-reader';

export class MonitorTransport implements vscode.Disposable {
  private readonly slot: TransportSlot;

  constructor(private readonly env: NodeJS.ProcessEnv) {
    this.slot = new TransportSlot(this.build());
  }

  get fetch(): FetchLike {
    return this.slot.fetch;
  }

  /** The proxy route of the current transport. */
  route(): ProxySettings {
    return this.slot.route();
  }

  /** New proxy/TLS settings take effect for the next request; requests in flight finish on the old transport. */
  rebuild(inFlightEnded: Promise<unknown>): void {
    this.slot.replace(this.build(), inFlightEnded);
  }

  dispose(): void {
    this.slot.close();
  }

  private build() {
    return createNodeFetch({ ...readConnection(), env: this.env });
  }
}
