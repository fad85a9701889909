// Ten thousand random events on the panel's real firmware image (the .hex avr-gcc built,
// on the emulated ATmega328P behind a pty), with contact bounce and knobs turned at
// random speeds, through the compiled bridge into the page's own WebSocket in Chromium:
// every button press and release arrives once and in order, and the knobs' totals match.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PanelInput } from '../../firmware-bridge/api/messages.js';
import { describeAvr } from '../firmware-bridge/firmware/helpers/avr-gate.js';
import { avrRandomSession } from '../firmware-bridge/firmware/helpers/avr-random-session.js';
import { avrImage, EmulatedBoardProcess } from '../firmware-bridge/firmware/helpers/emulated-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium } from './helpers/browser.js';

const EVENTS = 10_000;

describeAvr('the AVR image through the bridge to the page', () => {
  let board: EmulatedBoardProcess;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await avrImage();
    board = await EmulatedBoardProcess.start({ seed: 11 });
    bridge = await startBridge(['--serial', board.pty]);
    browser = await launchChromium();
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
      if (Date.now() > deadline) throw new Error(`the bridge never connected to the emulated board:\n${bridge.output()}\n${board.lines.slice(-20).join('\n')}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    await board?.close();
  });

  it(`carries ${EVENTS} random events from the image to the page, exactly`, async () => {
    const seed = Number(process.env['CROSSROADS_SEED'] ?? Date.now() % 1_000_000);
    const context = `seed ${seed} (replay with CROSSROADS_SEED=${seed})`;
    const { commands, expectedButtons, knobTotals, events } = avrRandomSession(seed, EVENTS);
    expect(events).toBe(EVENTS);
    await board.sendMany(commands, 60_000);
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
    expect(list.filter((i) => i.kind === 'button'), context).toEqual(expectedButtons);
    expect(totals(list), context).toEqual(knobTotals);
    const health = (await (await fetch(new URL('/health', bridge.url))).json()) as { controller: { framesDropped: Record<string, number> } };
    expect(Object.values(health.controller.framesDropped).reduce((a, b) => a + b, 0), context).toBe(0);
    // Every frame the image sent had the next seq: nothing lost inside the board either.
    const seqs = board.sent().map((l) => /^(?:BTN|KNOB|STATE) (\d+) /.exec(l.text)?.[1]).filter((s): s is string => s !== undefined).map(Number);
    const jumps = seqs.filter((s, i) => i > 0 && s !== (seqs[i - 1]! + 1) % 256 && s !== 0);
    expect(jumps, context).toEqual([]);
    const stats = await board.stats();
    process.stdout.write(`emulated ${(stats['cycles']! / 16e6).toFixed(1)} s at ${stats['fastSpeed']}x real time; longest loop pass ${(stats['longestPassCycles']! / 16).toFixed(0)} µs\n`);
  }, 150_000);
});
