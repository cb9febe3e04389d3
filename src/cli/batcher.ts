// Items gathered and handed on together, a few times a second or when enough
// have piled up: the tap's records to the store (one file append per batch,
// not per request) and its log lines to stderr (one write, a system call and
// on a pipe a synchronous one, per batch, not per line). Bounded: a batch
// never holds more than maxItems. Nothing is lost on a clean stop: the owner
// calls flush().
export interface BatcherOptions<T> {
  /** Receives each batch; must not throw. */
  deliver(items: T[]): void;
  /** How long the first item of a batch may wait. */
  delayMs: number;
  /** A batch this big goes at once. */
  maxItems: number;
}

export class Batcher<T> {
  private pending: T[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: BatcherOptions<T>) {}

  add(item: T): void {
    this.pending.push(item);
    if (this.pending.length >= this.options.maxItems) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.delayMs).unref();
  }

  /** Hands on what is pending now. */
  flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const items = this.pending;
    this.pending = [];
    if (items.length) this.options.deliver(items);
  }
}
