// The bridge's sd_notify side against a real AF_UNIX datagram socket: READY=1,
// regular WATCHDOG=1 from the event loop, silence while the loop is blocked,
// STOPPING=1 at the end; paths and abstract-namespace sockets.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { notifyMessage, SystemdNotifier, watchdogIntervalMs } from '../../../firmware-bridge/health/systemd-notifier.js';
import { waitUntil } from '../helpers/wait.js';
import { listenForNotify, type NotifyListener } from '../helpers/notify-listener.js';

const CHILD = fileURLToPath(new URL('./fixtures/notifier-child.ts', import.meta.url));
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface NotifierProcess {
  lines: string[];
  send(line: string): void;
  exited: Promise<number | null>;
}

function runNotifier(env: NodeJS.ProcessEnv): NotifierProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', CHILD], {
    env: { ...process.env, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  createInterface({ input: child.stdout! }).on('line', (line) => lines.push(line));
  const stderr: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => stderr.push(line));
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  cleanups.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
    await exited;
  });
  return { lines, send: (line) => child.stdin!.write(line + '\n'), exited };
}

async function listener(address: string): Promise<NotifyListener> {
  const found = await listenForNotify(address);
  cleanups.push(() => found.close());
  return found;
}

function scratchSocket(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crossroads-notify-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'notify.sock');
}

describe('watchdog interval and messages', () => {
  it('halves WATCHDOG_USEC, and is off when unset, invalid or meant for another process', () => {
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000' })).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '4242' }, 4242)).toBe(15_000);
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '30000000', WATCHDOG_PID: '4242' }, 4243)).toBeNull();
    expect(watchdogIntervalMs({})).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: 'soon' })).toBeNull();
    expect(watchdogIntervalMs({ WATCHDOG_USEC: '0' })).toBeNull();
  });

  it('joins assignments with newlines and keeps newlines out of values', () => {
    expect(notifyMessage({ READY: '1', STATUS: 'two\nlines' })).toBe('READY=1\nSTATUS=two lines');
  });

  it('does nothing without NOTIFY_SOCKET', async () => {
    const log = createMemoryLogger();
    const notifier = new SystemdNotifier({ log, env: {} });
    expect(notifier.enabled()).toBe(false);
    await notifier.start();
    notifier.status('ignored');
    await notifier.stop();
    expect(log.lines).toEqual([]);
  });

  it('refuses a NOTIFY_SOCKET that is neither a path nor abstract', async () => {
    const notifier = new SystemdNotifier({ log: createMemoryLogger(), env: { NOTIFY_SOCKET: 'vsock:2:999' } });
    await expect(notifier.start()).rejects.toThrow(/neither a path nor an abstract socket/);
  });
});

describe('a bridge process under a real NOTIFY_SOCKET', () => {
  it('sends READY=1, pings WATCHDOG=1 regularly, falls silent while blocked, and says STOPPING=1', async () => {
    const address = scratchSocket();
    const notify = await listener(address);
    // WATCHDOG_USEC of 0.4 s: a ping every 200 ms.
    const bridge = runNotifier({ NOTIFY_SOCKET: address, WATCHDOG_USEC: '400000' });
    await waitUntil(() => notify.with('READY=1').length === 1, 'READY=1', 15_000);
    expect(notify.with('READY=1')[0]!.text).toMatch(/^STATUS=.+$/m);

    await waitUntil(() => notify.with('WATCHDOG=1').length >= 6, 'six watchdog pings', 5000);
    const pings = notify.with('WATCHDOG=1').map((d) => d.at);
    const gaps = pings.slice(1).map((at, i) => at - pings[i]!);
    for (const gap of gaps.slice(1)) {
      expect(gap).toBeGreaterThan(120);
      expect(gap).toBeLessThan(600);
    }

    bridge.send('status Installing caspian-2025 1.1.0 — Каспий');
    await waitUntil(() => notify.with('STATUS=Installing caspian-2025 1.1.0 — Каспий').length === 1, 'the status text');

    const before = notify.with('WATCHDOG=1').length;
    bridge.send('block 1500');
    await waitUntil(() => bridge.lines.includes('unblocked'), 'the blocked loop to return', 5000);
    await waitUntil(() => notify.with('WATCHDOG=1').length >= before + 3, 'pings after the block', 5000);
    const all = notify.with('WATCHDOG=1').map((d) => d.at);
    const longest = Math.max(...all.slice(1).map((at, i) => at - all[i]!));
    // Nothing came through while the loop was blocked: a 1.5 s hole in 200 ms pings.
    expect(longest).toBeGreaterThan(1300);

    bridge.send('stop');
    await waitUntil(() => notify.with('STOPPING=1').length === 1, 'STOPPING=1');
    expect(await bridge.exited).toBe(0);
    const stopAt = notify.with('STOPPING=1')[0]!.at;
    expect(notify.with('WATCHDOG=1').every((d) => d.at <= stopAt)).toBe(true);
  });

  it('reaches an abstract-namespace socket (@name), in process', async () => {
    const address = `@crossroads-test-${process.pid}-${Date.now()}`;
    const notify = await listener(address);
    const notifier = new SystemdNotifier({ log: createMemoryLogger(), env: { NOTIFY_SOCKET: address, WATCHDOG_USEC: '200000' } });
    cleanups.push(() => notifier.stop());
    await notifier.start();
    await waitUntil(() => notify.with('READY=1').length === 1, 'READY=1 on the abstract socket');
    expect(notify.with('READY=1')[0]!.text.split('\n')).toContain('WATCHDOG=1');
    await waitUntil(() => notify.with('WATCHDOG=1').length >= 3, 'pings on the abstract socket');
    await notifier.stop();
    await waitUntil(() => notify.with('STOPPING=1').length === 1, 'STOPPING=1');
  });

  it('sends no watchdog pings when systemd asked for none', async () => {
    const address = scratchSocket();
    const notify = await listener(address);
    const notifier = new SystemdNotifier({ log: createMemoryLogger(), env: { NOTIFY_SOCKET: address } });
    await notifier.start();
    await waitUntil(() => notify.with('READY=1').length === 1, 'READY=1');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await notifier.stop();
    await waitUntil(() => notify.with('STOPPING=1').length === 1, 'STOPPING=1');
    expect(notify.with('WATCHDOG=1')).toEqual([]);
  });
});
