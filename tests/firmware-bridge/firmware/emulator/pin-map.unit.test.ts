// The pin map the emulator reads from the firmware's own board-pins.h.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parsePinMap } from '../../../../firmware-bridge/firmware/emulator/pin-map.js';

const HEADER = readFileSync(fileURLToPath(new URL('../../../../firmware-bridge/firmware/avr/board-pins.h', import.meta.url)), 'utf8');

describe('parsePinMap', () => {
  it('reads the reference board: 8 buttons, 2 knobs, the 595 on the SPI pins, the loop pulse on D12', () => {
    const map = parsePinMap(HEADER);
    expect(map.buttons.map((p) => `P${p.port}${p.bit}`)).toEqual(['PD2', 'PD3', 'PD4', 'PD5', 'PD6', 'PD7', 'PB0', 'PB1']);
    expect(map.knobA.map((p) => `P${p.port}${p.bit}`)).toEqual(['PC0', 'PC2']);
    expect(map.knobB.map((p) => `P${p.port}${p.bit}`)).toEqual(['PC1', 'PC3']);
    expect([map.shiftData, map.shiftClock, map.shiftLatch, map.loopPulse].map((p) => `P${p.port}${p.bit}`)).toEqual(['PB3', 'PB5', 'PB2', 'PB4']);
    expect(map.ledActiveHigh).toBe(true);
  });

  it('refuses a header with a pin used twice, a short table, or a missing signal', () => {
    expect(() => parsePinMap(HEADER.replace('{Port::B, 1},  // D9', '{Port::B, 0},  // D9'))).toThrow(/uses pin PB0 twice/);
    expect(() => parsePinMap(HEADER.replace('    {Port::B, 1},  // D9\n', ''))).toThrow(/lists 7 buttons/);
    expect(() => parsePinMap(HEADER.replace(/constexpr Pin kLoopPulse[^\n]*\n/, ''))).toThrow(/no kLoopPulse/);
  });
});
