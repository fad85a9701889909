// The whole input path on real parts: the firmware core behind a pty, the
// supervisor, the mapper and the LED feedback on one bus.

import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Intent } from '../../../firmware-bridge/api/messages.js';
import { InputMapper } from '../../../firmware-bridge/input/input-mapper.js';
import { LedFeedback } from '../../../firmware-bridge/input/led-feedback.js';
import { supervisorHarness, type SupervisorHarness } from '../helpers/supervisor-harness.js';
import { VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

let board: VirtualBoardProcess;
let h: SupervisorHarness;
let mapper: InputMapper;
let leds: LedFeedback;
const intents: Intent[] = [];

beforeAll(async () => {
  board = await VirtualBoardProcess.start();
  h = supervisorHarness({ serial: board.pty });
  mapper = new InputMapper({ bus: h.bus, log: h.log });
  leds = new LedFeedback({ bus: h.bus });
  h.bus.on('kiosk.intent', (i) => intents.push(i));
  await h.supervisor.start();
  await mapper.start();
  await leds.start();
  await waitUntil(() => h.supervisor.status().connected, 'connected', 10_000);
}, 180_000);

afterAll(async () => {
  await leds?.stop();
  await mapper?.stop();
  await h?.supervisor.stop();
  await board?.close();
});

it('turns a fast spin into a few summed timeline steps', async () => {
  intents.length = 0;
  const spin = Array.from({ length: 40 }, (_, n) => (n % 8 === 7 ? 'sleep 10' : 'turn 0 1'));
  await board.sendMany(spin);
  const total = () => intents.reduce((sum, i) => sum + (i.kind === 'timeline' ? i.delta : 0), 0);
  await waitUntil(() => total() === 35, 'the spin', 10_000);
  expect(intents.every((i) => i.kind === 'timeline')).toBe(true);
  expect(intents.length).toBeLessThanOrEqual(6);
});

it('maps a tap to its scenario and lights that button when the page shows it', async () => {
  intents.length = 0;
  await board.send('tap 3');
  await waitUntil(() => intents.length === 1, 'the intent');
  expect(intents).toEqual([{ kind: 'scenario', index: 3 }]);
  const mark = board.lines.length;
  h.bus.emit('page.message', { type: 'view', scenario: 'middle-corridor', mode: 'scenario', scenarioIndex: 3 });
  await board.waitFor(/^LED 3 1$/, { since: mark });
  await board.waitFor(/^LED 7 1$/, { since: mark });
});
