// What the attract overlay's breathing invitation costs while the map holds
// still: the browser's CPU per second over its whole process tree, at
// 1920x1080 with Chromium's default compositing (as a kiosk runs), with the
// invitation's CSS animation running and then paused (Web Animations API,
// from outside the page's code). A drift to the next scenario inside a
// window spoils it, and the pair is measured again.

import type { Browser, Page } from 'playwright-core';
import { valueRow, type BenchRow } from './bench-table.js';
import { openProbedPage, sleep, waitFor } from './bench-rig.js';
import { chromiumPids, settleMap } from './frame-bench.js';
import { clockTicksPerSecond, cpuMsBetween, cpuTicksByPid } from './proc-stat.js';

export interface AttractOptions {
  windowMs: number;
  /** Pairs of windows tried before giving up on a pair without a drift. */
  tries: number;
}

const overlayAnimations = (play: boolean): string =>
  `(() => { const o = document.querySelector('crossroads-app').shadowRoot.querySelector('attract-overlay'); if (!o) return 0; const a = o.shadowRoot.getAnimations(); a.forEach((x) => x.${play ? 'play' : 'pause'}()); return a.length; })()`;

async function cpuPerSecond(page: Page, windowMs: number): Promise<{ msPerS: number; scenario: unknown; frames: number }> {
  const ticks = clockTicksPerSecond();
  const read = (): Promise<{ scenario: unknown; frames: number }> => page.evaluate('({ scenario: window.crossroads.scenario, frames: window.crossroads.stats().frames })') as Promise<{ scenario: unknown; frames: number }>;
  const before = await read();
  const pids = chromiumPids();
  const start = cpuTicksByPid(pids);
  const t0 = performance.now();
  await sleep(windowMs);
  const end = cpuTicksByPid(chromiumPids());
  const seconds = (performance.now() - t0) / 1000;
  const after = await read();
  return { msPerS: cpuMsBetween(start, end, ticks) / seconds, scenario: after.scenario === before.scenario ? after.scenario : null, frames: after.frames - before.frames };
}

export async function benchAttract(browser: Browser, url: string, options: AttractOptions): Promise<BenchRow[]> {
  const { page } = await openProbedPage(browser, url);
  try {
    await waitFor('the attract loop', async () => (await page.evaluate('window.crossroads.mode')) === 'attract', 10_000, 50);
    for (let k = 0; k < options.tries; k++) {
      await settleMap(page);
      const breathing = await cpuPerSecond(page, options.windowMs);
      const paused = (await page.evaluate(overlayAnimations(false))) as number;
      const still = await cpuPerSecond(page, options.windowMs);
      await page.evaluate(overlayAnimations(true));
      if (breathing.scenario === null || still.scenario === null) continue;
      const group = 'attract';
      return [
        valueRow(group, 'browser CPU per second, map still, invitation breathing', 'ms/s', breathing.msPerS, `${breathing.frames} map frames drawn`),
        valueRow(group, 'browser CPU per second, map still, invitation paused', 'ms/s', still.msPerS, `${paused} animations paused; ${still.frames} map frames drawn`),
        valueRow(group, 'the breathing invitation costs', 'ms/s', breathing.msPerS - still.msPerS, `${((breathing.msPerS / Math.max(still.msPerS, 1e-9) - 1) * 100).toFixed(0)} % over a still page`),
      ];
    }
    throw new Error(`a drift fell into every one of ${options.tries} pairs of windows`);
  } finally {
    await page.close();
  }
}
