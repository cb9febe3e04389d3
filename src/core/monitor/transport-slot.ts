// The transport the monitor's requests go through, held by the composition
// root: it can be replaced when the proxy settings change without the monitor
// noticing, and the old one closes only once the requests on it have ended.
import type { FetchLike, NodeFetch } from '../net/node-fetch';
import type { ProxySettings } from '../net/proxy-config';

export class TransportSlot {
  private closed = false;

  constructor(private current: NodeFetch) {}

  /** The current transport's proxy route. */
  route(): ProxySettings {
    return this.current.route;
  }

  /** Always the current transport's fetch. */
  readonly fetch: FetchLike = (input, init) => this.current.fetch(input, init);

  /**
   * Requests from now on go through `next`. The previous transport closes when
   * `inFlightEnded` settles: closing it at once would fail its requests as resets.
   */
  replace(next: NodeFetch, inFlightEnded: Promise<unknown>): void {
    if (this.closed) {
      next.close();
      return;
    }
    const previous = this.current;
    this.current = next;
    void inFlightEnded.then(
      () => previous.close(),
      () => previous.close(),
    );
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.current.close();
  }
}
