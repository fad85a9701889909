// Ten thousand random presses, releases and turns through the firmware core,
// its pseudo-terminal and the supervisor: every button change arrives once
// and in order, and the knob totals match.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PanelInput } from '../../../firmware-bridge/api/messages.js';
import { supervisorHarness, type SupervisorHarness } from '../helpers/supervisor-harness.js';
import { randomSession } from '../helpers/random-inputs.js';
import { VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

const INPUTS = 10_000;
// A wide panel (the protocol allows 32 buttons) gives many button changes per round.
const BUTTONS = 32;
const KNOBS = 4;
/**
 * The firmware ignores a button's changes for 10 ms after each one (debouncing),
 * and the virtual board times a sleep from the start of the batch it runs in.
 */
const ROUND_GAP_MS = 20;

let board: VirtualBoardProcess;
let h: SupervisorHarness;

beforeAll(async () => {
  board = await VirtualBoardProcess.start({ buttons: BUTTONS, knobs: KNOBS });
  h = supervisorHarness({ serial: board.pty });
  await h.supervisor.start();
  await waitUntil(() => h.supervisor.status().connected, 'connected', 10_000);
}, 180_000);

afterAll(async () => {
  await h?.supervisor.stop();
  await board?.close();
});

it(`delivers ${INPUTS} random inputs exactly`, async () => {
  const seed = Number(process.env['CROSSROADS_SEED'] ?? Date.now() % 1_000_000);
  const { commands, expectedButtons, knobTotals, inputs } = randomSession(seed, INPUTS, BUTTONS, KNOBS, ROUND_GAP_MS);
  await board.sendMany(commands);
  const buttonsSeen = () => h.inputs.filter((i) => i.kind === 'button').length;
  const totals = () => knobTotals.map((_, k) => k).map((k) => h.inputs.reduce((sum, i) => sum + (i.kind === 'knob' && i.index === k ? i.delta : 0), 0));
  await waitUntil(() => buttonsSeen() >= expectedButtons.length && totals().join() === knobTotals.join(), 'every input', 10_000).catch(() => undefined);

  const context = `seed ${seed} (replay with CROSSROADS_SEED=${seed})`;
  const buttons = h.inputs.filter((i) => i.kind === 'button');
  // Each button's own presses and releases, once each and in order...
  for (let b = 0; b < BUTTONS; b++) {
    const of = (list: PanelInput[]) => list.filter((i) => i.kind === 'button' && i.index === b).map((i) => (i.kind === 'button' && i.pressed ? 1 : 0)).join('');
    expect(of(buttons), `button ${b}, ${context}`).toBe(of(expectedButtons));
  }
  // ...and all of them in the order they were made.
  expect(buttons, context).toEqual(expectedButtons);
  expect(totals(), context).toEqual(knobTotals);
  expect(h.supervisor.status().framesDropped, context).toEqual({ crc: 0, 'unknown-type': 0, 'bad-fields': 0, overlong: 0, 'no-crc': 0 });
  expect(h.supervisor.status().connected).toBe(true);
  expect(inputs).toBe(INPUTS);
}, 40_000);
