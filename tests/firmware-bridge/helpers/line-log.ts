// Lines received so far, and promises for the next line that passes a test:
// the reading half shared by the serial client and the virtual board process.

/** A line matches a pattern, or passes a predicate. */
export type LineTest = RegExp | ((line: string) => boolean);

interface Waiter {
  test: (line: string) => boolean;
  resolve: (line: string) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class LineLog {
  readonly lines: string[] = [];
  private readonly waiters = new Set<Waiter>();
  private cursor = 0;

  /** `describe` adds context (what was received) to a timeout's message. */
  constructor(private readonly describe: () => string) {}

  push(line: string): void {
    this.lines.push(line);
    for (const waiter of [...this.waiters]) {
      if (!waiter.test(line)) continue;
      this.waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(line);
    }
  }

  /** Forgets what arrived so far: later waits see only new lines. */
  skipReceived(): void {
    this.cursor = this.lines.length;
  }

  /** Drops every pending wait and its timer (on close). */
  clear(): void {
    for (const waiter of this.waiters) clearTimeout(waiter.timer);
    this.waiters.clear();
  }

  /**
   * The next line that passes `test`: from index `since` when given, else after
   * those already consumed. The match and every line before it are consumed.
   */
  waitFor(test: LineTest, timeoutMs = 2000, since?: number): Promise<string> {
    const passes = typeof test === 'function' ? test : (line: string) => test.test(line);
    for (let i = Math.max(0, since ?? this.cursor); i < this.lines.length; i++) {
      const line = this.lines[i]!;
      if (passes(line)) {
        this.cursor = Math.max(this.cursor, i + 1);
        return Promise.resolve(line);
      }
    }
    if (since === undefined) this.cursor = this.lines.length;
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test: passes,
        resolve: (line) => {
          this.cursor = this.lines.length;
          resolve(line);
        },
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no line matching ${test.toString()} within ${timeoutMs} ms; ${this.describe()}`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }
}
