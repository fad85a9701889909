// Where a frame's cost goes, at 1920x1080 with Chromium's default compositing
// (as a kiosk runs): the browser's CPU per frame with each map layer alone
// (`?layers=NAME&draw=every-frame`: drawn in full every frame, as while the
// camera moves), with nothing, with the overlays only, and the page as a kiosk
// shows it; the fragments each layer shades per screen pixel
// (window.crossroads.overdraw()); and the scene's JavaScript work on a
// scenario switch (window.crossroads.workTimes(), before and after).

import type { Browser, Page } from 'playwright-core';
import { openProbedPage, waitFor, type BenchRig } from './bench-rig.js';
import { deltas, summarize } from './bench-stats.js';
import { framesDrawn, measure, settleMap, type ScenarioFrames, type WindowOptions } from './frame-bench.js';
import { clearProbe, drawEveryTick, readProbe, recordFrames } from './page-probe.js';
import { clockTicksPerSecond } from './proc-stat.js';

export const LAYER_NAMES = ['sea', 'countries', 'borders', 'corridors', 'relations', 'markers', 'labels'] as const;

export interface LayerOptions extends WindowOptions {
  /** The panel buttons bound to the first scenario and to `next`. */
  scenarioButton: number;
  nextButton: number;
  switches: number;
}

type WorkTimes = Record<string, { count: number; totalMs: number; maxMs: number }>;

export interface LayerResult {
  rows: (ScenarioFrames & { frameTimes?: number[] })[];
  overdraw: Record<string, Record<string, number>> | null;
  /** Per switch, averaged over the switches: each kind of work's count and JavaScript ms, until the map holds still again. */
  switchWork: WorkTimes;
  switches: number;
  /** Each switch's first frame over the median steady frame before it (rAF intervals, the map drawing every frame). */
  firstFrameRatios: number[];
}

const hideOverlays = (page: Page): Promise<unknown> =>
  page.evaluate(`document.querySelector('crossroads-app').shadowRoot.querySelector('.layer').style.visibility = 'hidden'`);

const workTimes = async (page: Page): Promise<WorkTimes> => (await page.evaluate('window.crossroads.workTimes()')) as WorkTimes;

export async function benchLayers(rig: BenchRig, browser: Browser, options: LayerOptions): Promise<LayerResult> {
  const ticks = clockTicksPerSecond();
  const configs: { label: string; query: string; overlays: boolean }[] = [
    { label: 'the page as a kiosk shows it', query: '', overlays: true },
    { label: 'every layer drawn in full each frame (camera moving)', query: '?draw=every-frame', overlays: true },
    { label: 'overlays only (map empty)', query: '?layers=none&draw=every-frame', overlays: true },
    { label: 'nothing (map empty, overlays hidden)', query: '?layers=none&draw=every-frame', overlays: false },
    ...LAYER_NAMES.map((name) => ({ label: `${name} alone`, query: `?layers=${name}&draw=every-frame`, overlays: false })),
  ];
  const rows: LayerResult['rows'] = [];
  let overdraw: LayerResult['overdraw'] = null;
  const switchWork: WorkTimes = {};
  const firstFrameRatios: number[] = [];
  const firstFrameRatio = async (page: Page): Promise<number> => {
    // The map draws every frame for this: a steady frame is then the copy and the flows, whatever the scenario.
    await drawEveryTick(page, true);
    await framesDrawn(page, options.warmupFrames);
    await clearProbe(page);
    await recordFrames(page, true);
    await framesDrawn(page, options.minFrames);
    const steady = summarize(deltas((await readProbe(page)).frames)).median;
    const shown = (await page.evaluate('window.crossroads.scenario')) as string | null;
    await rig.board.send(`tap ${options.nextButton}`);
    await waitFor('the next scenario', async () => (await page.evaluate('window.crossroads.scenario')) !== shown, 10_000, 50);
    await framesDrawn(page, 3);
    const probe = await readProbe(page);
    await recordFrames(page, false);
    await drawEveryTick(page, false);
    // The interval after the frame that first showed the new scenario is that frame's.
    const origin = (await page.evaluate('performance.timeOrigin')) as number;
    const change = probe.changes.find((c) => c[0] !== shown);
    const at = change ? probe.frames.findIndex((ts) => ts >= change[1] - origin - 0.5) : -1;
    if (at < 0 || at + 1 >= probe.frames.length) throw new Error(`the switch's first frame is not among the ${probe.frames.length} recorded`);
    return (probe.frames[at + 1]! - probe.frames[at]!) / steady;
  };
  for (const config of configs) {
    const { page } = await openProbedPage(browser, rig.url + config.query);
    try {
      const current = async (): Promise<string | null> => (await page.evaluate('window.crossroads.scenario')) as string | null;
      const before = await current();
      await rig.board.send(`tap ${options.scenarioButton}`);
      await waitFor('the first scenario to show', async () => (await page.evaluate('window.crossroads.mode')) === 'scenario' || (await current()) !== before, 10_000, 50);
      if (!config.overlays) await hideOverlays(page);
      // A map drawn every frame never holds still: past its warm-up it is as it stays.
      if (config.query === '') await settleMap(page);
      else await framesDrawn(page, options.warmupFrames);
      rows.push(await measure(page, config.label, options, ticks));
      process.stderr.write(`bench:   ${config.label}: ${rows.at(-1)!.cpuMsPerFrame.toFixed(0)} CPU ms/frame\n`);
      if (config.query !== '') continue;
      overdraw = (await page.evaluate('window.crossroads.overdraw()')) as LayerResult['overdraw'];
      for (let k = 0; k < options.switches; k++) {
        firstFrameRatios.push(await firstFrameRatio(page));
        const start = await workTimes(page);
        const shown = await current();
        await rig.board.send(`tap ${options.nextButton}`);
        await waitFor('the next scenario', async () => (await current()) !== shown, 10_000, 50);
        await settleMap(page);
        const end = await workTimes(page);
        for (const [kind, t] of Object.entries(end)) {
          const s = start[kind]!;
          const sum = (switchWork[kind] ??= { count: 0, totalMs: 0, maxMs: 0 });
          sum.count += (t.count - s.count) / options.switches;
          sum.totalMs += (t.totalMs - s.totalMs) / options.switches;
          sum.maxMs = Math.max(sum.maxMs, t.maxMs);
        }
      }
    } finally {
      await page.close();
    }
  }
  return { rows: rows.map(({ frameTimes: _, ...r }) => r), overdraw, switchWork, switches: options.switches, firstFrameRatios };
}

/** The overdraw report and the switch work as text lines. */
export function formatLayerExtras(result: LayerResult): string {
  const lines: string[] = [];
  if (result.overdraw) {
    for (const [pass, shares] of Object.entries(result.overdraw)) {
      lines.push(`Fragments shaded per screen pixel, ${pass === 'ground' ? 'drawing the ground (camera or highlights moved)' : 'drawing a frame over the ground'}: ` +
        Object.entries(shares).map(([layer, v]) => `${layer} ${v.toFixed(3)}`).join(', '));
    }
  }
  const ratios = summarize(result.firstFrameRatios);
  lines.push(`First frame after a switch over a steady frame before it (rAF intervals, the map drawing every frame; ${ratios.n} switches): median ${ratios.median.toFixed(2)}, most ${ratios.max.toFixed(2)} (target: at most 1.5)`);
  lines.push(`Scene JavaScript per scenario switch (mean of ${result.switches}, until the map holds still): ` +
    Object.entries(result.switchWork).map(([kind, t]) => `${kind} ${t.count.toFixed(1)}x ${t.totalMs.toFixed(1)} ms (longest ${t.maxMs.toFixed(1)})`).join('; '));
  return lines.join('\n');
}
