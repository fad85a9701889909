// Pictures: for each scenario, the time from asking for its picture large
// (the P key: the info panel opens with the picture decoded and large) to the
// frame that shows it, and the longest frame interval meanwhile (a decode on
// the main thread would show there); then, at 640x360 with reduced motion
// (the map's drawing is not what is measured), the page's JS heap (after gc),
// three.js's textures and the page's elements after every picture, small and
// large, was shown `cycles` times, against the same before cycling.
//
// The page is read through window.crossroads and its DOM only (scripts as
// strings: no transpiler helper may leak into the page).

import type { Page } from 'playwright-core';
import { summarize } from './bench-stats.js';
import { summaryRow, valueRow, type BenchRow } from './bench-table.js';
import { sleep, SMALL_VIEWPORT, waitFor, type ProbedPage } from './bench-rig.js';

export interface MediaOptions {
  scenarioCount: number;
  /** Rounds of every scenario's picture, small and large. */
  cycles: number;
}

interface PageCounts {
  heapBytes: number;
  textures: number;
  geometries: number;
  elements: number;
}

export interface MediaResult {
  rows: BenchRow[];
  before: PageCounts;
  after: PageCounts;
}

const MIB = 1024 * 1024;

/** The info panel's picture element (null: none on screen) and a deep element count. */
const HELPERS = `(() => {
  const picture = () => {
    const panel = document.querySelector('crossroads-app')?.shadowRoot?.querySelector('info-panel');
    return panel?.shadowRoot?.querySelector('pack-picture') ?? null;
  };
  const count = (root) => {
    let n = 0;
    for (const el of root.querySelectorAll('*')) {
      n++;
      if (el.shadowRoot) n += count(el.shadowRoot);
    }
    return n;
  };
  Object.defineProperty(window, '__mediaBench', { value: { picture, count }, configurable: true });
})()`;

/** Resolves with the keydown's time and the first frame's with the picture large and shown, and every frame between. */
const WATCH_SWITCH = `window.__mediaBench.watch = new Promise((resolve) => {
  const startedAt = performance.now();
  const frames = [];
  let keyAt = null;
  let shownAt = null;
  window.addEventListener('keydown', () => { keyAt = performance.now(); }, { capture: true, once: true });
  const tick = (ts) => {
    frames.push(ts);
    const p = window.__mediaBench.picture();
    if (keyAt !== null && shownAt === null && p && p.large && p.state === 'shown') shownAt = ts;
    // Half a second after it shows, for a stall that follows the first frame.
    if ((shownAt !== null && ts - shownAt > 500) || ts - startedAt > 10000) resolve({ keyAt, shownAt, frames });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** The scene's ground redraws so far: how many, and their JavaScript time. */
const groundWork = async (page: Page): Promise<{ count: number }> =>
  (await page.evaluate('({ count: window.crossroads.workTimes().ground.count })')) as { count: number };

async function counts(page: Page): Promise<PageCounts> {
  // The panel's last picture settled, and what it let go collectable.
  await sleep(1000);
  return (await page.evaluate(`(() => {
    if (typeof window.gc !== 'function') throw new Error('no window.gc: Chromium needs --js-flags=--expose-gc');
    window.gc();
    window.gc();
    const stats = window.crossroads.stats();
    return { heapBytes: performance.memory.usedJSHeapSize, textures: stats.textures, geometries: stats.geometries, elements: window.__mediaBench.count(document) };
  })()`)) as PageCounts;
}

const pictureState = async (page: Page): Promise<string> =>
  (await page.evaluate(`(() => { const p = window.__mediaBench.picture(); return p ? (p.large ? 'large ' : 'small ') + p.state : 'none'; })()`)) as string;

async function key(page: Page, key: string, want: string): Promise<void> {
  await page.keyboard.press(key);
  const deadline = Date.now() + 10_000;
  let seen = await pictureState(page);
  while (seen !== want) {
    if (Date.now() > deadline) throw new Error(`the picture not ${want} 10 s after ${key}: ${seen}`);
    await sleep(10);
    seen = await pictureState(page);
  }
}

/** Until the map drew no ground for 400 ms (its camera and highlights still), 15 s at most. */
async function mapStill(page: Page): Promise<void> {
  const ground = async (): Promise<number> => (await page.evaluate('(window.crossroads.workTimes() ?? { ground: { count: 0 } }).ground.count')) as number;
  const deadline = Date.now() + 15_000;
  let last = await ground();
  let since = Date.now();
  while (Date.now() - since < 400 && Date.now() < deadline) {
    await sleep(50);
    const now = await ground();
    if (now !== last) [last, since] = [now, Date.now()];
  }
}

async function nextScenario(page: Page): Promise<void> {
  const before = await page.evaluate('window.crossroads.scenario');
  await page.keyboard.press('PageDown');
  await waitFor('the next scenario', async () => (await page.evaluate('window.crossroads.scenario')) !== before, 10_000, 10);
}

export async function benchMedia({ page }: ProbedPage, options: MediaOptions): Promise<MediaResult> {
  await page.evaluate(HELPERS);
  // The first round: every picture large from a closed panel, timed.
  const toFrame: number[] = [];
  const longest: number[] = [];
  const groundDraws: number[] = [];

  for (let i = 0; i < options.scenarioCount; i++) {
    await nextScenario(page);
    // The switch's camera ease over, so the frames timed are the picture's.
    await mapStill(page);
    // Watching before the key goes, and read once it has shown.
    await page.evaluate(`void (${WATCH_SWITCH})`);
    const groundBefore = await groundWork(page);
    await page.keyboard.press('p');
    const { keyAt, shownAt, frames } = (await page.evaluate('window.__mediaBench.watch')) as { keyAt: number | null; shownAt: number | null; frames: number[] };
    if (keyAt === null || shownAt === null) throw new Error(`scenario ${i + 1}: the picture never showed large (${await pictureState(page)})`);
    toFrame.push(shownAt - keyAt);
    const during = frames.filter((t) => t >= keyAt - 20);
    longest.push(Math.max(...during.slice(1).map((t, n) => t - during[n]!)));
    // The panel's new width moves the map's free focus: the ground's redraws then are the map's, not the picture's.
    const groundAfter = await groundWork(page);
    groundDraws.push(groundAfter.count - groundBefore.count);

    await key(page, 'p', 'small shown');
  }
  // Cycled small and with reduced motion (camera cuts, no eases): the pictures are what is cycled, not the map's drawing.
  await page.setViewportSize(SMALL_VIEWPORT);
  await page.keyboard.press('r');
  // Counted as after the cycles: the next scenario on screen, its panel closed.
  await nextScenario(page);
  const before = await counts(page);
  const cycledFrom = Date.now();
  for (let c = 0; c < options.cycles; c++) {
    if (c % 10 === 0) process.stderr.write(`bench: media: cycle ${c + 1} of ${options.cycles}\n`);
    for (let i = 0; i < options.scenarioCount; i++) {
      await nextScenario(page);
      await key(page, 'p', 'large shown');
      await key(page, 'p', 'small shown');
    }
  }
  // The panel closed on the same scenario as before the cycles (a whole number of rounds).
  await page.keyboard.press('i');
  await waitFor('the info panel closed', async () => (await pictureState(page)) === 'none', 10_000, 10);
  const cycledS = (Date.now() - cycledFrom) / 1000;
  const after = await counts(page);
  const shows = options.cycles * options.scenarioCount;
  const rows = [
    summaryRow('media', 'picture asked for large -> frame that shows it (1920x1080)', 'ms', summarize(toFrame), 'P key, panel closed; decoded before shown'),
    summaryRow('media', 'longest frame interval while it opens', 'ms', summarize(longest), 'a main-thread decode would show here'),
    summaryRow('media', 'map ground redraws while it opens', 'count', summarize(groundDraws), 'the panel moves the map\'s free focus'),
    valueRow('media', 'page JS heap before cycling the pictures', 'MiB', before.heapBytes / MIB, `after gc; ${before.elements} elements, ${before.textures} textures`),
    valueRow('media', `page JS heap after ${options.cycles} cycles of every picture, small and large`, 'MiB', after.heapBytes / MIB, `${shows} scenarios, ${2 * shows} views in ${cycledS.toFixed(0)} s; ${after.elements} elements, ${after.textures} textures`),
  ];
  return { rows, before, after };
}
