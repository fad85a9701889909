// Lines received so far, and promises for the next line that passes a test:
// the reading half shared by the serial client and the virtual board process.

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

  /** The next line (after those already consumed) that passes `test`. */
  waitFor(test: (line: string) => boolean, timeoutMs = 2000): Promise<string> {
    for (; this.cursor < this.lines.length; this.cursor++) {
      const line = this.lines[this.cursor]!;
      if (test(line)) {
        this.cursor++;
        return Promise.resolve(line);
      }
    }
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        test,
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
