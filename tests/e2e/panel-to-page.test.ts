// Ten thousand random inputs on the real firmware (virtual board on a pty),
// through the compiled bridge, into the page's own WebSocket in Chromium:
// every button press and release arrives once and in order, and the knobs'
// totals match.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomSession } from '../firmware-bridge/helpers/random-inputs.js';
import { VirtualBoardProcess } from '../firmware-bridge/helpers/virtual-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium } from './helpers/browser.js';
import { expectInputsOnPage, openWatchedPage } from './helpers/panel-input-watch.js';

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
  page = await openWatchedPage(browser, bridge.url, () => bridge.output());
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
  await expectInputsOnPage(page, bridge.url, expectedButtons, knobTotals, context);
}, 120_000);
