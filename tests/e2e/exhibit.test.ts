// The whole path: the real bridge, the built page in Chromium, input reaching
// the screen. Screenshots go to tests/output/ (git-ignored) to be looked at.

import { fileURLToPath } from 'node:url';
import { mkdirSync, readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { cspViolations, launchChromium, openKiosk, waitForStill } from './helpers/browser.js';

const SCENARIOS = (JSON.parse(readFileSync(new URL('../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as {
  scenarios: { id: string }[];
}).scenarios.map((s) => s.id);
const OUTPUT = fileURLToPath(new URL('../output/', import.meta.url));

describe('the exhibit end to end', () => {
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    bridge = await startBridge(['--serial', 'simulated']);
    browser = await launchChromium();
    page = await openKiosk(browser, bridge.url);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${message.text()} ${message.location().url ?? ''}`.trim());
    });
    page.on('response', (response) => {
      if (response.status() >= 400) consoleErrors.push(`HTTP ${response.status()} for ${response.url()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    expect(await bridge?.stop()).toBe(0);
  });

  it('serves the page with a strict Content-Security-Policy', async () => {
    const response = await fetch(bridge.url);
    expect(response.status).toBe(200);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
  });

  it('answers /health with the contract fields', async () => {
    const health = (await (await fetch(new URL('/health', bridge.url))).json()) as Record<string, unknown>;
    expect(['ok', 'degraded']).toContain(health.status);
    expect(health.controller).toMatchObject({ connected: expect.any(Boolean) });
    expect(health.pack).toMatchObject({ id: 'caspian-2025', version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
    expect(typeof health.uptimeS).toBe('number');
  });

  it('draws the map and starts in the attract loop', async () => {
    const hooks = await page.evaluate(() => ({ mode: window.crossroads!.mode, language: window.crossroads!.language, stats: window.crossroads!.stats() }));
    expect(hooks.mode).toBe('attract');
    expect(hooks.language).toBe('en');
    expect(hooks.stats.frames).toBeGreaterThan(0);
    expect(hooks.stats.drawCalls).toBeGreaterThan(0);
    expect(hooks.stats.triangles).toBeGreaterThan(1000);
    await page.screenshot({ path: `${OUTPUT}e2e-attract.png` });
  });

  it('switches scenario from the keyboard', async () => {
    await page.keyboard.press('2');
    await page.waitForFunction(() => window.crossroads!.mode === 'scenario');
    const scenario = await page.evaluate(() => window.crossroads!.scenario);
    const title = await page.locator('scenario-card h1').textContent();
    expect(scenario).not.toBeNull();
    expect(title?.length).toBeGreaterThan(3);
    await page.keyboard.press('PageDown');
    await page.waitForFunction((previous) => window.crossroads!.scenario !== previous, scenario);
    await waitForStill(page);
    await page.screenshot({ path: `${OUTPUT}e2e-scenario.png` });
  });

  it('carries a button press on the simulated panel to the screen', async () => {
    await bridge.waitForOutput(/virtual board on|simulating the panel in-process/);
    for (const button of [0, 3, 1]) {
      bridge.command(`tap ${button}`);
      await page.waitForFunction((id) => window.crossroads!.scenario === id, SCENARIOS[button]);
    }
    const health = (await (await fetch(new URL('/health', bridge.url))).json()) as { controller: { connected: boolean; simulated: boolean } };
    expect(health.controller).toMatchObject({ connected: true, simulated: true });
  });

  it('lays out the panel hints from the first frame', async () => {
    const lefts = await page.evaluate(() => {
      const hints = document.querySelector('crossroads-app')!.shadowRoot!.querySelector('control-hints')!;
      return Array.from(hints.shadowRoot!.querySelectorAll('li')).map((li) => Math.round(li.getBoundingClientRect().left));
    });
    expect(lefts.length).toBeGreaterThan(5);
    expect(new Set(lefts).size).toBeGreaterThan(4);
  });

  it('shows no error to the visitor, and the security policy blocked nothing', async () => {
    expect(consoleErrors).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
  });
});
