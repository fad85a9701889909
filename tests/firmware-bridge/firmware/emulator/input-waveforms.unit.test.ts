// The waveforms a visitor's hand makes, as pure functions: contact bounce and quadrature.

import { describe, expect, it } from 'vitest';
import { CYCLES_PER_MS, CYCLES_PER_US } from '../../../../firmware-bridge/firmware/emulator/atmega328p.js';
import { bouncingEdges, seededRandom, stepPhase, turnEdges } from '../../../../firmware-bridge/firmware/emulator/input-waveforms.js';

describe('bouncingEdges', () => {
  it('starts and ends on the new level, alternates, stays inside the burst, 10 µs apart at least', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const edges = bouncingEdges(false, 1000, 5 * CYCLES_PER_MS, seededRandom(seed));
      expect(edges[0]).toEqual({ cycle: 1000, high: false });
      expect(edges[edges.length - 1]!.high).toBe(false);
      expect(edges.length % 2).toBe(1);
      expect(edges.length, `seed ${seed}`).toBeGreaterThanOrEqual(5);
      for (let i = 1; i < edges.length; i++) {
        expect(edges[i]!.high).toBe(!edges[i - 1]!.high);
        expect(edges[i]!.cycle - edges[i - 1]!.cycle).toBeGreaterThanOrEqual(10 * CYCLES_PER_US);
      }
      expect(edges[edges.length - 1]!.cycle).toBeLessThanOrEqual(1000 + 5 * CYCLES_PER_MS);
    }
  });

  it('gives one clean edge without bounce, and the same burst for the same seed', () => {
    expect(bouncingEdges(true, 7, 0, seededRandom(1))).toEqual([{ cycle: 7, high: true }]);
    expect(bouncingEdges(true, 0, CYCLES_PER_MS, seededRandom(9))).toEqual(bouncingEdges(true, 0, CYCLES_PER_MS, seededRandom(9)));
  });
});

describe('turnEdges', () => {
  it('walks 11 -> 10 -> 00 -> 01 -> 11 clockwise, one contact at a time, four steps a detent', () => {
    expect([0, 1, 2, 3, 4].map((n) => stepPhase(3, n))).toEqual([3, 2, 0, 1, 3]);
    expect(stepPhase(3, -1)).toBe(1);
    const edges = turnEdges(8, 3, 0, { speed: 10 }, seededRandom(1));
    expect(edges.map((e) => e.phase)).toEqual([2, 0, 1, 3, 2, 0, 1, 3]);
    // 10 detents a second: a quarter step every 25 ms.
    expect(edges.map((e) => e.cycle)).toEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => n * 25 * CYCLES_PER_MS));
    expect(turnEdges(-4, 3, 0, { speed: 10 }, seededRandom(1)).map((e) => e.phase)).toEqual([1, 0, 2, 3]);
  });

  it('lets a moving contact chatter, but never into the next step, and settles on each step', () => {
    const speed = 400;
    const quarter = (CYCLES_PER_MS * 1000) / speed / 4;
    const edges = turnEdges(40, 3, 0, { speed, bounceCycles: 5 * CYCLES_PER_MS }, seededRandom(3));
    for (let step = 0; step < 40; step++) {
      const mine = edges.filter((e) => e.step === step);
      expect(mine[0]!.cycle).toBe(Math.round(step * quarter));
      expect(mine[mine.length - 1]!.cycle).toBeLessThanOrEqual(Math.round(step * quarter) + quarter / 4);
      expect(mine[mine.length - 1]!.phase).toBe(stepPhase(3, step + 1));
      // Chatter only moves between the old and the new phase: one contact.
      for (const edge of mine) expect([stepPhase(3, step), stepPhase(3, step + 1)]).toContain(edge.phase);
    }
  });
});
