// The 200 saves in a row, in Chromium: `crossroads author DIR`
// (compiled) on a small pack (two scenarios, a corridor, so every save
// rebuilds the map's routes, names and their atlas), each save waited for
// until the page has drawn it; then the renderer's geometries and textures,
// the heap after a garbage collection and the bridge's folder watches are
// what they were. A small screen and reduced motion spare the software
// rasteriser: what a swap makes and frees is the same at any size. A new
// pack's layers reuse the old ones' shader programs and names' atlas, so a
// save costs the page about 90 ms here and the 200 about 20 s.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPack } from '../../firmware-bridge/author/pack-new.js';
import { startAuthor, type AuthorProcess } from './helpers/author-process.js';
// @ts-expect-error plain JS helper shared with the browser-suite config
import { CHROMIUM_ARGS, requireChromium } from '../chromium-path.js';
import { cspViolations, openKiosk } from './helpers/browser.js';

const SAVES = 200;

interface Figures {
  geometries: number;
  textures: number;
  heap: number;
}

describe('crossroads author: 200 saves in a row', () => {
  let dir: string;
  let manifest: Record<string, any>;
  let author: AuthorProcess;
  let browser: Browser;
  let page: Page;

  const save = (): void => writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2) + '\n');
  /** Saves `title` as the first scenario's and waits until the page has drawn a frame with it. */
  const saveAndSee = async (title: string): Promise<void> => {
    manifest.scenarios[0].title.en = title;
    save();
    await page
      .waitForFunction(
        (title) => {
          const w = window as unknown as { seen?: { title: string; frame: number } };
          const shown = document.querySelector('crossroads-app')!.state.current.scenario?.title.en;
          const frames = window.crossroads!.stats().frames;
          if (shown !== title) return false;
          // The pack is taken: a frame drawn after it shows it (a still map draws one when asked).
          if (w.seen?.title !== title) {
            w.seen = { title, frame: frames };
            window.crossroads!.requestFrame();
            return false;
          }
          return frames > w.seen.frame;
        },
        title,
        { timeout: 20_000 },
      )
      .catch(async () => {
        const shown = await page.evaluate(() => document.querySelector('crossroads-app')!.state.current.scenario?.title.en);
        throw new Error(`the page did not draw the save "${title}" (it shows "${shown}"); bridge:\n${author.output().slice(-1500)}`);
      });
  };
  const measure = async (): Promise<Figures> => {
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      const stats = await page.evaluate(() => window.crossroads!.stats());
      return { geometries: stats.geometries, textures: stats.textures, heap: usedSize };
    } finally {
      await cdp.detach();
    }
  };

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'crossroads-saves-e2e-')), 'my-pack');
    await newPack(dir);
    manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    manifest.scenarios.push({ ...structuredClone(manifest.scenarios[0]), id: 'second-scenario', title: { en: 'The second stop', es: 'La segunda parada' } });
    save();
    author = await startAuthor(dir);
    // Every save draws a new label atlas (a 2048x1024 canvas): on the software renderer a GPU 2D canvas would
    // rasterise it through SwiftShader, the slowest part of a save here. Drawn in software, the atlas is still
    // uploaded, drawn and freed through WebGL as on a kiosk.
    browser = await chromium.launch({ executablePath: requireChromium() as string, headless: true, args: [...(CHROMIUM_ARGS as string[]), '--disable-accelerated-2d-canvas'] });
    page = await openKiosk(browser, author.url, { width: 640, height: 400 }, { reducedMotion: 'reduce' });
    // A visit on the first scenario, as the author looks at it (the attract loop would move on).
    await page.evaluate(() => document.querySelector('crossroads-app')!.handleIntent({ kind: 'scenario', index: 0 }, 'touch'));
    await page.waitForFunction(() => window.crossroads!.scenario === 'first-scenario', undefined, { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await author?.stop();
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('leaves no growth in geometries, textures, heap or watchers', async () => {
    // Warm up: the first swaps fill caches that then stay.
    for (let i = 0; i < 5; i++) await saveAndSee(`Warm-up ${i}`);
    const first = await measure();
    const watches = author.watches();
    const started = performance.now();
    let half: Figures | null = null;
    for (let i = 0; i < SAVES; i++) {
      await saveAndSee(`Save ${i}`);
      if (i === SAVES / 2 - 1) half = await measure();
    }
    const last = await measure();
    process.stdout.write(`${SAVES} saves drawn in ${((performance.now() - started) / 1000).toFixed(1)} s; geometries ${first.geometries} -> ${last.geometries}, textures ${first.textures} -> ${last.textures}, heap ${(first.heap / 2 ** 20).toFixed(2)} -> ${(half!.heap / 2 ** 20).toFixed(2)} -> ${(last.heap / 2 ** 20).toFixed(2)} MiB, watches ${watches} -> ${author.watches()}\n`);
    // The pack's layers are on the map (so each save rebuilt something to count), and as many as before.
    expect(first.geometries).toBeGreaterThan(0);
    expect(first.textures).toBeGreaterThan(0);
    expect(last.geometries).toBe(first.geometries);
    expect(last.textures).toBe(first.textures);
    // A map's layers kept per save would be many MiB over 200 (their arrays, the pack). What does grow, about
    // 1.3 MiB here, is no object of the page's: heap snapshots before and after show V8's compiled code and the
    // browser's long-frame timing entries (a capped buffer), nothing of three, the pack or the panel.
    expect(last.heap - first.heap).toBeLessThan(2 * 2 ** 20);
    expect(watches).toBeGreaterThan(0);
    expect(author.watches()).toBe(watches);
    expect(await cspViolations(page)).toEqual([]);
  }, 180_000);
});
