// A one-line progress bar for long CLI steps, drawn only on a terminal:
// logs and pipes get the result lines and nothing else.

const WIDTH = 30;
const FRAME_MS = 100;

export class ProgressBar {
  private lastDraw = 0;
  private drawn = false;

  constructor(private readonly stream: NodeJS.WritableStream & { isTTY?: boolean }) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(fraction: number, step: string): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < FRAME_MS && fraction < 1) return;
    this.lastDraw = now;
    const clamped = Math.max(0, Math.min(1, fraction));
    const filled = Math.round(clamped * WIDTH);
    const label = step.length > 40 ? `${step.slice(0, 39)}…` : step;
    this.stream.write(`\r[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${String(Math.round(clamped * 100)).padStart(3)}% ${label}\x1b[K`);
    this.drawn = true;
  }

  /** Clears the bar so the result lines start on a clean line. */
  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
