// How fast the board clock runs against the host's. Emulated time is what tests measure,
// so the pace changes only when things happen, never what happens:
//   fast: as fast as the host allows, always;
//   real: never ahead of the host's clock, and never behind it for long: a real board's
//         clock does not stop while the host is busy, so after a stall the board catches
//         up (in slices, so the host's bytes keep flowing), or its heartbeat would
//         stretch in the bridge's real time until the bridge gave it up for silent;
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
// Behind by more than this (the host was suspended, or a debugger held it), real-time
// running gives up catching up and carries on from now. Less than that is caught up: a
// busy host often holds the emulator for hundreds of milliseconds, and dropping that
// time each time left the board's clock at a fraction of real time on a loaded machine.
const MAX_LAG_MS = 10_000;

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
    const behind = fast ? this.runFast() : this.runReal();
    this.wasFast = fast;
    this.schedule(behind ? 0 : 1);
  }

  /** Always true: it runs again at once. */
  private runFast(): boolean {
    const started = performance.now();
    const from = this.board.cycles;
    do {
      this.board.runUntil(this.board.cycles + FAST_STEP_CYCLES);
    } while (performance.now() - started < FAST_SLICE_HOST_MS && (this.pace === 'fast' || this.busy()));
    this.figures.fastCycles += this.board.cycles - from;
    this.figures.fastHostMs += performance.now() - started;
    return true;
  }

  /** True while it is still behind the host's clock. */
  private runReal(): boolean {
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
    const started = performance.now();
    while (this.board.cycles < target && performance.now() - started < FAST_SLICE_HOST_MS) {
      this.board.runUntil(Math.min(target, this.board.cycles + FAST_STEP_CYCLES));
    }
    return this.board.cycles < target;
  }
}
