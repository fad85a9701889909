// Ten thousand random events on the panel's real firmware image (the .hex avr-gcc built,
// on the emulated ATmega328P behind a pty), with contact bounce and knobs turned at
// random speeds, through the compiled bridge into the page's own WebSocket in Chromium:
// every button press and release arrives once and in order, and the knobs' totals match.
//
// What is checked is what reaches the page's socket, so the page is opened with an
// empty map and reduced motion, and its DOM is rastered in software: drawing would
// only spend the machine (measured with the map drawn: about 45 frames a second, 68 s
// of CPU in Chromium's GPU process, against the emulator's 29 and the bridge's 8). The map's drawing under input
// is the virtual board's run (panel-to-page.test.ts) and the scene tests' subject.
//
// The board's clock runs ahead of real time while it has events to play (pace
// `auto`): the chip still sees its bounce and quadrature in emulated cycles, and the
// bridge and page take its frames faster than a real line would bring them. On a
// quiet machine that is about 35 s for 80 s of visitors' presses and turns; on a
// loaded one the host holds the board back, toward real time. The watch waits as long
// as the page keeps taking inputs.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeAvr } from '../firmware-bridge/firmware/helpers/avr-gate.js';
import { avrRandomSession } from '../firmware-bridge/firmware/helpers/avr-random-session.js';
import { avrImage, EmulatedBoardProcess } from '../firmware-bridge/firmware/helpers/emulated-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium } from './helpers/browser.js';
import { expectInputsOnPage, openWatchedPage } from './helpers/panel-input-watch.js';

const EVENTS = 10_000;
/** The page's text and panels rastered and composited on the CPU, not through SwiftShader. */
const SOFTWARE_RASTER = ['--disable-gpu-rasterization', '--disable-gpu-compositing'];

describeAvr('the AVR image through the bridge to the page', () => {
  let board: EmulatedBoardProcess;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await avrImage();
    board = await EmulatedBoardProcess.start({ seed: 11, pace: 'auto' });
    bridge = await startBridge(['--serial', board.pty]);
    browser = await launchChromium(SOFTWARE_RASTER);
    page = await openWatchedPage(browser, bridge.url, () => `${bridge.output()}\n${board.lines.slice(-20).join('\n')}`, '?layers=none&motion=reduced');
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await bridge?.stop();
    await board?.close();
  });

  it(`carries ${EVENTS} random events from the image to the page, exactly`, async () => {
    const seed = Number(process.env['CROSSROADS_SEED'] ?? Date.now() % 1_000_000);
    const context = `seed ${seed} (replay with CROSSROADS_SEED=${seed})`;
    const { commands, expectedButtons, knobTotals, events, emulatedMs } = avrRandomSession(seed, EVENTS);
    expect(events).toBe(EVENTS);
    const started = performance.now();
    await board.sendMany(commands, 60_000);
    // What the bridge warned of (a refused command, a lost board) says where a difference began.
    const warnings = (): string => {
      const bridgeSaid = bridge.output().split('\n').filter((line) => /^(warn|error)/.test(line)).slice(-8);
      const boardSaw = board.lines.filter((line) => /^(HOST|BOOT|ERR|WARN) /.test(line)).slice(-8);
      return `bridge:\n${bridgeSaid.join('\n')}\nboard:\n${boardSaw.join('\n')}`;
    };
    await expectInputsOnPage(page, bridge.url, expectedButtons, knobTotals, () => `${context}; ${warnings()}`);
    // Every frame the image sent had the next seq: nothing lost inside the board either.
    const seqs = board.sent().map((l) => /^(?:BTN|KNOB|STATE) (\d+) /.exec(l.text)?.[1]).filter((s): s is string => s !== undefined).map(Number);
    const jumps = seqs.filter((s, i) => i > 0 && s !== (seqs[i - 1]! + 1) % 256 && s !== 0);
    expect(jumps, context).toEqual([]);
    const stats = await board.stats();
    const awake = stats['executedCycles']! / (stats['executedCycles']! + stats['sleptCycles']!);
    process.stdout.write(`session ${(emulatedMs / 1000).toFixed(1)} s emulated, on the page in ${((performance.now() - started) / 1000).toFixed(1)} s; the chip awake ${(awake * 100).toFixed(1)} % of its time, the board behind real time by ${stats['worstLagMs']} ms at worst; longest loop pass ${(stats['longestPassCycles']! / 16).toFixed(0)} µs\n`);
  }, 300_000);
});
