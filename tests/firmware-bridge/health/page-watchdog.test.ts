// The page watchdog: a silent page gets the browser restarted once, through a
// real command run without a shell; a restarted page gets a grace period; and
// against a real bridge, a page whose heartbeat stops is restarted.

import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { PageWatchdog, parseRestartCommand, type PageWatchdogOptions } from '../../../firmware-bridge/health/page-watchdog.js';
import { startHarness } from '../http/bridge-harness.js';
import { waitUntil } from '../helpers/wait.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A restart command that appends its arguments to a file, one line per run. */
function restartScript(): { command: string[]; runs: () => string[]; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'crossroads-watchdog-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const script = join(dir, 'restart-browser');
  const marker = join(dir, 'restarts.txt');
  writeFileSync(script, '#!/bin/sh\nprintf "%s|" "$@" >> "$1"\necho >> "$1"\n');
  chmodSync(script, 0o755);
  return {
    command: [script, marker],
    runs: () => (existsSync(marker) ? readFileSync(marker, 'utf8').split('\n').filter(Boolean) : []),
    dir,
  };
}

function watchdog(options: Partial<PageWatchdogOptions> & { heartbeatAgeMs: () => number | null }) {
  const bus = new EventBus();
  const log = createMemoryLogger();
  const stalls: number[] = [];
  bus.on('page.stalled', ({ silentMs }) => stalls.push(silentMs));
  const dog = new PageWatchdog({ bus, log, stallMs: 1000, restartCommand: null, checkEveryMs: 3_600_000, ...options });
  cleanups.push(() => dog.stop());
  return { dog, log, stalls };
}

describe('parseRestartCommand', () => {
  it('splits words, keeps quoted ones whole, and treats nothing as shell syntax', () => {
    expect(parseRestartCommand('systemctl restart crossroads-screen.service')).toEqual(['systemctl', 'restart', 'crossroads-screen.service']);
    expect(parseRestartCommand('  "/opt/my tools/restart"  --now ')).toEqual(['/opt/my tools/restart', '--now']);
    expect(parseRestartCommand("echo '' x")).toEqual(['echo', '', 'x']);
    expect(parseRestartCommand('echo a;rm $(x) | y')).toEqual(['echo', 'a;rm', '$(x)', '|', 'y']);
  });

  it('means no command for an empty text or none', () => {
    expect(parseRestartCommand('')).toBeNull();
    expect(parseRestartCommand('   ')).toBeNull();
    expect(parseRestartCommand('none')).toBeNull();
  });

  it('refuses an unclosed quote with a clear message', () => {
    expect(() => parseRestartCommand('systemctl "restart')).toThrow(/unclosed " quote/);
  });
});

describe('PageWatchdog', () => {
  it('restarts once when no page ever sent a heartbeat for stallMs after start', async () => {
    const restart = restartScript();
    const { dog, stalls } = watchdog({ heartbeatAgeMs: () => null, restartCommand: restart.command, graceMs: 10_000 });
    await dog.start();
    const t0 = Date.now();
    dog.check(t0 + 900);
    expect(stalls).toEqual([]);
    dog.check(t0 + 1100);
    expect(stalls).toHaveLength(1);
    await waitUntil(() => restart.runs().length === 1, 'the restart command');
    // Within the grace period nothing more happens, however often it looks.
    // (check() decides at once: a second restart would show in restartCount() now.)
    for (const at of [1200, 5000, 10_000, 11_000]) dog.check(t0 + at);
    expect(stalls).toHaveLength(1);
    expect(dog.restartCount()).toBe(1);
  });

  it('passes its arguments as they are, with no shell in between', async () => {
    const restart = restartScript();
    const trap = join(restart.dir, 'should-not-exist');
    const { dog } = watchdog({ heartbeatAgeMs: () => null, restartCommand: [...restart.command, `$(touch ${trap})`, 'a b'] });
    await dog.start();
    dog.check(Date.now() + 2000);
    await waitUntil(() => restart.runs().length === 1, 'the restart command');
    expect(restart.runs()[0]).toBe(`${restart.command[1]}|$(touch ${trap})|a b|`);
    expect(existsSync(trap)).toBe(false);
  });

  it('restarts when a seen heartbeat goes silent, then waits for the page to come back', async () => {
    const restart = restartScript();
    let lastBeat = Date.now();
    let now = lastBeat;
    const { dog, stalls, log } = watchdog({ heartbeatAgeMs: () => now - lastBeat, restartCommand: restart.command, graceMs: 2000 });
    await dog.start();
    const t0 = Date.now();
    // Beats every 500 ms for 5 s: all well.
    for (let at = 0; at <= 5000; at += 250) {
      now = t0 + at;
      if (at % 500 === 0) lastBeat = now;
      dog.check(now);
    }
    expect(stalls).toEqual([]);
    // Silent for 1.1 s: one restart.
    now = t0 + 6100;
    dog.check(now);
    expect(stalls).toEqual([1100]);
    await waitUntil(() => log.lines.some((line) => line.includes('browser restart requested')), 'the restart command to finish');
    expect(restart.runs()).toHaveLength(1);
    // The new page beats at +7 s, then hangs too: no restart before grace (to +8.1 s) plus stallMs.
    lastBeat = t0 + 7000;
    for (const at of [7000, 8000, 9000]) {
      now = t0 + at;
      dog.check(now);
    }
    expect(stalls).toHaveLength(1);
    now = t0 + 9200;
    dog.check(now);
    expect(stalls).toHaveLength(2);
    await waitUntil(() => restart.runs().length === 2, 'the second restart');
  });

  it('backs off while a restarted page never comes back', async () => {
    const { dog, stalls, log } = watchdog({ heartbeatAgeMs: () => null, graceMs: 1000, maxGraceMs: 3000 });
    await dog.start();
    const t0 = Date.now();
    const times: number[] = [];
    for (let at = 0; at <= 20_000; at += 100) {
      const before = stalls.length;
      dog.check(t0 + at);
      if (stalls.length > before) times.push(at);
    }
    // stall 1 s, then grace 1 s, 2 s, 3 s (capped) plus 1 s stall each time.
    expect(times.slice(0, 5)).toEqual([1000, 3000, 6000, 10_000, 14_000]);
    expect(log.lines.some((line) => line.includes('no restart command is set'))).toBe(true);
    expect(dog.restartCount()).toBe(0);
  });

  it('logs a restart command that fails, and stays usable', async () => {
    const { dog, log } = watchdog({ heartbeatAgeMs: () => null, restartCommand: ['/nonexistent/restart-browser'] });
    await dog.start();
    dog.check(Date.now() + 2000);
    await waitUntil(() => log.lines.some((line) => line.includes('the browser restart command failed')), 'the failure log');
    expect(dog.restartCount()).toBe(1);
  });
});

// Long enough that only a page that really stopped beating reaches it.
const STALL_MS = 3000;

describe('PageWatchdog on a real bridge', () => {
  it('asks for a browser restart when the page stops its heartbeat', async () => {
    const bridge = await startHarness();
    cleanups.push(() => bridge.close());
    const restart = restartScript();
    const stalls: number[] = [];
    bridge.controller.bus.on('page.stalled', ({ silentMs }) => stalls.push(silentMs));
    const dog = new PageWatchdog({
      bus: bridge.controller.bus,
      log: createMemoryLogger(),
      heartbeatAgeMs: () => bridge.controller.socket.heartbeatAgeMs(),
      stallMs: STALL_MS,
      restartCommand: restart.command,
      checkEveryMs: 50,
      graceMs: 400,
    });
    await dog.start();
    cleanups.push(() => dog.stop());

    const page = new WebSocket(`${bridge.base.replace('http', 'ws')}/ws`, { headers: { Origin: bridge.origin } });
    cleanups.push(() => page.terminate());
    await new Promise<void>((resolve, reject) => {
      page.once('open', () => resolve());
      page.once('error', reject);
    });
    let frames = 0;
    let seen = 0;
    bridge.controller.bus.on('page.message', (message) => {
      if (message.type === 'heartbeat') seen++;
    });
    // Beats in lock step with the bridge: each one sent once the last was
    // taken, so the page is never silent for long, however busy the machine.
    const beatTen = async (): Promise<void> => {
      for (let i = 0; i < 10; i++) {
        const target = seen + 1;
        page.send(JSON.stringify({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: ++frames }));
        await waitUntil(() => seen >= target, () => `heartbeat ${frames} to arrive (seen ${seen})`, 10_000);
      }
    };
    await beatTen();
    expect(restart.runs()).toEqual([]);
    expect(bridge.controller.socket.heartbeatAgeMs()).toBeLessThan(STALL_MS);

    // The page freezes.
    await waitUntil(() => restart.runs().length === 1, () => `the browser restart (stalls: ${JSON.stringify(stalls)})`, 15_000);
    expect(stalls).toHaveLength(1);
    expect(stalls[0]).toBeGreaterThanOrEqual(STALL_MS);

    // The restarted page beats again and is left alone, then freezes again.
    await beatTen();
    expect(restart.runs()).toHaveLength(1);
    await waitUntil(() => restart.runs().length === 2, 'the second restart', 15_000);
  });
});
