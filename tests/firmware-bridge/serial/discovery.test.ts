import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { Discovery } from '../../../firmware-bridge/serial/discovery.js';
import { supervisorHarness } from '../helpers/supervisor-harness.js';
import { virtualBoardBinary, VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

let dev: string;
const cleanups: (() => Promise<void>)[] = [];

// Building the firmware's host binary (when its sources changed) is no part of any test's time.
beforeAll(() => virtualBoardBinary(), 180_000);

beforeEach(async () => {
  dev = await mkdtemp(join(tmpdir(), 'crossroads-dev-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await rm(dev, { recursive: true, force: true });
});

async function touch(...names: string[]): Promise<void> {
  for (const name of names) await writeFile(join(dev, name), '');
}

describe('Discovery', () => {
  it('puts ports with a known USB vendor first, then other USB serial ports, and skips the rest', async () => {
    await touch('ttyS0', 'ttyUSB0', 'ttyACM1', 'ttyACM0', 'ttyAMA0', 'odd');
    const discovery = new Discovery({
      log: createMemoryLogger(),
      devRoot: join(dev, 'none'),
      listPorts: async () => [
        { path: join(dev, 'ttyS0') },
        { path: join(dev, 'odd'), vendorId: '1234' },
        { path: join(dev, 'ttyACM1') },
        { path: join(dev, 'ttyUSB0'), vendorId: '1A86', productId: '7523' },
        { path: join(dev, 'ttyAMA0') },
        { path: join(dev, 'ttyACM0'), vendorId: '2e8a', productId: '000a' },
      ],
    });
    expect(await discovery.candidates()).toEqual([join(dev, 'ttyUSB0'), join(dev, 'ttyACM0'), join(dev, 'odd'), join(dev, 'ttyACM1')]);
  });

  it('falls back to the device directory when listing fails, logging it once', async () => {
    await mkdir(join(dev, 'serial', 'by-id'), { recursive: true });
    await touch('ttyACM10', 'ttyACM2', 'ttyACM9', 'ttyUSB0', 'ttyS0', 'ttyACM', 'console');
    await symlink(join(dev, 'ttyACM2'), join(dev, 'serial', 'by-id', 'usb-Raspberry_Pi_Pico_E661-if00'));
    await symlink(join(dev, 'gone'), join(dev, 'serial', 'by-id', 'usb-dangling-if00'));
    const log = createMemoryLogger();
    const discovery = new Discovery({
      log,
      devRoot: dev,
      listPorts: async () => {
        throw new Error('udevadm: command not found');
      },
    });
    const expected = [join(dev, 'serial', 'by-id', 'usb-Raspberry_Pi_Pico_E661-if00'), join(dev, 'ttyACM9'), join(dev, 'ttyACM10'), join(dev, 'ttyUSB0')];
    // ttyACM2 is the by-id link's device: listed once, by its stable name; the dangling link not at all.
    expect(await discovery.candidates()).toEqual(expected);
    expect(await discovery.candidates()).toEqual(expected);
    const warnings = log.lines.filter((l) => /listing serial ports failed \(udevadm: command not found\); searching/.test(l));
    expect(warnings).toHaveLength(1);
  });

  it('finds nothing in an empty device directory', async () => {
    const discovery = new Discovery({ log: createMemoryLogger(), devRoot: dev, listPorts: async () => [] });
    expect(await discovery.candidates()).toEqual([]);
  });
});

describe('PanelSupervisor in auto mode', () => {
  it('probes candidates in turn and connects to the one that answers HELLO', async () => {
    const mute = await VirtualBoardProcess.start({ noHello: true });
    const real = await VirtualBoardProcess.start({ id: 'AB12' });
    cleanups.push(() => mute.close(), () => real.close());
    await mkdir(join(dev, 'serial', 'by-id'), { recursive: true });
    await symlink(mute.pty, join(dev, 'serial', 'by-id', 'usb-Something_Else-if00'));
    await symlink(real.pty, join(dev, 'ttyACM0'));
    const h = supervisorHarness({
      serial: 'auto',
      devRoot: dev,
      helloTimeoutMs: 300,
      listPorts: async () => {
        throw new Error('no udev here');
      },
    });
    cleanups.push(() => h.supervisor.stop());
    await h.supervisor.start();
    await waitUntil(() => h.supervisor.status().connected, 'connected', 10_000);
    expect(h.supervisor.status()).toMatchObject({ boardId: 'AB12', port: join(dev, 'ttyACM0') });
    expect(mute.hostLines()).toContain('WHO');
    await real.send('tap 0');
    await waitUntil(() => h.inputs.length === 2, 'the tap');
    // Its boot HELLO and its answer to WHO make one connection, logged once.
    expect(h.log.lines.filter((l) => l.startsWith('info') && /board AB12 firmware/.test(l))).toHaveLength(1);
  });
});
