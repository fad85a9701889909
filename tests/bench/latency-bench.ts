// Input to screen: a scenario button pressed on the virtual board until the
// first animation frame in Chromium that shows the new scenario, split at the
// two stamps the path offers: the bridge's `at` (when it had the input) and
// the page's arrival time (stamped by the probe's own WebSocket listener).
//
// The start is stamped in this process right before the `press` command is
// written to the board's stdin; the board writes the BTN frame before it
// prints `OK press i` (the debouncer passes a first edge at once), so the
// command-to-OK time bounds the board's own share from above. All clocks are
// performance.timeOrigin + performance.now() (epoch ms); the rig checks how
// far apart they can be (clockBounds below) rather than assuming it.

import type { Page } from 'playwright-core';
import WebSocket from 'ws';
import { dropWarmup, intersectBounds, summarize, type Bounds } from './bench-stats.js';
import { summaryRow, type BenchRow } from './bench-table.js';
import { clock, sleep, type BenchRig, type ProbedPage } from './bench-rig.js';
import { clearProbe, readProbe, type ProbeLog } from './page-probe.js';
import { wallOffsetHere, wallOffsetInNode, wallOffsetInPage } from './clock-check.js';

export interface LatencyOptions {
  presses: number;
  warmup: number;
  /** From one press to the next; the button is released halfway. */
  spacingMs: number;
  /** Two buttons of different scenarios, pressed in turn so each press changes the scenario. */
  buttons: [number, number];
  /** Stop pressing after this long (a loaded machine draws slowly), keeping what was measured. */
  budgetMs: number;
}

interface Press {
  button: number;
  sentAt: number;
  okAt: number;
}

/** One press followed through every stamp; null fields were never seen. */
export interface PressTrace {
  button: number;
  sentAt: number;
  okAt: number;
  bridgeAt: number | null;
  benchArrivedAt: number | null;
  pageArrivedAt: number | null;
  intentAt: number | null;
  /** When the page had handled the intent (its listener and Lit updates done). */
  handledAt: number | null;
  frameAt: number | null;
  callbackAt: number | null;
  scenario: string | null;
}

/** Offset of another process's clock from this one's, in ms: inside [low, high]. */
export interface ClockCheck extends Bounds {
  consistent: boolean;
  n: number;
}

export interface LatencyResult {
  rows: BenchRow[];
  traces: PressTrace[];
  missed: number;
  clocks: {
    bridge: ClockCheck;
    page: ClockCheck;
    /** Epoch-ms clock minus this process's, each measured against the wall clock (ms). */
    pageVsHere: number;
    nodeVsHere: number;
    pageBeforeBridge: number;
    frameBeforeArrival: number;
  };
}

/** Listens to the bridge like a page would, to stamp arrivals on this process's clock. */
async function listen(url: string): Promise<{ arrivals: Map<number, number>; close(): Promise<void> }> {
  const origin = new URL(url).origin;
  const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { origin });
  const arrivals = new Map<number, number>();
  socket.on('message', (data) => {
    const arrivedAt = clock();
    const text = data.toString();
    if (!text.startsWith('{"type":"input"')) return;
    const message = JSON.parse(text) as { n: number };
    arrivals.set(message.n, arrivedAt);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    arrivals,
    close: () =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** Page clock minus this clock, bounded by sandwiching page reads between two local stamps. */
export async function pageClockBounds(page: Page, samples: number): Promise<ClockCheck> {
  const bounds: Bounds[] = [];
  for (let i = 0; i < samples; i++) {
    const before = clock();
    const inPage = (await page.evaluate('performance.timeOrigin + performance.now()')) as number;
    const after = clock();
    bounds.push({ low: inPage - after, high: inPage - before });
  }
  return intersectBounds(bounds);
}

/** Follows each press through the page's records; a press whose change never showed is null there. */
export function tracePresses(presses: readonly Press[], probe: ProbeLog, benchArrivals: ReadonlyMap<number, number>): PressTrace[] {
  const pageInputs = probe.inputs.filter((input) => input[3] >= 0);
  return presses.map((press, k) => {
    const input = pageInputs[k];
    const trace: PressTrace = { ...press, bridgeAt: null, benchArrivedAt: null, pageArrivedAt: null, intentAt: null, handledAt: null, frameAt: null, callbackAt: null, scenario: null };
    if (!input || input[3] !== press.button) return trace;
    const [n, at, arrivedAt] = input;
    const nextArrival = pageInputs[k + 1]?.[2] ?? Infinity;
    trace.bridgeAt = at;
    trace.pageArrivedAt = arrivedAt;
    trace.benchArrivedAt = benchArrivals.get(n) ?? null;
    const intent = probe.intents.findIndex((t) => t >= arrivedAt && t < nextArrival);
    trace.intentAt = probe.intents[intent] ?? null;
    trace.handledAt = probe.intentsHandled?.[intent] ?? null;
    const change = probe.changes.find((c) => c[2] >= arrivedAt && c[2] < nextArrival && c[0] !== null);
    if (change) [trace.scenario, trace.frameAt, trace.callbackAt] = change;
    return trace;
  });
}

export async function benchLatency(rig: BenchRig, probed: ProbedPage, options: LatencyOptions): Promise<LatencyResult> {
  const { page, changes } = probed;
  const listener = await listen(rig.url);
  const presses: Press[] = [];
  const startedAt = clock();
  try {
    await clearProbe(page);
    for (let k = 0; k < options.warmup + options.presses; k++) {
      if (k > options.warmup + 10 && clock() - startedAt > options.budgetMs) break;
      const button = options.buttons[k % 2]!;
      const changesBefore = changes.count;
      const sentAt = clock();
      await rig.board.send(`press ${button}`);
      presses.push({ button, sentAt, okAt: clock() });
      await sleep(options.spacingMs / 2 - (clock() - sentAt));
      await rig.board.send(`release ${button}`);
      // The next press waits for this one's frame, so each press is its own change even on a slow machine.
      await changes.waitBeyond(changesBefore, 3000);
      await sleep(options.spacingMs - (clock() - sentAt));
      if ((k + 1) % 50 === 0) process.stderr.write(`bench:   ${k + 1} presses\n`);
    }
    await sleep(300);
  } finally {
    await listener.close();
  }
  const probe = await readProbe(page);
  const all = tracePresses(presses, probe, listener.arrivals);
  const traces = dropWarmup(all, options.warmup);
  const seen = traces.filter((t): t is PressTrace & { [K in 'bridgeAt' | 'pageArrivedAt' | 'frameAt' | 'callbackAt']: number } =>
    t.bridgeAt !== null && t.pageArrivedAt !== null && t.frameAt !== null && t.callbackAt !== null,
  );
  if (seen.length === 0) throw new Error('no press reached the screen: is the page connected to the bridge?');

  const bridgeBounds = all
    .filter((t) => t.bridgeAt !== null && t.benchArrivedAt !== null)
    .map((t) => ({ low: t.bridgeAt! - t.benchArrivedAt!, high: t.bridgeAt! - t.sentAt }));
  const here = wallOffsetHere().mean;
  const pageVsHere = (await wallOffsetInPage(page)).mean - here;
  const nodeVsHere = (await wallOffsetInNode()).mean - here;
  const group = 'input to screen';
  const rows = [
    summaryRow(group, 'total: press written -> first frame showing it', 'ms', summarize(seen.map((t) => t.frameAt - t.sentAt)), 'rAF timestamp, page at 640x360'),
    summaryRow(group, 'total, to the rAF callback running', 'ms', summarize(seen.map((t) => t.callbackAt - t.sentAt))),
    summaryRow(group, 'serial -> bridge (press written -> bridge `at`)', 'ms', summarize(seen.map((t) => t.bridgeAt - t.sentAt))),
    summaryRow(group, '  of which the board (press -> its OK line, upper bound)', 'ms', summarize(seen.map((t) => t.okAt - t.sentAt))),
    summaryRow(group, 'bridge -> page (`at` -> page WebSocket arrival)', 'ms', summarize(seen.map((t) => t.pageArrivedAt - t.bridgeAt))),
    summaryRow(group, 'page -> frame (arrival -> rAF timestamp)', 'ms', summarize(seen.map((t) => t.frameAt - t.pageArrivedAt))),
  ];
  // Where the page's share goes: its own handling of the intent, then the wait for the next frame.
  const handled = seen.filter((t) => t.handledAt !== null && t.intentAt !== null);
  if (handled.length > 0) {
    rows.push(summaryRow(group, '  of which handling the intent (listener, Lit updates)', 'ms', summarize(handled.map((t) => t.handledAt! - t.intentAt!))));
    rows.push(summaryRow(group, '  of which handled -> rAF timestamp', 'ms', summarize(handled.map((t) => t.frameAt - t.handledAt!))));
  }
  return {
    rows,
    traces: all,
    missed: traces.length - seen.length,
    clocks: {
      bridge: bridgeBounds.length > 0 ? intersectBounds(bridgeBounds) : { low: NaN, high: NaN, consistent: false, n: 0 },
      page: await pageClockBounds(page, 200),
      pageVsHere,
      nodeVsHere,
      pageBeforeBridge: seen.filter((t) => t.pageArrivedAt < t.bridgeAt).length,
      frameBeforeArrival: seen.filter((t) => t.frameAt < t.pageArrivedAt).length,
    },
  };
}
