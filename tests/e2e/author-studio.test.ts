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
import { startAuthor, type AuthorProcess } from './helpers/author-process.js';
import { openKiosk, waitForStill } from './helpers/browser.js';

interface Panel {
  state: string | null;
  seq: number;
  text: string;
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
  /** The panel's list for the curator (the page looks for hidden places once a second, once the map is still). */
  const curatorList = (): Promise<string> => page.evaluate(() => document.querySelector('author-panel')!.shadowRoot!.querySelector('ol.curator')?.textContent?.replace(/\s+/g, ' ') ?? '');
  const untilCurator = async (text: string, present: boolean, what: string): Promise<string> => {
    await page
      .waitForFunction(
        ({ text, present }) => (document.querySelector('author-panel')?.shadowRoot?.querySelector('ol.curator')?.textContent?.replace(/\s+/g, ' ') ?? '').includes(text) === present,
        { text, present },
        { timeout: 20_000 },
      )
      .catch(async () => {
        throw new Error(`${what}: the panel's curator list reads ${JSON.stringify(await curatorList())}`);
      });
    return curatorList();
  };
  const save = (value: unknown): void => writeFileSync(join(dir, 'pack.json'), JSON.stringify(value, null, 2) + '\n');

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'crossroads-author-e2e-')), 'my-pack');
    await newPack(dir);
    manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    author = await startAuthor(dir);
    browser = await chromium.launch({ executablePath: requireChromium() as string, headless: true, args: [...(CHROMIUM_ARGS as string[])] });
    page = await openKiosk(browser, author.url, { width: 1280, height: 800 });
    await page.evaluate(() => (window as unknown as { marker: number }).marker = 17);
    await panelAfter(0, (p) => p.state === 'ok', 'the first check');
  });

  afterAll(async () => {
    await browser?.close();
    await author?.stop();
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('puts a save on the open page, keeping the scenario, language and view (orbit, zoom), without a reload', async () => {
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.crossroads!.language === 'es');
    await page.keyboard.press('.');
    await page.keyboard.press('ArrowUp');
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.state.current.zoom === 1);
    await waitForStill(page);
    const view = (): Promise<{ orbit: number; zoom: number; places: [string, number, number][] }> =>
      page.evaluate(() => ({
        orbit: document.querySelector('crossroads-app')!.state.current.orbit,
        zoom: document.querySelector('crossroads-app')!.state.current.zoom,
        places: window.crossroads!.places().map((p) => [p.id, Math.round(p.x ?? -1), Math.round(p.y ?? -1)] as [string, number, number]),
      }));
    const viewBefore = await view();
    expect(viewBefore).toMatchObject({ orbit: 1, zoom: 1 });
    // A save that changes no overlay's size (the longer text, closed): the map stands where the visitor turned and zoomed it, to the pixel.
    manifest.scenarios[0].more.en = 'A longer text, second draft.';
    let before = (await panel()).seq;
    save(manifest);
    before = (await panelAfter(before, (p) => p.state === 'ok', 'the longer text')).seq;
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.state.current.scenario?.more.en === 'A longer text, second draft.', undefined, { timeout: 20_000 });
    await waitForStill(page);
    expect(await view()).toEqual(viewBefore);
    manifest.scenarios[0].title.en = 'Across the Caspian, first draft';
    manifest.scenarios[0].title.es = 'A través del Caspio, primer borrador';
    save(manifest);
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.state.current.scenario?.title.es === 'A través del Caspio, primer borrador', undefined, { timeout: 20_000 });
    expect(await page.evaluate(() => window.crossroads!.language)).toBe('es');
    expect(await page.evaluate(() => window.crossroads!.scenario)).toBe('first-scenario');
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(17);
    expect((await panelAfter(before, (p) => p.state === 'ok', 'the save')).state).toBe('ok');
    // A longer title makes the card taller and the map reframes around it, still turned and zoomed.
    expect(await view()).toMatchObject({ orbit: 1, zoom: 1 });
    await page.keyboard.press(',');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.crossroads!.language === 'en' && document.querySelector('crossroads-app')!.state.current.zoom === 0);
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

  it('shows a missing translation and a summary over 60 words as curator warnings, the pack still on screen', async () => {
    const draft = structuredClone(manifest);
    delete draft.scenarios[0].summary.es;
    draft.scenarios[0].title.en = 'A long draft';
    draft.scenarios[0].summary.en = Array.from({ length: 61 }, (_, i) => `word${i}`).join(' ');
    let before = (await panel()).seq;
    save(draft);
    const warned = await panelAfter(before, (p) => p.state === 'ok', 'the missing translation and the long summary');
    expect(warned.text).toContain('0 errors · 2 warnings');
    expect(warned.text).toMatch(/For the curator.*scenarios\[0\]\.summary.*'es' \(Spanish\)/);
    expect(warned.text).toContain('scenarios[0].summary.en: is 61 words long');
    expect(warned.text).toContain('until then `pack validate`');
    expect(await shownTitle()).toBe('A long draft');
    // In the page's language: the panel words the checks' problems by their code.
    await page.keyboard.press('l');
    await page.waitForFunction(() => document.querySelector('author-panel')!.shadowRoot!.textContent!.includes("no tiene texto en 'es' (español)"), undefined, { timeout: 10_000 });
    expect((await panel()).text).toContain('tiene 61 palabras');
    await page.keyboard.press('l');
    await page.waitForFunction(() => window.crossroads!.language === 'en');
    before = warned.seq;
    save(manifest);
    const back = await panelAfter(before, (p) => p.state === 'ok', 'the translation back');
    expect(back.text).toContain('0 warnings');
  });

  it('warns of a place and route stops hidden under the scenario card, and clears when the camera frames them again', async () => {
    const hiding = structuredClone(manifest);
    // The page draws a camera back (about 4x at most) until the places clear the panels; from this close a
    // camera so far north-east of them still leaves Baku, and Alat and Turkmenbashi on the route, under the
    // scenario card at 1280x800.
    hiding.scenarios[0].camera.center = [72, 50];
    hiding.scenarios[0].camera.zoom = 4;
    const hidden = 'the place "Baku" is hidden under the scenario card';
    save(hiding);
    const text = await untilCurator(hidden, true, 'Baku under the scenario card');
    expect(text).toContain('the route stop "Alat (Port of Baku)" is hidden under the scenario card');
    expect(text).toContain('places[0].at');
    save(manifest);
    await untilCurator('hidden under', false, 'the warning gone with the camera back');
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

  // 200 saves in a row, each drawn by the page, are author-saves.test.ts; the bridge's own are in
  // author-session.unit.test.ts (each checked and shown, no stray watch).
});
