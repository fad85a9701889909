// A seeded random session for the emulated AVR board, in its own commands: buttons pressed
// and released with contact bounce of random length, knobs turned at random speeds from
// a slow turn to a fast spin; and what must come out at the other end (every button change
// in order, each knob's total). An event is a button change or a detent.

import type { PanelInput } from '../../../../firmware-bridge/api/messages.js';
import { mulberry32 } from '../../helpers/random-inputs.js';

export interface AvrSession {
  commands: string[];
  expectedButtons: PanelInput[];
  knobTotals: number[];
  events: number;
  /** Emulated time the commands take, roughly. */
  emulatedMs: number;
}

/**
 * Rounds alternate between the two halves of the buttons, each button changing at most
 * once a round, and end with a pause: a button's changes are two pauses and a round apart,
 * clear of the firmware's 10 ms lock-out plus the longest bounce (4 ms here). Changes of different
 * buttons are at least 1.5 ms apart (each command lasts its bounce): two presses closer
 * than one pass of the firmware's loop are reported in pin order, which no visitor could
 * tell from the other.
 */
export function avrRandomSession(seed: number, events: number, buttons = 8, knobs = 2, roundGapMs = 8): AvrSession {
  const random = mulberry32(seed);
  const down = new Array<boolean>(buttons).fill(false);
  const expectedButtons: PanelInput[] = [];
  const knobTotals = new Array<number>(knobs).fill(0);
  const commands: string[] = [];
  let count = 0;
  let emulatedMs = 0;
  for (let round = 0; count < events; round++) {
    const half = (round % 2) * (buttons / 2);
    const order = Array.from({ length: buttons / 2 }, (_, i) => half + i).sort(() => random() - 0.5);
    const changes = 1 + Math.floor(random() * order.length);
    for (const button of order.slice(0, changes)) {
      if (count >= events) break;
      if (random() < 0.25) {
        const knob = Math.floor(random() * knobs);
        const detents = Math.min(events - count, 1 + Math.floor(random() * 3)) * (random() < 0.5 ? -1 : 1);
        // Mostly a brisk turn, sometimes a slow one, now and then a fast spin.
        const kind = random();
        const speed = kind < 0.05 ? 10 + Math.floor(random() * 10) : kind < 0.85 ? 60 + Math.floor(random() * 100) : 160 + Math.floor(random() * 160);
        commands.push(`turn ${knob} ${detents} ${speed}`);
        knobTotals[knob]! += detents;
        count += Math.abs(detents);
        emulatedMs += (Math.abs(detents) * 1000) / speed;
        if (count >= events) break;
      }
      const bounce = (1.5 + random() * 2.5).toFixed(1);
      down[button] = !down[button];
      commands.push(`${down[button] ? 'press' : 'release'} ${button} ${bounce}`);
      expectedButtons.push({ kind: 'button', index: button, pressed: down[button]! });
      count++;
      emulatedMs += Number(bounce);
    }
    commands.push(`sleep ${roundGapMs}`);
    emulatedMs += roundGapMs;
  }
  return { commands, expectedButtons, knobTotals, events: count, emulatedMs };
}
