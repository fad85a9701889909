// The pack author's studio end to end: `crossroads author DIR` (compiled) in
// a child process, the built page in Chromium. A save reaches the open page
// without a reload; a broken save shows where it broke and keeps the last
// good pack on screen, marked stale; fixing it clears the panel; the folder
// checks of a stick apply; many saves leave nothing behind.

import { mkdtempSync, rmSync, symlinkSync, unlinkSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPack } from '../../firmware-bridge/author/pack-new.js';
// @ts-expect-error plain JS helper shared with the browser-suite config
import { CHROMIUM_ARGS, requireChromium } from '../chromium-path.js';
import { waitUntil } from '../firmware-bridge/helpers/wait.js';
import { startAuthor, type AuthorProcess } from './helpers/author-process.js';
import { cspViolations, openKiosk, waitForStill } from './helpers/browser.js';

interface Panel {
  state: string | null;
  seq: number;
  text: string;
}

declare global {
  interface Window {
    gc?: () => void;
  }
}

describe('crossroads author', () => {
  let dir: string;
  let manifest: Record<string, any>;
  let author: AuthorProcess;
  let browser: Browser;
  let page: Page;

  const panel = (): Promise<Panel> =>
    page.evaluate(() => {
      const section = document.querySelector('author-panel')?.shadowRoot?.querySelector('section');
      return { state: section?.dataset.state ?? null, seq: Number(section?.dataset.seq ?? -1), text: section?.textContent?.replace(/\s+/g, ' ') ?? '' };
    });
  /** Waits until the panel reports a check newer than `after` that satisfies `ok`. */
  const panelAfter = async (after: number, ok: (p: Panel) => boolean, what: string): Promise<Panel> => {
    const handle = await page
      .waitForFunction(
        ({ after }) => {
          const section = document.querySelector('author-panel')?.shadowRoot?.querySelector('section');
          return section && Number(section.dataset.seq) > after ? { state: section.dataset.state ?? null, seq: Number(section.dataset.seq), text: section.textContent?.replace(/\s+/g, ' ') ?? '' } : null;
        },
        { after },
        { timeout: 20_000 },
      )
      .catch(async () => {
        throw new Error(`no check after #${after} reached the panel (${what}); panel: ${JSON.stringify(await panel())}; bridge:\n${author.output().slice(-2000)}`);
      });
    const seen = (await handle.jsonValue()) as Panel;
    if (!ok(seen)) throw new Error(`${what}: the panel shows ${JSON.stringify(seen)}`);
    return seen;
  };
  const shownTitle = (): Promise<string> => page.evaluate(() => document.querySelector('crossroads-app')!.state.current.scenario?.title.en ?? '');
  const save = (value: unknown): void => writeFileSync(join(dir, 'pack.json'), JSON.stringify(value, null, 2) + '\n');

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'crossroads-author-e2e-')), 'my-pack');
    await newPack(dir);
    manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    author = await startAuthor(dir);
    browser = await chromium.launch({ executablePath: requireChromium() as string, headless: true, args: [...(CHROMIUM_ARGS as string[]), '--js-flags=--expose-gc'] });
    page = await openKiosk(browser, author.url, { width: 1280, height: 800 });
    await page.evaluate(() => (window as unknown as { marker: number }).marker = 17);
    await panelAfter(0, (p) => p.state === 'ok', 'the first check');
  });

  afterAll(async () => {
    await browser?.close();
    await author?.stop();
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('puts a save on the open page, keeping the scenario and language, without a reload', async () => {
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.crossroads!.language === 'es');
    const before = (await panel()).seq;
    manifest.scenarios[0].title.en = 'Across the Caspian, first draft';
    manifest.scenarios[0].title.es = 'A través del Caspio, primer borrador';
    save(manifest);
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.state.current.scenario?.title.es === 'A través del Caspio, primer borrador', undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => window.crossroads!.language)).toBe('es');
    expect(await page.evaluate(() => window.crossroads!.scenario)).toBe('first-scenario');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(17);
    expect((await panelAfter(before, (p) => p.state === 'ok', 'the save')).state).toBe('ok');
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.crossroads!.language === 'en');
  });

  it('shows the line of a JSON syntax error, keeps the last good pack marked stale, and clears when fixed', async () => {
    const good = JSON.stringify(manifest, null, 2).split('\n');
    const line = good.findIndex((l) => l.includes('"version"'));
    const broken = [...good];
    broken[line] = broken[line]!.replace(/,$/, ',,');
    let before = (await panel()).seq;
    writeFileSync(join(dir, 'pack.json'), broken.join('\n'));
    const stale = await panelAfter(before, (p) => p.state === 'stale', 'the broken save');
    expect(stale.text).toContain(`line ${line + 1}`);
    expect(stale.text).toContain('is not valid JSON');
    expect(await shownTitle()).toBe('Across the Caspian, first draft');

    before = stale.seq;
    save(manifest);
    const fixed = await panelAfter(before, (p) => p.state === 'ok', 'the fixed save');
    expect(fixed.text).toContain('0 errors');
    expect(fixed.text).not.toContain('not valid JSON');
  });

  it('names the field and the language of a missing translation', async () => {
    const broken = structuredClone(manifest);
    delete broken.scenarios[0].summary.es;
    let before = (await panel()).seq;
    save(broken);
    const stale = await panelAfter(before, (p) => p.state === 'stale', 'the missing translation');
    expect(stale.text).toContain('scenarios[0].summary');
    expect(stale.text).toContain("'es' (Spanish)");
    before = stale.seq;
    save(manifest);
    await panelAfter(before, (p) => p.state === 'ok', 'the translation back');
  });

  it('refuses a symbolic link in the folder, and one to a file outside it, as a stick would', async () => {
    const outside = join(dir, '..', 'outside.txt');
    writeFileSync(outside, 'not part of the pack');
    for (const [name, target] of [['outside.txt', outside], ['self', 'pack.json']] as const) {
      let before = (await panel()).seq;
      symlinkSync(target, join(dir, name));
      const refused = await panelAfter(before, (p) => p.state === 'stale', `a symbolic link ${name}`);
      expect(refused.text).toContain(`${name}`);
      expect(refused.text).toContain('is a symbolic link');
      before = refused.seq;
      unlinkSync(join(dir, name));
      await panelAfter(before, (p) => p.state === 'ok', `the link ${name} removed`);
    }
  });

  it('takes 200 saves in a row with no growth in geometries, textures, heap or watchers', async () => {
    const measure = async () => {
      await waitForStill(page);
      return page.evaluate(() => {
        window.gc!();
        window.gc!();
        const stats = window.crossroads!.stats();
        return { geometries: stats.geometries, textures: stats.textures, heap: (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize };
      });
    };
    // Warm up: the first swaps fill caches that then stay.
    for (let i = 0; i < 5; i++) {
      manifest.scenarios[0].title.en = `Warm-up ${i}`;
      save(manifest);
      await page.waitForFunction((t) => document.querySelector('crossroads-app')!.state.current.scenario?.title.en === t, `Warm-up ${i}`, { timeout: 20_000 });
    }
    const first = await measure();
    const watches = author.watches();
    // Each save is checked by the bridge before the next (so none is merged into another), and the page takes them as they come.
    const shownLines = (): number => author.output().split('\n').filter((l) => l.startsWith('on screen:')).length;
    for (let i = 0; i < 200; i++) {
      const before = shownLines();
      manifest.scenarios[0].title.en = `Save ${i}`;
      save(manifest);
      await waitUntil(() => shownLines() > before, () => `the bridge to check save ${i}; it printed:\n${author.output().slice(-1000)}`, 20_000);
    }
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.state.current.scenario?.title.en === 'Save 199', undefined, { timeout: 60_000 });
    const last = await measure();
    expect(last.geometries).toBe(first.geometries);
    expect(last.textures).toBe(first.textures);
    // The heap settles within a few hundred KiB after gc; a leak of a pack per save would be 200 packs (several MiB).
    expect(last.heap - first.heap).toBeLessThan(2 * 1024 * 1024);
    expect(author.watches()).toBe(watches);
    expect(await cspViolations(page)).toEqual([]);
  }, 150_000);
});
