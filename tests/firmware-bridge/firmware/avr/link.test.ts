// The bridge's own PanelSupervisor on the emulated AVR board, reached through a
// /dev/serial/by-id style link: opening the port resets the board (DTR), the bridge's
// WHO sends Optiboot on to the firmware, which says HELLO; after an unplug (the pty
// closes) and a replug (a new pty), the bridge is back, nothing stays pressed, and the
// lamps it had set are lit again on the shift register's pins.

import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PanelInput } from '../../../../firmware-bridge/api/messages.js';
import { mergeKnobs, supervisorHarness, type SupervisorHarness } from '../../helpers/supervisor-harness.js';
import { waitUntil } from '../../helpers/wait.js';
import { describeAvr } from '../helpers/avr-gate.js';
import { avrImage, EmulatedBoardProcess } from '../helpers/emulated-board-process.js';

const BUILD_TIMEOUT_MS = 180_000;
const CYCLES = 4;
const press = (index: number): PanelInput => ({ kind: 'button', index, pressed: true });
const release = (index: number): PanelInput => ({ kind: 'button', index, pressed: false });

describeAvr('the AVR image under the bridge, unplugged and plugged in again', () => {
  let dir: string;
  let link: string;
  let board: EmulatedBoardProcess;
  let h: SupervisorHarness;

  beforeAll(async () => {
    await avrImage();
    dir = await mkdtemp(join(tmpdir(), 'crossroads-avr-link-'));
    link = join(dir, 'usb-1a86_USB_Serial-if00-port0');
    board = await EmulatedBoardProcess.start({ link, id: '1E950F0042AB17C3' });
    h = supervisorHarness({ serial: link, retryMs: 100 });
    await h.supervisor.start();
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await h?.supervisor.stop();
    await board?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('connects through the reset the open causes, and reads the board id from the chip', async () => {
    await waitUntil(() => h.supervisor.status().connected, `the first connection; board said:\n${board.lines.slice(-20).join('\n')}`, 10_000);
    expect(h.supervisor.status().boardId).toBe('1E950F0042AB17C3');
    // The open resets the chip (a second BOOT after power-on's), and the bootloader
    // swallows the bridge's first WHO; the firmware then greets by itself.
    const order = board.lines.filter((line) => /^(HOST \d+ open|BOOT |RX \d+ WHO)/.test(line)).map((line) => line.split(' ')[0]);
    expect(order.slice(0, 3)).toEqual(['BOOT', 'HOST', 'BOOT']);
    expect(await readlink(link)).toBe(board.pty);
  });

  it(`survives ${CYCLES} unplug/plug cycles: nothing lost before the gap, nothing left down, lamps restored`, async () => {
    h.bus.emit('panel.leds', { modes: [1, 0, 0, 0, 0, 0, 0, 1] });
    await board.waitFor((line) => /^LAMPS \d+ 81$/.test(line));
    const expected: PanelInput[] = [];
    for (let n = 0; n < CYCLES; n++) {
      const held = (n + 3) % 8;
      const before = h.inputs.length;
      await board.sendMany([`tap ${n % 8}`, `turn ${n % 2} ${n % 2 === 0 ? 3 : -2} 40`, 'sleep 30', `press ${held}`]);
      expected.push(press(n % 8), release(n % 8), { kind: 'knob', index: n % 2, delta: n % 2 === 0 ? 3 : -2 }, press(held));
      await waitUntil(() => h.inputs.length >= before + 4 && h.pressed().includes(held), `inputs before unplug ${n}`, 10_000);

      const mark = board.lines.length;
      await board.send('unplug');
      // The loss releases the held button.
      expected.push(release(held));
      await waitUntil(() => !h.supervisor.status().connected, `the loss ${n}`, 10_000);
      expect(h.pressed(), `cycle ${n}: nothing stays down while unplugged`).toEqual([]);
      await board.send(`release ${held}`);
      await board.send('plug');
      const path = (await board.waitFor(/^PLUGGED /, { since: mark })).split(' ')[2]!;
      expect(await readlink(link)).toBe(path);
      await waitUntil(() => h.supervisor.status().connected, `reconnection ${n}`, 10_000);
      await board.waitFor((line) => /^LAMPS \d+ 81$/.test(line), { since: mark, timeoutMs: 5000 });
    }
    expect(mergeKnobs(h.inputs)).toEqual(mergeKnobs(expected));
    expect(h.pressed()).toEqual([]);
    expect(Object.values(h.supervisor.status().framesDropped).reduce((a, b) => a + b, 0)).toBe(0);
  }, 60_000);
});
