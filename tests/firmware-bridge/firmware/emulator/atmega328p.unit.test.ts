// What the emulator adds to avr8js, on hand-assembled programs: idle sleep that skips
// ahead to the next interrupt and resumes after `sleep`, and the signature row read.

import { describe, expect, it } from 'vitest';
import { Atmega328p, CYCLES_PER_MS } from '../../../../firmware-bridge/firmware/emulator/atmega328p.js';
import { signatureRow } from '../../../../firmware-bridge/firmware/emulator/signature-row.js';

const ldi = (d: number, k: number): number => 0xe000 | ((k & 0xf0) << 4) | ((d - 16) << 4) | (k & 0x0f);
const out = (a: number, r: number): number => 0xb800 | ((a & 0x30) << 5) | (r << 4) | (a & 0x0f);
const inc = (d: number): number => 0x9403 | (d << 4);
const rjmp = (from: number, to: number): number => 0xc000 | ((to - from - 1) & 0xfff);
const SEI = 0x9478;
const SLEEP = 0x9588;
const RETI = 0x9518;

function program(words: Record<number, number[]>): Uint16Array {
  const flash = new Uint16Array(16 * 1024);
  for (const [at, code] of Object.entries(words)) flash.set(code, Number(at));
  return flash;
}

describe('Atmega328p', () => {
  it('sleeps until the timer interrupt, runs the instruction after sleep on waking, and skips the idle cycles', () => {
    const START = 0x22;
    const LOOP = START + 12;
    const flash = program({
      0: [rjmp(0, START)],
      0x1c: [inc(21), RETI], // TIMER0_COMPA: count the ticks
      [START]: [ldi(16, 0x02), out(0x24, 16), ldi(16, 249), out(0x27, 16), ldi(16, 0x02), 0x9300, 0x006e, ldi(16, 0x03), out(0x25, 16), ldi(16, 0x01), out(0x33, 16), SEI],
      [LOOP]: [SLEEP, inc(20), rjmp(LOOP + 2, LOOP)],
    });
    const mcu = new Atmega328p(flash, signatureRow('0000000000000000'));
    mcu.runUntil(10 * CYCLES_PER_MS + 100);
    expect(mcu.cpu.data[21], 'ticks').toBe(10);
    expect(mcu.cpu.data[20], 'passes after each wake').toBe(10);
    expect(mcu.wakeUps).toBe(10);
    expect(mcu.sleptCycles / mcu.cycles).toBeGreaterThan(0.99);
  });

  it('reads the signature row with SPMCSR and lpm, and flash without', () => {
    const flash = program({
      0: [ldi(16, 0x21), ldi(30, 0x0f), ldi(31, 0), 0x9300, 0x0057, 0x9114, 0x9124, rjmp(7, 7)],
    });
    const mcu = new Atmega328p(flash, signatureRow('E6614C311B7A4F2C'));
    mcu.runUntil(100);
    expect(mcu.cpu.data[17], 'signature byte 0x0F').toBe(0x61);
    expect(mcu.cpu.data[18], 'flash byte 0x0F').toBe(flash[7]! >> 8);
  });
});
