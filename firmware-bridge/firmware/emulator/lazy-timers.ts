// Timers counted from one compare match to the next instead of one prescaler tick at a
// time. avr8js schedules a clock event for every tick of a running timer: Timer0 at
// clk/64, the firmware's millisecond clock, makes 250,000 events an emulated second,
// and since idle sleep can skip only to the next event, an idle board cost as much to
// emulate as a busy one. In the modes that count straight up (normal and CTC) nothing
// happens between a compare match and the wrap that anyone can see: a read of TCNT
// brings the count up to date (avr8js counts on each read), so the timer's next event
// can be its next compare match or wrap, in the same cycle the tick-by-tick count
// would have reached it. The PWM modes, whose pins and counting direction change at
// other points, keep their tick-by-tick events.

import type { AVRTimer, CPU } from 'avr8js';

// What of avr8js's AVRTimer this reads (private there, and stable across its versions).
interface TimerInternals {
  count: (reschedule?: boolean, external?: boolean) => void;
  lastCycle: number;
  divider: number;
  tcnt: number;
  tcntUpdated: boolean;
  updateDivider: boolean;
  timerMode: number;
  TOP: number;
  ocrA: number;
  ocrB: number;
  ocrC: number;
  hasOCRC: boolean;
}

interface TimerRegisters {
  OCRA: number;
  OCRB: number;
  OCRC?: number;
  ICR?: number;
  TCCRA: number;
}

// avr8js's TimerMode: Normal and CTC count up from BOTTOM to TOP and wrap.
const NORMAL = 0;
const CTC = 2;

/** Ticks from `value` until the timer next reaches `target` (a whole period if it is there now). */
function ticksTo(value: number, target: number, top: number): number {
  return target > value ? target - value : top + 1 - value + target;
}

function ticksToNextEvent(timer: TimerInternals): number {
  const { tcnt, TOP } = timer;
  let ticks = ticksTo(tcnt, 0, TOP); // the wrap: overflow, and a match of OCR = 0
  for (const ocr of timer.hasOCRC ? [timer.ocrA, timer.ocrB, timer.ocrC] : [timer.ocrA, timer.ocrB]) {
    if (ocr <= TOP) ticks = Math.min(ticks, ticksTo(tcnt, ocr, TOP));
  }
  return ticks;
}

/** Makes `timers` on `cpu` wake only at their compare matches and wraps; `registers` are their configs. */
export function countLazily(cpu: CPU, timers: readonly AVRTimer[], registers: readonly TimerRegisters[]): void {
  const byCount = new Map<unknown, TimerInternals>();
  for (const timer of timers as unknown as TimerInternals[]) byCount.set(timer.count, timer);
  const addClockEvent = cpu.addClockEvent.bind(cpu);
  // Every (re)scheduling of a timer's count goes through here: its own after each count,
  // and the `0` (at once) of a write to TCNT or TCCRB, which stays at once.
  cpu.addClockEvent = (callback, cycles) => {
    const timer = byCount.get(callback);
    if (timer && cycles > 0 && !timer.tcntUpdated && !timer.updateDivider && timer.divider > 0 && (timer.timerMode === NORMAL || timer.timerMode === CTC)) {
      cycles = timer.lastCycle + ticksToNextEvent(timer) * timer.divider - cpu.cycles;
    }
    return addClockEvent(callback, cycles);
  };
  // A new compare value, TOP or mode can bring the next event nearer than the one
  // scheduled: count up to now and schedule again.
  timers.forEach((timer, i) => {
    const config = registers[i]!;
    for (const address of [config.OCRA, config.OCRB, config.OCRC, config.ICR, config.TCCRA]) {
      if (address === undefined || address === 0) continue;
      const hook = cpu.writeHooks[address];
      if (!hook) continue;
      cpu.writeHooks[address] = (value, oldValue, addr, mask) => {
        const handled = hook(value, oldValue, addr, mask);
        cpu.updateClockEvent(timer.count, 0);
        return handled;
      };
    }
  });
}
