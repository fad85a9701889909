// A seeded random session on the panel: virtual-board commands, and what must
// come out of the other end (every button change in order, knob totals).

import type { PanelInput } from '../../../firmware-bridge/api/messages.js';

/** Small seeded generator, so a failure can be replayed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomSession {
  commands: string[];
  expectedButtons: PanelInput[];
  knobTotals: number[];
  inputs: number;
}

/**
 * Rounds: even rounds may change the first half of the buttons, odd rounds the
 * second, each at most once, with turns in between; a pause ends each round.
 * So a button's changes are two pauses apart, well clear of the firmware's
 * 10 ms debouncer even on a busy machine.
 */
export function randomSession(seed: number, count: number, buttons: number, knobs: number, roundGapMs = 20): RandomSession {
  const random = mulberry32(seed);
  const down = new Array<boolean>(buttons).fill(false);
  const expectedButtons: PanelInput[] = [];
  const knobTotals = new Array<number>(knobs).fill(0);
  const commands: string[] = [];
  let inputs = 0;
  for (let round = 0; inputs < count; round++) {
    const toggled = new Set<number>();
    const half = (round % 2) * (buttons / 2);
    const size = 20 + Math.floor(random() * 30);
    for (let k = 0; k < size && inputs < count; k++) {
      if (random() < 0.4) {
        const knob = Math.floor(random() * knobs);
        const detents = (1 + Math.floor(random() * 5)) * (random() < 0.5 ? -1 : 1);
        commands.push(`turn ${knob} ${detents}`);
        knobTotals[knob]! += detents;
        inputs++;
      } else {
        const button = half + Math.floor(random() * (buttons / 2));
        if (toggled.has(button)) continue;
        toggled.add(button);
        down[button] = !down[button];
        commands.push(`${down[button] ? 'press' : 'release'} ${button}`);
        expectedButtons.push({ kind: 'button', index: button, pressed: down[button]! });
        inputs++;
      }
    }
    commands.push(`sleep ${roundGapMs}`);
  }
  return { commands, expectedButtons, knobTotals, inputs };
}
