// The author's studio switches in Chromium: the view switch lays the exhibit
// out at a kiosk's size inside the author's smaller window, the language
// switch and the tour act through the exhibit's intents, and the proof sheet
// of a pack holds every scenario in every language with a picture that decodes.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPack } from '../../firmware-bridge/author/pack-new.js';
import { takeProof } from '../../firmware-bridge/author/proof-run.js';
import { proofSheet } from '../../firmware-bridge/author/proof-sheet.js';
import { startAuthor, type AuthorProcess } from './helpers/author-process.js';
import { cspViolations, launchChromium, openKiosk } from './helpers/browser.js';

describe('crossroads author: view, language, tour and proof sheet', () => {
  let dir: string;
  let author: AuthorProcess;
  let browser: Browser;
  let page: Page;

  const click = (selector: string): Promise<void> => page.locator(`author-panel ${selector}`).click();
  const layout = (): Promise<{ app: [number, number]; canvas: number; scale: number; columns: number }> =>
    page.evaluate(() => {
      const app = document.querySelector('crossroads-app')!;
      const layer = app.shadowRoot!.querySelector('.layer')!;
      return {
        app: [app.clientWidth, app.clientHeight] as [number, number],
        canvas: app.shadowRoot!.querySelector('canvas')!.clientWidth,
        scale: app.getBoundingClientRect().width / app.clientWidth,
        columns: getComputedStyle(layer).gridTemplateColumns.split(' ').length,
      };
    });

  beforeAll(async () => {
    dir = join(mkdtempSync(join(tmpdir(), 'crossroads-views-e2e-')), 'my-pack');
    await newPack(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    // A second scenario, so the tour has somewhere to go.
    manifest.scenarios.push({ ...structuredClone(manifest.scenarios[0]), id: 'second-scenario', title: { en: 'The second stop', es: 'La segunda parada' } });
    writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2));
    author = await startAuthor(dir);
    browser = await launchChromium();
    // A brisk tour: the test watches it step, not read.
    page = await openKiosk(browser, `${author.url}?tour=2`, { width: 1280, height: 800 });
    await page.waitForFunction(() => document.querySelector('author-panel')?.shadowRoot?.querySelector('button[data-view="kiosk"]'), undefined, { timeout: 20_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await author?.stop();
    if (dir) rmSync(join(dir, '..'), { recursive: true, force: true });
  });

  it('lays the exhibit out at 1920x1080, 1080x1920 and 1280x800, scaled into the window, and back', async () => {
    expect((await layout()).app).toEqual([1280, 800]);
    await click('button[data-view="kiosk"]');
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.clientWidth === 1920, undefined, { timeout: 10_000 });
    const kiosk = await layout();
    expect(kiosk.app).toEqual([1920, 1080]);
    expect(kiosk.canvas).toBe(1920);
    expect(kiosk.scale).toBeCloseTo(2 / 3, 2);
    expect(kiosk.columns).toBe(3);
    await click('button[data-view="portrait"]');
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.clientHeight === 1920, undefined, { timeout: 10_000 });
    const portrait = await layout();
    expect(portrait.app).toEqual([1080, 1920]);
    // The portrait layout follows the frame, not the landscape window.
    expect(portrait.columns).toBe(2);
    await page.screenshot({ path: 'tests/output/author-view-portrait.png' });
    await click('button[data-view="window"]');
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.clientWidth === 1280, undefined, { timeout: 10_000 });
    expect(await layout()).toMatchObject({ app: [1280, 800], scale: 1, columns: 3 });
    expect(await cspViolations(page)).toEqual([]);
  });

  it('switches the language through the exhibit', async () => {
    await click('button[data-language="es"]');
    await page.waitForFunction(() => window.crossroads!.language === 'es', undefined, { timeout: 10_000 });
    await page.waitForFunction(() => document.querySelector('author-panel')!.shadowRoot!.textContent!.includes('Recorrer los escenarios'), undefined, { timeout: 10_000 });
    await click('button[data-language="en"]');
    await page.waitForFunction(() => window.crossroads!.language === 'en', undefined, { timeout: 10_000 });
  });

  it('tours every scenario in turn and ends; a tour can be stopped', async () => {
    const touring = (): Promise<string | undefined> => page.evaluate(() => document.querySelector('author-panel')!.shadowRoot!.querySelector<HTMLElement>('button.tour')!.dataset.touring);
    await click('button.tour');
    await page.waitForFunction(() => window.crossroads!.scenario === 'first-scenario', undefined, { timeout: 20_000 });
    await page.waitForFunction(() => window.crossroads!.scenario === 'second-scenario', undefined, { timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('author-panel')!.shadowRoot!.querySelector<HTMLElement>('button.tour')!.dataset.touring === 'no', undefined, { timeout: 20_000 });
    await click('button.tour');
    await page.waitForFunction(() => window.crossroads!.scenario === 'first-scenario', undefined, { timeout: 20_000 });
    expect(await touring()).toBe('yes');
    await click('button.tour');
    expect(await touring()).toBe('no');
    // Stopped where it was (a loaded machine may have taken a step before the click).
    // This wait proves an absence: a step and a half later, no step was taken.
    const stoppedOn = await page.evaluate(() => window.crossroads!.scenario);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect([await touring(), await page.evaluate(() => window.crossroads!.scenario)]).toEqual(['no', stoppedOn]);
  }, 60_000);

  // The proof sheet's pictures as `crossroads author --proof` takes them, from
  // this studio's bridge, at one small screen: every scenario in every
  // language, decodable. The sheet around them is proof-sheet.unit.test.ts's;
  // `crossroads author content/packs/caspian-2025 --proof FILE.html` makes the
  // full one (three screens, 1920x1080 pictures) by hand.
  it('takes the proof sheet: every scenario in every language, each picture decodable', async () => {
    const pack = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    const { shots, hidden } = await takeProof(author.url, pack, [{ width: 640, height: 400 }]);
    expect(Array.isArray(hidden)).toBe(true);
    const html = proofSheet(pack, shots, hidden, new Date(0));
    for (const language of pack.languages) for (const s of pack.scenarios) expect(html).toContain(`data-scenario="${s.id}" lang="${language}"`);
    const proof = await browser.newPage();
    try {
      await proof.setContent(html);
      const images = await proof.evaluate(() => Promise.all(Array.from(document.images).map(async (img) => (await img.decode(), [img.naturalWidth, img.naturalHeight]))));
      expect(images.length).toBe(pack.languages.length * pack.scenarios.length);
      for (const size of images) expect(size).toEqual([640, 400]);
    } finally {
      await proof.close();
    }
  }, 60_000);
});
