// The page's own WebSocket, watched from inside the page: every `input` the
// bridge sends it. Shared by the end-to-end tests that carry thousands of
// random panel events (from the virtual board or the AVR image) to the page
// and check that each arrives exactly once.

import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import type { PanelInput } from '../../../firmware-bridge/api/messages.js';

const STALL_MS = 30_000;

/**
 * Opens the kiosk small (this is about the input path, not the rasteriser), with
 * `query` (say `?motion=reduced`) on its address, and waits until the bridge has the board.
 */
export async function openWatchedPage(browser: Browser, url: string, describeBoard: () => string, query = ''): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 480, height: 270 } });
  await page.addInitScript(() => {
    const got: unknown[] = [];
    (window as unknown as { panelInputs: unknown[] }).panelInputs = got;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(address: string | URL, protocols?: string | string[]) {
        super(address, protocols);
        this.addEventListener('message', (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; input?: unknown };
          if (message.type === 'input') got.push(message.input);
        });
      }
    } as typeof WebSocket;
  });
  await page.goto(new URL(query, url).href);
  await page.waitForFunction(() => window.crossroads !== undefined);
  const deadline = Date.now() + 15_000;
  while (!((await (await fetch(new URL('/health', url))).json()) as { controller: { connected: boolean } }).controller.connected) {
    if (Date.now() > deadline) throw new Error(`the bridge never connected to the board:\n${describeBoard()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return page;
}

/**
 * Waits for the page to have every expected button event and the knobs'
 * totals, then checks them exactly (in order, once each) and that the bridge
 * dropped no frame.
 */
export async function expectInputsOnPage(page: Page, url: string, expectedButtons: PanelInput[], knobTotals: number[], describe: string | (() => string)): Promise<void> {
  const received = async (): Promise<PanelInput[]> => page.evaluate(() => (window as unknown as { panelInputs: PanelInput[] }).panelInputs);
  const totals = (list: PanelInput[]) => knobTotals.map((_, k) => list.reduce((sum, i) => sum + (i.kind === 'knob' && i.index === k ? i.delta : 0), 0));
  const complete = (list: PanelInput[]): boolean => list.filter((i) => i.kind === 'button').length >= expectedButtons.length && totals(list).join() === knobTotals.join();
  // Waits while the page keeps taking inputs: on a loaded machine it may need minutes
  // for ten thousand; a page that has stopped (a lost input never comes) is given up
  // after STALL_MS without a new one.
  let seen = -1;
  for (;;) {
    const before = seen;
    let done = false;
    await expect
      .poll(async () => {
        const list = await received();
        seen = list.length;
        done = complete(list);
        return done || seen > before;
      }, { timeout: STALL_MS, interval: 500 })
      .toBe(true)
      .catch(() => undefined);
    if (done || seen === before) break;
  }
  const list = await received();
  const got = list.filter((i) => i.kind === 'button');
  // Where the two first part, so a failure shows what happened there.
  let k = 0;
  while (k < got.length && JSON.stringify(got[k]) === JSON.stringify(expectedButtons[k])) k++;
  const near = (l: PanelInput[]) => JSON.stringify(l.slice(Math.max(0, k - 2), k + 6));
  const context = `${typeof describe === 'string' ? describe : describe()}; ${got.length} of ${expectedButtons.length} button events, first difference at ${k}: got ${near(got)}, expected ${near(expectedButtons)}`;
  expect(got, context).toEqual(expectedButtons);
  expect(totals(list), context).toEqual(knobTotals);
  const health = (await (await fetch(new URL('/health', url))).json()) as { controller: { framesDropped: Record<string, number> } };
  expect(Object.values(health.controller.framesDropped).reduce((a, b) => a + b, 0), context).toBe(0);
}
