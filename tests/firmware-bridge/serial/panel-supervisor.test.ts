// The supervisor against the real firmware core on real pseudo-terminals.

import { readdirSync, readlinkSync } from 'node:fs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { virtualBoardBinary, VirtualBoardProcess, type VirtualBoardOptions } from '../helpers/virtual-board-process.js';
import { supervisorHarness, type SupervisorHarness } from '../helpers/supervisor-harness.js';
import { waitUntil } from '../helpers/wait.js';

const cleanups: (() => Promise<void>)[] = [];

// Building the firmware's host binary (when its sources changed) is no part of any test's time.
beforeAll(() => virtualBoardBinary(), 180_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function board(options: VirtualBoardOptions = {}): Promise<VirtualBoardProcess> {
  const b = await VirtualBoardProcess.start(options);
  cleanups.push(() => b.close());
  return b;
}

async function supervise(serial: string, options: Partial<Parameters<typeof supervisorHarness>[0]> = {}): Promise<SupervisorHarness> {
  const h = supervisorHarness({ serial, retryMs: 150, ...options });
  cleanups.push(() => h.supervisor.stop());
  await h.supervisor.start();
  return h;
}

const connected = (h: SupervisorHarness) => () => h.supervisor.status().connected;
const whoCount = (b: VirtualBoardProcess) => b.hostLines().filter((l) => l === 'WHO').length;

/** The last mode the board showed for each LED that changed, from its LED lines. */
function ledModes(lines: string[]): Record<number, number> {
  const modes: Record<number, number> = {};
  for (const line of lines) {
    const m = /^LED (\d+) (\d+)$/.exec(line);
    if (m) modes[Number(m[1])] = Number(m[2]);
  }
  for (const [i, mode] of Object.entries(modes)) if (mode === 0) delete modes[Number(i)];
  return modes;
}

/** Records every timer made from now on, to check that each one fired or was cleared. */
function trackTimers(): { created(): number; live(): string[]; restore(): void } {
  const made: { timer: NodeJS.Timeout; stack: string }[] = [];
  const original = globalThis.setTimeout;
  const originalInterval = globalThis.setInterval;
  const wrap = <F extends typeof setTimeout | typeof setInterval>(fn: F): F =>
    ((...args: Parameters<F>) => {
      const timer = (fn as (...a: unknown[]) => NodeJS.Timeout)(...args);
      made.push({ timer, stack: new Error().stack?.split('\n')[2]?.trim() ?? '?' });
      return timer;
    }) as unknown as F;
  globalThis.setTimeout = wrap(original);
  globalThis.setInterval = wrap(originalInterval);
  return {
    created: () => made.length,
    // A fired or cleared Node timer is marked destroyed.
    live: () => made.filter(({ timer }) => !(timer as unknown as { _destroyed: boolean })._destroyed).map(({ stack }) => stack),
    restore: () => {
      globalThis.setTimeout = original;
      globalThis.setInterval = originalInterval;
    },
  };
}

/** Paths this process has open, from /proc (Linux). */
function openPaths(): string[] {
  return readdirSync('/proc/self/fd').flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/self/fd/${fd}`)];
    } catch {
      return [];
    }
  });
}

describe('PanelSupervisor', () => {
  it('connects to an explicit path and reports the board', async () => {
    const b = await board({ id: 'ABCDEF0123', fw: '1.4.0' });
    const h = await supervise(b.pty);
    await waitUntil(connected(h), 'connected');
    expect(h.supervisor.status()).toMatchObject({ connected: true, simulated: false, boardId: 'ABCDEF0123', firmware: '1.4.0', port: b.pty });
    expect(h.statuses[0]).toMatchObject({ connected: false });
    expect(h.statuses.at(-1)).toMatchObject({ connected: true, boardId: 'ABCDEF0123' });
    await b.sendMany(['tap 6', 'turn 1 -3']);
    await waitUntil(() => h.inputs.length >= 3, 'inputs on the bus');
    expect(h.inputs).toEqual([
      // A tap holds the button 30 ms before the board takes the next command.
      { kind: 'button', index: 6, pressed: true },
      { kind: 'button', index: 6, pressed: false },
      { kind: 'knob', index: 1, delta: -3 },
    ]);
    expect(await h.supervisor.ping()).toBeLessThan(500);
    expect(h.log.lines.join('\n')).toMatch(/board ABCDEF0123 firmware 1\.4\.0 \(8 buttons, 2 knobs\)/);
  });

  it('refuses a board of another protocol major with one clear log line, and keeps retrying', async () => {
    const b = await board({ proto: 3 });
    const h = await supervise(b.pty);
    await waitUntil(() => whoCount(b) >= 3, 'three attempts', 5000);
    expect(h.supervisor.status().connected).toBe(false);
    expect(h.statuses.every((s) => !s.connected)).toBe(true);
    const refusals = h.log.lines.filter((l) => /speaks protocol 3; this bridge speaks 1: refusing it/.test(l));
    expect(refusals.length).toBeGreaterThanOrEqual(3);
    expect(refusals[0]).toMatch(/^error/);
    // The retry warning is not repeated for every attempt.
    expect(h.log.lines.filter((l) => l.startsWith('warn') && /retrying/.test(l))).toHaveLength(1);
  });

  it('never connects to a board that does not say HELLO, but keeps asking', async () => {
    const b = await board({ noHello: true, heartbeatMs: 100 });
    const h = await supervise(b.pty, { helloTimeoutMs: 300 });
    await waitUntil(() => whoCount(b) >= 6, 'several WHOs', 5000);
    expect(h.supervisor.status().connected).toBe(false);
    expect(h.inputs).toEqual([]);
    // Once it answers, it is taken: from here on it answers each WHO it is
    // asked (a HELLO between two tries, with the port closed, would be lost).
    const deadline = Date.now() + 10_000;
    while (!connected(h)()) {
      if (Date.now() > deadline) throw new Error(`not connected 10 s after the board began to answer; ${whoCount(b)} WHOs asked`);
      const asked = whoCount(b);
      await b.send('hello');
      await waitUntil(() => connected(h)() || whoCount(b) > asked || Date.now() > deadline, 'the HELLO taken, or the next WHO', 11_000);
    }
  });

  it('counts garbage, over-long lines and bad checksums in status, and keeps working', async () => {
    const b = await board();
    const h = await supervise(b.pty);
    await waitUntil(connected(h), 'connected');
    await b.sendMany(['garbage 4000', 'raw KNOB 1 0 2*00', 'raw BTN 2 1 1', 'raw ' + 'X'.repeat(200), 'raw ZAP 1*' + 'C0', 'raw BTN 3 9 1*' + 'D1', 'tap 1']);
    await waitUntil(() => h.inputs.length === 2, 'the tap after the noise');
    expect(h.inputs).toEqual([
      { kind: 'button', index: 1, pressed: true },
      { kind: 'button', index: 1, pressed: false },
    ]);
    const dropped = h.supervisor.status().framesDropped;
    expect(Object.keys(dropped).sort()).toEqual(['bad-fields', 'crc', 'no-crc', 'overlong', 'unknown-type']);
    for (const reason of ['crc', 'no-crc', 'overlong']) expect(dropped[reason], reason).toBeGreaterThanOrEqual(1);
    // The throttled status event catches up with the counters.
    await waitUntil(() => JSON.stringify(h.statuses.at(-1)?.framesDropped) === JSON.stringify(h.supervisor.status().framesDropped), 'a status with the counts', 2000);
    expect(h.supervisor.status().connected).toBe(true);
  });

  it('after 3 s of silence counts the board lost, releases its buttons, and comes back', async () => {
    const b = await board({ heartbeatMs: 200 });
    const h = await supervise(b.pty);
    await waitUntil(connected(h), 'connected');
    await b.send('press 4');
    await waitUntil(() => h.pressed().includes(4), 'the press');
    const silentAt = Date.now();
    // Silent for 6 s: the bridge must give up after 3 s of it, never sooner
    // (a lower bound only: a busy machine can only make it later).
    const silence = b.send('silence 6000', { timeoutMs: 12_000 });
    await waitUntil(() => !h.supervisor.status().connected, () => `lost; statuses ${JSON.stringify(h.statuses.at(-1))}`, 12_000);
    expect(Date.now() - silentAt).toBeGreaterThanOrEqual(2900);
    expect(h.inputs.at(-1)).toEqual({ kind: 'button', index: 4, pressed: false });
    expect(h.statuses.at(-1)).toMatchObject({ connected: false });
    expect(h.log.lines.join('\n')).toMatch(/lost the board .*silence/);
    expect(h.supervisor.status().losses).toEqual({ silence: 1, unplugged: 0, error: 0, protocol: 0 });
    await silence;
    await waitUntil(connected(h), 'reconnected', 10_000);
    // Still held on the board: the first snapshot presses it again.
    await waitUntil(() => h.pressed().includes(4), 'the press from the snapshot', 2000);
    await b.send('release 4');
    await waitUntil(() => h.pressed().length === 0, 'released');
  }, 40_000);

  it('applies LED modes from the bus, and again after the board comes back', async () => {
    const b = await board({ link: `/tmp/crossroads-led-${process.pid}` });
    const h = await supervise(`/tmp/crossroads-led-${process.pid}`);
    await waitUntil(connected(h), 'connected');
    h.bus.emit('panel.leds', { modes: [2, 0, 1, 0, 0, 0, 3, 0, 1, 1] });
    await b.waitFor(/^LED 6 3$/, { since: 0 });
    expect(ledModes(b.lines)).toEqual({ 0: 2, 2: 1, 6: 3 });
    await b.send('unplug');
    await waitUntil(() => !h.supervisor.status().connected, 'lost');
    const mark = b.lines.length;
    await b.send('plug');
    await waitUntil(connected(h), 'reconnected', 2000);
    // The replugged board boots with its LEDs off; the supervisor lights them again.
    const plugged = b.lines.findIndex((l, i) => i >= mark && l.startsWith('PLUGGED'));
    await b.waitFor(/^LED 6 3$/, { since: plugged });
    await waitUntil(() => JSON.stringify(ledModes(b.lines.slice(plugged))) === JSON.stringify({ 0: 2, 2: 1, 6: 3 }), 'LEDs re-applied');
  });

  it('stays idle with serial none', async () => {
    const h = await supervise('none');
    expect(h.supervisor.status()).toMatchObject({ connected: false, port: null });
    await expect(h.supervisor.ping()).rejects.toThrow(/no control panel/);
  });

  it('stop() closes the port and leaves no timers or handles behind', async () => {
    const b = await board({ heartbeatMs: 100 });
    const timers = trackTimers();
    cleanups.push(async () => timers.restore());
    const h = supervisorHarness({ serial: b.pty, retryMs: 150 });
    await h.supervisor.start();
    await waitUntil(connected(h), 'connected');
    await b.send('press 0');
    await waitUntil(() => h.pressed().length === 1, 'the press');
    expect(openPaths()).toContain(b.pty);
    await h.supervisor.stop();
    expect(h.supervisor.status().connected).toBe(false);
    expect(h.pressed()).toEqual([]);
    expect(openPaths()).not.toContain(b.pty);
    expect(timers.created()).toBeGreaterThan(0);
    expect(timers.live()).toEqual([]);
    expect(h.bus.listenerCount('panel.leds')).toBe(0);
    // A stop in the middle of a handshake also ends cleanly.
    const silent = await board({ noHello: true });
    const h2 = supervisorHarness({ serial: silent.pty });
    await h2.supervisor.start();
    await waitUntil(() => whoCount(silent) >= 1, 'a WHO');
    const whos = whoCount(silent);
    await h2.supervisor.stop();
    // It did not sit out the 1.5 s handshake (no "no HELLO" failure), retries nothing, and asks no more.
    expect(h2.log.lines.filter((l) => /HELLO|retrying/.test(l))).toEqual([]);
    expect(whoCount(silent)).toBe(whos);
    expect(openPaths()).not.toContain(silent.pty);
    expect(timers.live()).toEqual([]);
  });
});
