// The firmware's figures over every boot of the emulated board: main-loop passes (from
// the D12 pulse at the top of the loop to the CPU's sleep, or to the next pulse), wake-ups,
// cycles run and slept, and the deepest the stack went.

import type { Atmega328p } from './atmega328p.js';

export interface BoardStats {
  /** Start-up, from reset to the first sleep, of the latest boot. */
  bootCycles: number;
  /** The longest main-loop pass (with the interrupts in it). */
  longestPassCycles: number;
  /** Where the longest pass began, to see what the board was doing. */
  longestPassAt: number;
  passes: number;
  wakeUps: number;
  executedCycles: number;
  sleptCycles: number;
  /** The deepest the stack went, in bytes. */
  stackBytes: number;
}

type Totals = Omit<BoardStats, 'bootCycles'>;

const NONE: Totals = { longestPassCycles: 0, longestPassAt: 0, passes: 0, wakeUps: 0, executedCycles: 0, sleptCycles: 0, stackBytes: 0 };

export class BoardFigures {
  private totals: Totals = { ...NONE };
  private mcu: Atmega328p | null = null;
  private passStart: number | null = null;
  private lastPulse = false;
  private longestPass = 0;
  private longestPassAt = 0;
  private passCount = 0;

  /** `staticEnd`: the first SRAM address past the image's static data. */
  constructor(private readonly staticEnd: number) {}

  /** A new chip starts; the one before (if any) is folded into the totals. */
  boot(mcu: Atmega328p): void {
    this.retire();
    this.mcu = mcu;
    this.passStart = null;
    this.lastPulse = false;
    this.longestPass = 0;
    this.longestPassAt = 0;
    this.passCount = 0;
  }

  /** The chip stops (power off or reset). */
  retire(): void {
    if (!this.mcu) return;
    const m = this.current(this.mcu);
    this.totals = {
      longestPassCycles: Math.max(this.totals.longestPassCycles, m.longestPassCycles),
      longestPassAt: m.longestPassCycles > this.totals.longestPassCycles ? m.longestPassAt : this.totals.longestPassAt,
      passes: this.totals.passes + m.passes,
      wakeUps: this.totals.wakeUps + m.wakeUps,
      executedCycles: this.totals.executedCycles + m.executedCycles,
      sleptCycles: this.totals.sleptCycles + m.sleptCycles,
      stackBytes: Math.max(this.totals.stackBytes, m.stackBytes),
    };
    this.mcu = null;
  }

  /** The loop pulse pin's level, after each write to its port. */
  pulse(level: boolean, cycle: number): void {
    if (level === this.lastPulse) return;
    this.lastPulse = level;
    this.endPass(cycle); // a pass that did not sleep ends where the next begins
    this.passStart = cycle;
  }

  /** The CPU went to sleep. */
  sleep(cycle: number): void {
    this.endPass(cycle);
  }

  stats(): BoardStats {
    const m = this.mcu ? this.current(this.mcu) : NONE;
    const longer = m.longestPassCycles > this.totals.longestPassCycles;
    return {
      bootCycles: this.mcu?.bootCycles ?? 0,
      longestPassCycles: longer ? m.longestPassCycles : this.totals.longestPassCycles,
      longestPassAt: longer ? m.longestPassAt : this.totals.longestPassAt,
      passes: this.totals.passes + m.passes,
      wakeUps: this.totals.wakeUps + m.wakeUps,
      executedCycles: this.totals.executedCycles + m.executedCycles,
      sleptCycles: this.totals.sleptCycles + m.sleptCycles,
      stackBytes: Math.max(this.totals.stackBytes, m.stackBytes),
    };
  }

  private endPass(cycle: number): void {
    if (this.passStart === null) return;
    if (cycle - this.passStart > this.longestPass) {
      this.longestPass = cycle - this.passStart;
      this.longestPassAt = this.passStart;
    }
    this.passCount++;
    this.passStart = null;
  }

  private current(mcu: Atmega328p): Totals {
    return {
      longestPassCycles: this.longestPass,
      longestPassAt: this.longestPassAt,
      passes: this.passCount,
      wakeUps: mcu.wakeUps,
      executedCycles: mcu.cycles - mcu.sleptCycles,
      sleptCycles: mcu.sleptCycles,
      stackBytes: mcu.stackHighWater(this.staticEnd),
    };
  }
}
