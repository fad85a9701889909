// How fast the board clock runs against the host's. Emulated time is what tests measure,
// so the pace changes only when things happen, never what happens:
//   fast: as fast as the host allows, always;
//   real: never ahead of the host's clock (a person at the keyboard, a long soak);
//   auto: fast while inputs are scheduled or a command runs, real otherwise, so the
//         board neither holds a test up nor spins a core while it waits for the host,
//         and its heartbeat idles at the pace a bridge expects of a real board.
// Between slices the event loop runs: the host's bytes, commands, the relay.

import { CYCLES_PER_MS } from './atmega328p.js';
import type { EmulatedBoard } from './emulated-board.js';

export type Pace = 'auto' | 'fast' | 'real';

export interface PaceFigures {
  /** Emulated and host time while running fast. */
  fastCycles: number;
  fastHostMs: number;
  /** How far real-time running fell behind the host at worst (the host was too slow). */
  worstLagMs: number;
}

// A fast slice: long enough to amortise the loop, short enough to keep the host's bytes flowing.
const FAST_SLICE_HOST_MS = 5;
const FAST_STEP_CYCLES = CYCLES_PER_MS;
// Behind by more than this, real-time running gives up catching up and carries on from now.
const MAX_LAG_MS = 200;

export class Pacer {
  readonly figures: PaceFigures = { fastCycles: 0, fastHostMs: 0, worstLagMs: 0 };
  private timer: NodeJS.Timeout | null = null;
  private immediate: NodeJS.Immediate | null = null;
  private anchorHostMs = 0;
  private anchorCycles = 0;
  private wasFast = true;
  private stopped = false;

  constructor(
    private readonly board: EmulatedBoard,
    private readonly pace: Pace,
    private readonly busy: () => boolean,
  ) {}

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = null;
    this.immediate = null;
  }

  /** Emulated milliseconds per host millisecond while running fast (0 before any). */
  get fastSpeed(): number {
    const { fastCycles, fastHostMs } = this.figures;
    return fastHostMs > 0 ? fastCycles / CYCLES_PER_MS / fastHostMs : 0;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (delayMs <= 0) this.immediate = setImmediate(() => this.tick());
    else this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    this.immediate = null;
    const fast = this.pace === 'fast' || (this.pace === 'auto' && this.busy());
    if (fast) this.runFast();
    else this.runReal();
    this.wasFast = fast;
    this.schedule(fast ? 0 : 1);
  }

  private runFast(): void {
    const started = performance.now();
    const from = this.board.cycles;
    do {
      this.board.runUntil(this.board.cycles + FAST_STEP_CYCLES);
    } while (performance.now() - started < FAST_SLICE_HOST_MS && (this.pace === 'fast' || this.busy()));
    this.figures.fastCycles += this.board.cycles - from;
    this.figures.fastHostMs += performance.now() - started;
  }

  private runReal(): void {
    const now = performance.now();
    if (this.wasFast) {
      this.anchorHostMs = now;
      this.anchorCycles = this.board.cycles;
    }
    let target = this.anchorCycles + Math.floor((now - this.anchorHostMs) * CYCLES_PER_MS);
    const lagMs = (target - this.board.cycles) / CYCLES_PER_MS;
    this.figures.worstLagMs = Math.max(this.figures.worstLagMs, lagMs);
    if (lagMs > MAX_LAG_MS) {
      this.anchorHostMs = now;
      this.anchorCycles = this.board.cycles;
      target = this.board.cycles;
    }
    this.board.runUntil(target);
  }
}
