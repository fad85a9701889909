// Edge-to-frame latency bookkeeping.

import { describe, expect, it } from 'vitest';
import { LatencyLog } from '../../../../firmware-bridge/firmware/emulator/latency-log.js';

describe('LatencyLog', () => {
  it('matches a frame to the latest input on its control, once', () => {
    const log = new LatencyLog();
    log.input('BTN 3', 1000);
    log.input('KNOB 1', 1500);
    expect(log.frame('STATE 4 0008 0 0*00', 1900)).toBeNull();
    expect(log.frame('BTN 5 2 1*00', 2000)).toBeNull();
    expect(log.frame('BTN 6 3 1*00', 2100)).toBe(1100);
    expect(log.frame('BTN 7 3 0*00', 2200)).toBeNull();
    expect(log.frame('KNOB 8 1 -2*00', 2600)).toBe(1100);
    log.input('BTN 3', 5000);
    log.clear();
    expect(log.frame('BTN 9 3 1*00', 5100)).toBeNull();
    expect(log.figures()).toEqual({ btnLatencyMaxCycles: 1100, btnLatencyCount: 1, knobLatencyMaxCycles: 1100, knobLatencyCount: 1 });
  });
});
