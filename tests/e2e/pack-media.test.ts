// The built-in pack's pictures and narration through the real bridge and the
// built page: a scenario's picture in the info panel with its alt text and
// credit, its narration playing with captions in step with the voice, served
// from /pack/<version>/ under the page's CSP. A screenshot goes to
// tests/output/ to be looked at.

import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { cueIndexAt, parseWebVtt } from '../../kiosk/media/webvtt.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { cspViolations, launchChromium, openKiosk, waitForStill } from './helpers/browser.js';

const PACK_DIR = new URL('../../content/packs/caspian-2025/', import.meta.url);
const pack = JSON.parse(readFileSync(new URL('pack.json', PACK_DIR), 'utf8')) as PackManifest;
const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));

// The first scenario with both a picture and English narration.
const index = pack.scenarios.findIndex((s) => (s.images?.length ?? 0) > 0 && s.narration?.en);
const scenario = pack.scenarios[index];
const image = pack.images?.find((i) => i.id === scenario?.images?.[0]);
const track = scenario?.narration?.en;

describe('the built-in pack’s pictures and narration end to end', () => {
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    bridge = await startBridge(['--serial', 'none']);
    browser = await launchChromium();
    // Reduced motion, as a visitor may set it: this file is about pictures, voice and captions, not motion,
    // and a still map leaves the software renderer idle between changes.
    page = await openKiosk(browser, bridge.url, undefined, { reducedMotion: 'reduce' });
    page.on('console', (message) => {
      if (message.type() === 'error') failures.push(message.text());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failures.push(`HTTP ${response.status()} for ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await bridge?.stop()).toBe(0);
  });

  it('has a scenario with a picture and English narration to show', () => {
    expect(index, 'a scenario with images and narration.en in the built-in pack').toBeGreaterThanOrEqual(0);
    expect(image).toBeDefined();
    expect(track).toBeDefined();
  });

  it('shows the scenario’s picture in the info panel with its alt text and its credit, large on request', async () => {
    await page.keyboard.press(String(index + 1));
    await page.keyboard.press('i');
    const picture = page.locator('info-panel pack-picture');
    await page.waitForFunction(() => document.querySelector('crossroads-app')?.shadowRoot?.querySelector('info-panel')?.shadowRoot?.querySelector('pack-picture')?.getAttribute('state') !== 'loading');
    expect(await picture.getAttribute('state')).toBe('shown');
    // The longer text comes first: in the panel the picture has the room it leaves; large, all it needs.
    await page.keyboard.press('p');
    await page.waitForFunction(() => document.querySelector('crossroads-app')!.hasAttribute('picture-large'));
    expect(await picture.getAttribute('cramped')).toBeNull();
    await page.waitForFunction(() => document.querySelector('crossroads-app')?.shadowRoot?.querySelector('info-panel')?.shadowRoot?.querySelector('pack-picture')?.getAttribute('state') === 'shown');
    const img = picture.locator('img');
    expect(await img.getAttribute('alt')).toBe(image!.alt.en);
    expect(await img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([image!.width, image!.height]);
    await expect.poll(() => picture.locator('figcaption').textContent()).toBe(image!.credit.en);
    expect(await picture.locator('figcaption').isVisible()).toBe(true);
    expect((await img.boundingBox())!.height).toBeGreaterThan(300);
    await page.screenshot({ path: `${OUTPUT}e2e-picture-large.png` });
    await page.keyboard.press('p');
    await page.waitForFunction(() => !document.querySelector('crossroads-app')!.hasAttribute('picture-large'));
  });

  it('plays the narration with captions that follow the voice, and stops it on a switch', async () => {
    const cues = parseWebVtt(readFileSync(new URL(track!.captions, PACK_DIR), 'utf8'));
    expect(cues.length).toBeGreaterThan(0);
    await waitForStill(page);
    await page.keyboard.press('n');
    await page.waitForFunction(() => window.crossroads!.narration.currentTime > 0.5, undefined, { timeout: 20_000 });
    // Sampled in the page every 20 ms for three seconds of voice: the caption on screen against the media time.
    const samples = await page.evaluate(
      () =>
        new Promise<{ t: number; cue: string | null }[]>((resolve) => {
          const out: { t: number; cue: string | null }[] = [];
          const start = window.crossroads!.narration.currentTime;
          const look = (): void => {
            const app = document.querySelector('crossroads-app')!.shadowRoot!;
            const cue = app.querySelector('narration-captions')?.shadowRoot?.querySelector('[data-testid="cue"]')?.textContent || null;
            const { currentTime, playing } = window.crossroads!.narration;
            if (playing) out.push({ t: currentTime, cue });
            if (!playing || currentTime > start + 3) resolve(out);
            else setTimeout(look, 20);
          };
          look();
        }),
    );
    expect(samples.length, JSON.stringify(samples)).toBeGreaterThan(20);
    const late = samples.filter(({ t, cue }) => ![0, 0.05, 0.1, 0.15, 0.2, 0.25].some((lag) => (cues[cueIndexAt(cues, Math.max(0, t - lag))]?.text ?? null) === cue));
    expect(late).toEqual([]);
    expect(samples.some((s) => s.cue !== null)).toBe(true);
    const credit = await page.locator('narration-captions [data-testid="voice-credit"]').textContent();
    expect(credit).toContain(track!.credit);
    expect(await page.locator('narration-captions [data-testid="draft"]').count()).toBe(track!.draft ? 1 : 0);
    await page.screenshot({ path: `${OUTPUT}e2e-picture-narration.png` });
    await page.keyboard.press('PageDown');
    await page.waitForFunction(() => !window.crossroads!.narration.playing);
    expect(await page.locator('narration-captions').count()).toBe(0);
    expect(await cspViolations(page)).toEqual([]);
    expect(failures).toEqual([]);
  });
});
