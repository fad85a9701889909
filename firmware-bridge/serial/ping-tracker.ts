// PING/PONG round trips in flight on one link: numbers them, times them, and
// fails those that get no answer in time or are cut off by the link closing.

interface PendingPing {
  sentAt: number;
  resolve(ms: number): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

export class PingTracker {
  private readonly pending = new Map<number, PendingPing>();
  private next = 0;

  constructor(
    private readonly timeoutMs: number,
    private readonly where: string,
  ) {}

  /** Registers a new ping; returns its number (to send) and the round trip in ms. */
  start(): { n: number; roundTrip: Promise<number> } {
    const n = this.next;
    this.next = (this.next + 1) & 0xffff;
    const roundTrip = new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(n);
        reject(new Error(`no PONG ${n} from ${this.where} within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(n, { sentAt: performance.now(), resolve, reject, timer });
    });
    return { n, roundTrip };
  }

  /** A PONG arrived; one that matches no ping in flight is ignored. */
  answer(n: number): void {
    const ping = this.pending.get(n);
    if (!ping) return;
    this.pending.delete(n);
    clearTimeout(ping.timer);
    ping.resolve(performance.now() - ping.sentAt);
  }

  /** Fails every ping in flight and clears their timers. */
  cancelAll(reason: string): void {
    for (const [n, ping] of this.pending) {
      clearTimeout(ping.timer);
      ping.reject(new Error(`${reason} before PONG ${n}`));
    }
    this.pending.clear();
  }
}
