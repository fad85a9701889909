// The visitor's, the teacher's and the maintainer's way through the exhibit,
// end to end: the real bridge on the virtual board (the firmware core behind
// a pseudo-terminal), the built page in Chromium. Each state is saved as a
// screenshot in tests/output/experience/ to be looked at.

import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { VirtualBoardProcess } from '../firmware-bridge/helpers/virtual-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium, openKiosk, waitForStill } from './helpers/browser.js';

// Reduced motion, as a visitor may set it: this file is about what the
// exhibit shows and does, not how it moves (exhibit.test.ts and the scene's
// browser tests keep motion on), and with motion the software renderer draws
// all the time, most of this file's cost.
const STILL = { reducedMotion: 'reduce' } as const;
const OUTPUT = fileURLToPath(new URL('../output/experience/', import.meta.url));
const pack = JSON.parse(readFileSync(new URL('../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

const mode = (page: Page) => page.evaluate(() => window.crossroads!.mode);
const waitMode = (page: Page, expected: string, timeout = 10_000) =>
  page.waitForFunction((m) => window.crossroads!.mode === m, expected, { timeout });
const shot = async (page: Page, name: string) => {
  // Let the camera settle and the overlays draw. With reduced motion a map
  // that draws nothing of its own for a dozen animation callbacks holds still.
  await waitForStill(page, { quiet: 12 });
  await page.screenshot({ path: `${OUTPUT}${name}.png` });
};

describe('the exhibit experience', () => {
  let board: VirtualBoardProcess;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    board = await VirtualBoardProcess.start();
    bridge = await startBridge(['--serial', board.pty, '--idle-reset', '10']);
    await bridge.waitForOutput(/board \S+ firmware/);
    browser = await launchChromium();
    // On Playwright's clock, so the idle time can be jumped rather than waited for.
    page = await openKiosk(browser, bridge.url, undefined, { ...STILL, clock: true });
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
  });

  afterAll(async () => {
    await browser?.close();
    const code = await bridge?.stop();
    await board?.close();
    expect(code).toBe(0);
  });

  it('invites in every language of the pack while nobody is there', async () => {
    expect(await mode(page)).toBe('attract');
    const invite = page.locator('attract-overlay .panel');
    for (const lang of pack.languages) await expect(invite.locator(`.invite[lang="${lang}"]`).isVisible()).resolves.toBe(true);
    expect(await invite.textContent()).toContain('Press any button');
    expect(await invite.textContent()).toContain('Pulse cualquier botón');
    await shot(page, '1920x1080-01-attract');
  });

  it('opens a scenario from a panel button, with its label, legend and the panel hints', async () => {
    await board.send('tap 2');
    await waitMode(page, 'scenario');
    await page.waitForFunction((id) => window.crossroads!.scenario === id, pack.scenarios[2]!.id);
    expect(await page.locator('scenario-card h1').textContent()).toBe(pack.scenarios[2]!.title.en);
    expect(await page.locator('map-legend li').count()).toBeGreaterThan(0);
    expect(await page.locator('control-hints [data-control="knob-0"] .label').textContent()).toBe('Timeline');
    await shot(page, '1920x1080-02-scenario');
  });

  it('shows the longer text and its sources when the info button is held', async () => {
    await board.send('press 7');
    await page.locator('info-panel').waitFor({ timeout: 5000 });
    await board.send('release 7');
    const sources = await page.locator('info-panel [data-testid="sources"] li').allTextContents();
    expect(sources.length).toBe(pack.scenarios[2]!.sources.length);
    expect(await page.locator('info-panel section').textContent()).toContain(pack.scenarios[2]!.more.en.slice(0, 40));
    await shot(page, '1920x1080-03-info');
    await page.keyboard.press('i');
    await page.locator('info-panel').waitFor({ state: 'detached' });
  });

  it('scrubs the timeline with the knob, and the map follows', async () => {
    await board.send('turn 0 3');
    const event = pack.timeline[2]!;
    await page.locator('timeline-strip [data-testid="timeline-event"]', { hasText: event.title.en }).waitFor({ timeout: 5000 });
    expect(await page.evaluate(() => window.crossroads!.scenario)).toBe(event.scenario);
    await shot(page, '1920x1080-04-timeline');
  });

  it('cycles the language with its button', async () => {
    await board.send('tap 7');
    await page.waitForFunction(() => window.crossroads!.language === 'es');
    const scenario = pack.scenarios.find((s) => s.id === pack.timeline[2]!.scenario)!;
    await page.locator('scenario-card h1', { hasText: scenario.title.es }).waitFor();
    expect(await page.locator('control-hints [data-control="knob-0"] .label').textContent()).toBe('Cronología');
    await shot(page, '1920x1080-05-language-es');
  });

  it('asks "still there?" after the idle time, then starts over in the default language', async () => {
    // --idle-reset 10: ten quiet seconds, then a ten-second countdown, both
    // on the page's clock: jumped, not waited for (the timers themselves run
    // as ever; tests/kiosk/app/idle-timer.unit.test.ts times them).
    await page.clock.fastForward(10_000);
    await page.locator('idle-countdown').waitFor({ timeout: 5000 });
    expect(await page.locator('idle-countdown h2').textContent()).toBe('¿Sigue ahí?');
    expect(await mode(page)).toBe('scenario');
    await shot(page, '1920x1080-06-still-there');
    await page.clock.runFor(10_000);
    await waitMode(page, 'attract', 5000);
    expect(await page.evaluate(() => window.crossroads!.language)).toBe('en');
    expect(await page.locator('idle-countdown').count()).toBe(0);
  });

  it('steps through the lesson with a clicker in class mode', async () => {
    const steps = pack.lessons![0]!.steps;
    await page.keyboard.press('Control+k');
    await waitMode(page, 'class');
    expect(await page.locator('lesson-panel [data-testid="lesson-step"]').textContent()).toBe('1');
    await page.keyboard.press('PageDown');
    await page.keyboard.press('PageDown');
    await page.waitForFunction((id) => window.crossroads!.scenario === id, steps[2]!.scenario);
    expect(await page.locator('lesson-panel [data-testid="lesson-prompt"]').textContent()).toBe(steps[2]!.prompt!.en);
    const event = pack.timeline.find((e) => e.id === steps[2]!.event)!;
    expect(await page.locator('timeline-strip [data-testid="timeline-event"]').textContent()).toContain(event.title.en);
    await page.keyboard.press('PageUp');
    await page.waitForFunction((id) => window.crossroads!.scenario === id, steps[1]!.scenario);
    await shot(page, '1920x1080-07-class');
    await page.keyboard.press('Control+k');
    await waitMode(page, 'scenario');
  });

  it('lights each control in the maintenance screen’s input tester', async () => {
    await page.keyboard.press('Control+m');
    await waitMode(page, 'maintenance');
    const button3 = page.locator('input-tester [data-control="button-3"]');
    expect(await button3.getAttribute('data-lit')).toBe('false');
    await board.send('press 3');
    await page.waitForFunction(() =>
      document.querySelector('crossroads-app')!.shadowRoot!.querySelector('maintenance-screen')!.shadowRoot!
        .querySelector('input-tester')!.shadowRoot!.querySelector('[data-control="button-3"]')!.getAttribute('data-lit') === 'true');
    await board.send('turn 1 2');
    await page.locator('input-tester [data-control="knob-1"][data-used="true"]').waitFor({ timeout: 5000 });
    expect(await page.locator('maintenance-screen [data-testid="board-connected"]').textContent()).toBe('connected');
    await shot(page, '1920x1080-08-maintenance');
    await board.send('release 3');
    await page.locator('input-tester [data-control="button-3"][data-lit="false"][data-used="true"]').waitFor({ timeout: 5000 });
    // The page's own keys light the control they stand for.
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('input-tester [data-control="knob-0"]').getAttribute('data-used')).toBe('true');
    expect(await mode(page)).toBe('maintenance');
    await page.keyboard.press('Control+m');
    await waitMode(page, 'scenario');
  });

  it('contains a component that fails to draw, and starts over when failures repeat', async () => {
    await page.keyboard.press('4');
    await waitMode(page, 'scenario');
    const result = await page.evaluate(async () => {
      const card = document.querySelector('crossroads-app')!.shadowRoot!.querySelector('scenario-card')! as HTMLElement & {
        pack: unknown;
        updateComplete: Promise<unknown>;
      };
      const modes: string[] = [];
      for (let i = 0; i < 3; i++) {
        // A pack damaged as validation never would let through: the card cannot count its scenarios.
        card.pack = { ...(card.pack as object), scenarios: null };
        await card.updateComplete;
        await new Promise((r) => setTimeout(r, 0));
        modes.push(window.crossroads!.mode);
      }
      return { modes, text: document.documentElement.innerText };
    });
    expect(result.modes).toEqual(['scenario', 'scenario', 'attract']);
    expect(result.text).not.toContain('TypeError');
    await bridge.waitForOutput(/page: <scenario-card> failed to draw: TypeError/);
  });

  // Five still screenshots at up to 1080x1920 in software, each waited for (30 s at most): more than the default on a loaded machine.
  it('lays out in portrait and at 1280x720', async () => {
    // One map at a time: two software-rendered pages on a small machine starve each other.
    await page.close();
    const portrait = await openKiosk(browser, bridge.url, { width: 1080, height: 1920 }, STILL);
    await shot(portrait, '1080x1920-01-attract');
    await portrait.keyboard.press('5');
    await waitMode(portrait, 'scenario');
    await shot(portrait, '1080x1920-02-scenario');
    await portrait.keyboard.press('i');
    await portrait.locator('info-panel').waitFor();
    await shot(portrait, '1080x1920-03-info');
    await portrait.keyboard.press('i');
    await portrait.keyboard.press('Control+k');
    await waitMode(portrait, 'class');
    await shot(portrait, '1080x1920-04-class');
    await portrait.close();
    const small = await openKiosk(browser, bridge.url, { width: 1280, height: 720 }, STILL);
    await small.keyboard.press('3');
    await waitMode(small, 'scenario');
    await shot(small, '1280x720-01-scenario');
    await small.close();
  }, 180_000);

  it('shows no error to the visitor', () => {
    expect(consoleErrors).toEqual([]);
  });
});
