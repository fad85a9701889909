// Ten thousand random events on the panel's real firmware image (the .hex avr-gcc built,
// on the emulated ATmega328P behind a pty), with contact bounce and knobs turned at
// random speeds, through the compiled bridge into the page's own WebSocket in Chromium:
// every button press and release arrives once and in order, and the knobs' totals match.
// The board runs at the pace of a real one (about 80 s of visitors' presses and turns):
// a real board never sends faster than the line does in real time, and run ahead (it
// can, several times over) it buried the bridge and the page of a loaded machine in a
// backlog that no exhibit ever sees.

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeAvr } from '../firmware-bridge/firmware/helpers/avr-gate.js';
import { avrRandomSession } from '../firmware-bridge/firmware/helpers/avr-random-session.js';
import { avrImage, EmulatedBoardProcess } from '../firmware-bridge/firmware/helpers/emulated-board-process.js';
import { startBridge, type BridgeProcess } from './helpers/bridge-process.js';
import { launchChromium } from './helpers/browser.js';
import { expectInputsOnPage, openWatchedPage } from './helpers/panel-input-watch.js';

const EVENTS = 10_000;

describeAvr('the AVR image through the bridge to the page', () => {
  let board: EmulatedBoardProcess;
  let bridge: BridgeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    await avrImage();
    board = await EmulatedBoardProcess.start({ seed: 11, pace: 'real' });
    bridge = await startBridge(['--serial', board.pty]);
    browser = await launchChromium();
    page = await openWatchedPage(browser, bridge.url, () => `${bridge.output()}\n${board.lines.slice(-20).join('\n')}`);
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
  }, 150_000);
});
