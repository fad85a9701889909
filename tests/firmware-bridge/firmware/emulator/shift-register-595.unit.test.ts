// The 74HC595 model: bits shift in on SRCLK's rising edge, the outputs change only on
// RCLK's rising edge.

import { describe, expect, it } from 'vitest';
import { ShiftRegister595 } from '../../../../firmware-bridge/firmware/emulator/shift-register-595.js';

/** Shifts `byte` out most significant bit first, as the firmware does, then latches if asked. */
function shiftOut(register: ShiftRegister595, byte: number, latch = true): boolean {
  let changed = false;
  for (let bit = 7; bit >= 0; bit--) {
    const data = ((byte >> bit) & 1) === 1;
    changed = register.update(data, false, false) || changed;
    changed = register.update(data, true, false) || changed;
    changed = register.update(data, false, false) || changed;
  }
  if (!latch) return changed;
  changed = register.update(false, false, true) || changed;
  return register.update(false, false, false) || changed;
}

describe('ShiftRegister595', () => {
  it('puts the first bit shifted on Q7 and the last on Q0, at the latch', () => {
    const register = new ShiftRegister595();
    expect(shiftOut(register, 0b1000_0001, false)).toBe(false);
    expect(register.outputs).toBe(0);
    expect(shiftOut(register, 0b1000_0001)).toBe(true);
    expect(register.outputs).toBe(0b1000_0001);
    expect(shiftOut(register, 0b0000_1000)).toBe(true);
    expect(register.outputs).toBe(0b0000_1000);
  });

  it('reports no change for a latch of the same byte, and only rising edges count', () => {
    const register = new ShiftRegister595();
    shiftOut(register, 0x5a);
    expect(shiftOut(register, 0x5a)).toBe(false);
    // Holding the clock high shifts once, not on every update.
    register.update(true, true, false);
    register.update(true, true, false);
    register.update(true, false, false);
    register.update(false, false, true);
    expect(register.outputs).toBe(((0x5a << 1) | 1) & 0xff);
    register.clear();
    expect(register.outputs).toBe(0);
  });
});
