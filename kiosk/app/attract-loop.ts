// The attract loop's drift: while nobody is there the map moves on to the
// next scenario every few seconds. Calm by design: one move per dwell, slower
// still when motion is reduced (the map then cuts instead of flying).

export interface AttractLoopOptions {
  /** Called once per dwell while running. */
  drift: () => void;
  dwellMs?: number;
}

export class AttractLoop {
  private timer: ReturnType<typeof setInterval> | null = null;
  private dwellMs: number;

  constructor(private readonly options: AttractLoopOptions) {
    this.dwellMs = options.dwellMs ?? 14_000;
  }

  get running(): boolean {
    return this.timer !== null;
  }

  /** Runs (or keeps running) with this dwell; a changed dwell restarts the interval. */
  run(dwellMs = this.dwellMs): void {
    if (this.timer && dwellMs === this.dwellMs) return;
    this.stop();
    this.dwellMs = dwellMs;
    this.timer = setInterval(() => this.options.drift(), dwellMs);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
