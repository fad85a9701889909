// Ten thousand random inputs on the real firmware (virtual board on a pty),
// through the compiled bridge, into the page's own WebSocket in Chromium:
// every button press and release arrives once and in order, and the knobs'
// totals match.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PanelInput } from '../../firmware-bridge/api/messages.js';
import { randomSession } from '../firmware-bridge/helpers/random-inputs.js';
import { VirtualBoardProcess } from '../firmware-bridge/helpers/virtual-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium } from './helpers/browser.js';

const INPUTS = 10_000;
const BUTTONS = 32;
const KNOBS = 4;

let board: VirtualBoardProcess;
let bridge: BridgeProcess;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  board = await VirtualBoardProcess.start({ buttons: BUTTONS, knobs: KNOBS });
  bridge = await startBridge(['--serial', board.pty]);
  browser = await launchChromium();
  // Small: this is about the input path, not the software rasteriser.
  page = await browser.newPage({ viewport: { width: 480, height: 270 } });
  // The page's own socket, watched from inside the page: every `input` it receives.
  await page.addInitScript(() => {
    const got: unknown[] = [];
    (window as unknown as { panelInputs: unknown[] }).panelInputs = got;
    const Native = window.WebSocket;
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event) => {
          const message = JSON.parse(String(event.data)) as { type: string; input?: unknown };
          if (message.type === 'input') got.push(message.input);
        });
      }
    } as typeof WebSocket;
  });
  await page.goto(bridge.url);
  await page.waitForFunction(() => window.crossroads !== undefined);
  const deadline = Date.now() + 15_000;
  while (!((await (await fetch(new URL('/health', bridge.url))).json()) as { controller: { connected: boolean } }).controller.connected) {
    if (Date.now() > deadline) throw new Error(`the bridge never connected to the virtual board:\n${bridge.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await bridge?.stop();
  await board?.close();
});

it(`carries ${INPUTS} random inputs from the firmware to the page, exactly`, async () => {
  const seed = Number(process.env['CROSSROADS_SEED'] ?? Date.now() % 1_000_000);
  const context = `seed ${seed} (replay with CROSSROADS_SEED=${seed})`;
  const { commands, expectedButtons, knobTotals, inputs } = randomSession(seed, INPUTS, BUTTONS, KNOBS);
  expect(inputs).toBe(INPUTS);
  await board.sendMany(commands);
  const received = async (): Promise<PanelInput[]> => page.evaluate(() => (window as unknown as { panelInputs: PanelInput[] }).panelInputs);
  const totals = (list: PanelInput[]) => knobTotals.map((_, k) => list.reduce((sum, i) => sum + (i.kind === 'knob' && i.index === k ? i.delta : 0), 0));
  await expect
    .poll(async () => {
      const list = await received();
      return list.filter((i) => i.kind === 'button').length >= expectedButtons.length && totals(list).join() === knobTotals.join();
    }, { timeout: 30_000, interval: 500 })
    .toBe(true)
    .catch(() => undefined);
  const list = await received();
  const buttons = list.filter((i) => i.kind === 'button');
  expect(buttons, context).toEqual(expectedButtons);
  expect(totals(list), context).toEqual(knobTotals);
  const health = (await (await fetch(new URL('/health', bridge.url))).json()) as { controller: { framesDropped: Record<string, number> } };
  expect(Object.values(health.controller.framesDropped).reduce((a, b) => a + b, 0), context).toBe(0);
}, 120_000);
