// Start-up: `crossroads start` from spawn until /health answers (polled from
// the moment of the spawn, on a port chosen beforehand), and the page from
// navigation start until window.crossroads.ready resolves (its first frame).

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, type BenchRow } from './bench-table.js';
import { clock, sleep, VIEWPORT, waitFor } from './bench-rig.js';
import { installProbe, readProbe } from './page-probe.js';

const CLI = fileURLToPath(new URL('../../firmware-bridge/bin/crossroads.js', import.meta.url));

export interface StartupOptions {
  runs: number;
  warmup: number;
  /** No new run starts after this long once two were measured (a loaded machine starts slowly). */
  budgetMs: number;
}

/** Whether another run may start: always up to two measured runs, then only within the budget. */
function mayRun(i: number, options: StartupOptions, startedAt: number): boolean {
  if (i >= options.warmup + options.runs) return false;
  return i < options.warmup + 2 || clock() - startedAt < options.budgetMs;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function healthOk(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

/** Spawn to the first 200 from /health, in ms; the bridge is stopped again before returning. */
async function timeOneStart(): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'crossroads-bench-'));
  const args = [CLI, 'start', '--port', String(port), '--serial', 'none', '--data', dataDir, '--media', join(dataDir, 'media'), '--log-level', 'warn'];
  const startedAt = clock();
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    let okAt = 0;
    await waitFor(
      '/health to answer',
      async () => {
        if (child.exitCode !== null) throw new Error(`the bridge exited during start-up: ${stderr}`);
        if (!(await healthOk(`http://127.0.0.1:${port}/health`))) return false;
        okAt = clock();
        return true;
      },
      20_000,
      2,
    );
    return okAt - startedAt;
  } finally {
    if (child.exitCode === null) child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function benchBridgeStartup(options: StartupOptions): Promise<BenchRow[]> {
  const times: number[] = [];
  const startedAt = clock();
  for (let i = 0; mayRun(i, options, startedAt); i++) {
    times.push(await timeOneStart());
    await sleep(200);
  }
  return [summaryRow('start-up', 'bridge: spawn -> /health 200', 'ms', summarize(dropWarmup(times, options.warmup)), '--serial none')];
}

/** Each load in a fresh browser context (empty cache), as after a kiosk reboot. */
export async function benchPageStartup(browser: Browser, url: string, options: StartupOptions): Promise<BenchRow[]> {
  const ready: number[] = [];
  const loaded: number[] = [];
  const startedAt = clock();
  for (let i = 0; mayRun(i, options, startedAt); i++) {
    const context = await browser.newContext({ viewport: VIEWPORT });
    try {
      const page = await context.newPage();
      await installProbe(page);
      await page.goto(url);
      await waitFor('the page to resolve window.crossroads.ready', async () => (await readProbe(page)).readyAt !== null, 30_000, 25);
      const probe = await readProbe(page);
      if (probe.framesAtHook !== 0) throw new Error('the probe saw window.crossroads only after the first frame: the ready time would be late');
      ready.push(probe.readyAt!);
      loaded.push((await page.evaluate(`performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd`)) as number);
    } finally {
      await context.close();
    }
  }
  return [
    summaryRow('start-up', 'page: navigation -> DOMContentLoaded', 'ms', summarize(dropWarmup(loaded, options.warmup))),
    summaryRow('start-up', 'page: navigation -> first frame (ready)', 'ms', summarize(dropWarmup(ready, options.warmup)), 'fresh context'),
  ];
}
