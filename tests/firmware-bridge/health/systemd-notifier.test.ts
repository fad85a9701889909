// The bridge's sd_notify side against a real AF_UNIX datagram socket: READY=1,
// regular WATCHDOG=1 from the event loop, silence while the loop is blocked,
// STOPPING=1 at the end; paths and abstract-namespace sockets.

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    const texts = () => notify.datagrams.map((d) => d.text);
    const after = (marker: string) => (texts().includes(marker) ? texts().slice(texts().indexOf(marker) + 1) : []);
    // WATCHDOG_USEC of 0.4 s: a ping every 200 ms.
    const bridge = runNotifier({ NOTIFY_SOCKET: address, WATCHDOG_USEC: '400000' });
    await waitUntil(() => notify.with('READY=1').length === 1, 'READY=1', 15_000);
    expect(notify.with('READY=1')[0]!.text).toMatch(/^STATUS=.+$/m);

    await waitUntil(() => notify.with('WATCHDOG=1').length >= 6, () => `six watchdog pings; saw ${JSON.stringify(notify.datagrams)}`, 15_000);

    bridge.send('status Installing caspian-2025 1.1.0 — Каспий');
    await waitUntil(() => notify.with('STATUS=Installing caspian-2025 1.1.0 — Каспий').length === 1, 'the status text');

    bridge.send('block 1500');
    await waitUntil(() => bridge.lines.includes('unblocked'), 'the blocked loop to return', 15_000);
    await waitUntil(() => after('STATUS=unblocked').filter((t) => t === 'WATCHDOG=1').length >= 3, () => `pings after the block; saw ${texts().join(' | ')}`, 15_000);
    // Nothing came through while the loop was blocked: the pings come from the
    // bridge's own event loop, so a hung bridge stops them and systemd restarts it.
    const during = texts().slice(texts().indexOf('STATUS=blocking') + 1, texts().indexOf('STATUS=unblocked'));
    expect(during).toEqual([]);

    bridge.send('stop');
    await waitUntil(() => notify.with('STOPPING=1').length === 1, 'STOPPING=1');
    expect(await bridge.exited).toBe(0);
    // The last thing said is STOPPING=1: no ping after it.
    expect(texts().findIndex((t) => t.split('\n').includes('STOPPING=1'))).toBe(texts().length - 1);
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

  // The ping timer runs on faked time: the count per interval is exact, and
  // "none at all" is checked over a minute of it, whatever the machine's load.
  for (const [usec, pings] of [[undefined, 0], ['200000', 600]] as const) {
    it(usec ? 'pings once per half WATCHDOG_USEC of the event loop\'s time' : 'sends no watchdog pings when systemd asked for none', async () => {
      const address = scratchSocket();
      const notify = await listener(address);
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
      cleanups.push(() => void vi.useRealTimers());
      const notifier = new SystemdNotifier({ log: createMemoryLogger(), env: { NOTIFY_SOCKET: address, ...(usec ? { WATCHDOG_USEC: usec } : {}) } });
      cleanups.push(() => notifier.stop());
      await notifier.start();
      vi.advanceTimersByTime(60_000);
      notifier.status('a minute later');
      await waitUntil(() => notify.with('STATUS=a minute later').length === 1, () => `the marker; saw ${notify.datagrams.length} datagrams`, 15_000);
      // READY=1 carries a WATCHDOG=1 of its own; count the pings alone.
      expect(notify.datagrams.filter((d) => d.text === 'WATCHDOG=1')).toHaveLength(pings);
      await notifier.stop();
      await waitUntil(() => notify.with('STOPPING=1').length === 1, 'STOPPING=1');
    });
  }
});
