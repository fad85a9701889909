// The compiled bridge as systemd runs it: a real NOTIFY_SOCKET and
// WATCHDOG_USEC. It says READY=1 once serving, pings the watchdog regularly
// from its event loop, and says STOPPING=1 on SIGTERM.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listenForNotify, type NotifyListener } from '../firmware-bridge/helpers/notify-listener.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';

let scratch: string;
let listener: NotifyListener;
let bridge: BridgeProcess | null = null;

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'crossroads-notify-'));
  const socket = join(scratch, 'notify.sock');
  listener = await listenForNotify(socket);
  // systemd halves WATCHDOG_USEC for its pings: 0.6 s here gives one every 300 ms.
  bridge = await startBridge(['--serial', 'none'], { env: { NOTIFY_SOCKET: socket, WATCHDOG_USEC: '600000', WATCHDOG_PID: '' } });
}, 60_000);

afterAll(async () => {
  await bridge?.stop();
  await listener?.close();
  rmSync(scratch, { recursive: true, force: true });
});

it('tells systemd it is ready, then pings the watchdog while it runs, then that it stops', async () => {
  await expect.poll(() => listener.with('READY=1').length, { timeout: 10_000 }).toBe(1);
  // READY comes only once the page is being served.
  expect((await fetch(new URL('/health', bridge!.url))).status).toBe(200);
  const ready = listener.with('READY=1')[0]!.at;
  const pings = () => listener.with('WATCHDOG=1').filter((d) => d.at > ready).length;
  await expect.poll(pings, { timeout: 30_000 }).toBeGreaterThanOrEqual(3);
  expect(await bridge!.stop()).toBe(0);
  bridge = null;
  await expect.poll(() => listener.with('STOPPING=1').length, { timeout: 5_000 }).toBe(1);
});
