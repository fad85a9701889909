// The bridge restarts under a running page: the page keeps going on the
// keyboard, reconnects by itself, and never reloads or shows an error.

import { createServer } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium, openKiosk, pageText } from './helpers/browser.js';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('losing the bridge', () => {
  let browser: Browser;
  let page: Page;
  let bridge: BridgeProcess | null = null;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    bridge = await startBridge(['--serial', 'simulated', '--port', String(port)]);
    browser = await launchChromium();
    // Small: this is about the connection, not the rasteriser; the map keeps
    // moving (its frames are counted) and each frame costs less to draw.
    page = await openKiosk(browser, bridge.url, { width: 640, height: 360 });
  });

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
  });

  it('keeps running on the keyboard, reconnects, and never reloads', async () => {
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 42));
    const frames = async () => page.evaluate(() => window.crossroads!.stats().frames);
    expect(await bridge!.stop()).toBe(0);
    bridge = null;

    // Bridge gone: the map still animates and the keyboard still works.
    const before = await frames();
    await page.keyboard.press('3');
    await page.waitForFunction(() => window.crossroads!.mode === 'scenario');
    const third = await page.evaluate(() => window.crossroads!.scenario);
    await page.waitForFunction((n) => window.crossroads!.stats().frames > n + 5, before);

    // Back on the same port: a panel press reaches the page again.
    bridge = await startBridge(['--serial', 'simulated', '--port', String(port)]);
    await bridge.waitForOutput(/virtual board on|simulating the panel in-process/);
    await expect
      .poll(
        async () => {
          bridge!.command('tap 0');
          return page.evaluate(() => window.crossroads!.scenario);
        },
        { timeout: 30_000, interval: 1000 },
      )
      .not.toBe(third);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    const text = await pageText(page);
    expect(text.length).toBeGreaterThan(50);
    expect(text).not.toMatch(/error|disconnected|WebSocket/i);
  });
});
