// What a visitor's hand does to the pins, as timed level changes in CPU cycles: a push
// button's contacts bouncing as they close or open, and an encoder's two contacts
// walking through the quadrature cycle. Pure functions of their arguments and a seeded
// random source, so that a test can replay any run.

import { CYCLES_PER_MS, CYCLES_PER_US } from './atmega328p.js';

export interface LevelEdge {
  cycle: number;
  /** true: the line is high (contact open, pulled up). */
  high: boolean;
}

export interface PhaseEdge {
  cycle: number;
  /** (A << 1) | B, 1 = contact open. */
  phase: number;
  /** Which quarter step it belongs to, from 0. */
  step: number;
}

export type Random = () => number;

/** Small seeded generator (mulberry32). */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function between(random: Random, low: number, high: number): number {
  return Math.round(low + random() * (high - low));
}

/**
 * A contact settling on `high` from `start`: the first touch, then ever shorter
 * openings over `bounceCycles`, the last edge at `high`. Edges are at least 10 µs
 * apart, as on a real contact. Zero bounce gives one clean edge.
 */
export function bouncingEdges(high: boolean, start: number, bounceCycles: number, random: Random): LevelEdge[] {
  const edges: LevelEdge[] = [{ cycle: start, high }];
  const minimum = 10 * CYCLES_PER_US;
  const end = start + bounceCycles;
  let at = start;
  while (true) {
    const left = end - at;
    // Settled stretches grow and glitches shrink as the contact comes to rest.
    const settled = between(random, minimum, Math.max(minimum, Math.min(left / 2, 600 * CYCLES_PER_US)));
    const glitch = between(random, minimum, Math.max(minimum, Math.min(left / 6, 150 * CYCLES_PER_US)));
    if (at + settled + glitch > end) break;
    edges.push({ cycle: at + settled, high: !high }, { cycle: at + settled + glitch, high });
    at += settled + glitch;
  }
  return edges;
}

/** The quadrature phase `steps` quarter steps clockwise of `phase` (11 -> 10 -> 00 -> 01 -> 11). */
export function stepPhase(phase: number, steps: number): number {
  const cycle = [3, 2, 0, 1];
  const at = cycle.indexOf(phase & 3);
  return cycle[(((at + steps) % 4) + 4) % 4]!;
}

export interface TurnOptions {
  /** Detents per second. */
  speed: number;
  /** Chatter at each contact edge, capped at a quarter of a step so that steps never overlap. */
  bounceCycles?: number;
}

/**
 * Turning a knob `steps` quarter steps (negative: counter-clockwise) from `from`, at an
 * even speed: four quarter steps make a detent, each moves one contact, and each contact
 * edge has a little chatter. Whole detents from rest end at rest (phase 3).
 */
export function turnEdges(steps: number, from: number, start: number, options: TurnOptions, random: Random): PhaseEdge[] {
  const quarter = (CYCLES_PER_MS * 1000) / options.speed / 4;
  const chatter = Math.min(options.bounceCycles ?? 0, quarter / 4);
  const direction = Math.sign(steps);
  const edges: PhaseEdge[] = [];
  let phase = from & 3;
  for (let step = 0; step < Math.abs(steps); step++) {
    const next = stepPhase(phase, direction);
    const at = Math.round(start + step * quarter);
    // The one contact that moves chatters between its old and new level, then stays.
    for (const edge of bouncingEdges(true, at, chatter, random)) edges.push({ cycle: edge.cycle, phase: edge.high ? next : phase, step });
    phase = next;
  }
  return edges;
}
