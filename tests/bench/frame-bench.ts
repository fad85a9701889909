// Frame time per scenario at 1920x1080 in headless Chromium (SwiftShader):
// rAF deltas (noisy in software rendering), draw calls and triangles from
// window.crossroads.stats(), and the browser's CPU time per rendered frame
// over its whole process tree from /proc (stable). Scenarios are reached with
// the panel's `next` button on the virtual board. The floor page (a three.js
// page with the kiosk's renderer settings drawing one textured plane) is
// measured in the same browser before and after, and every CPU figure is
// also given as a ratio to its mean.

import type { Browser, Page } from 'playwright-core';
import { deltas, dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, valueRow, type BenchRow } from './bench-table.js';
import { openProbedPage, sleep, waitFor, type BenchRig, type ProbedPage } from './bench-rig.js';
import { recordFrames, readProbe } from './page-probe.js';
import { clockTicksPerSecond, cpuMsBetween, cpuTicksByPid, descendants, groupByChromiumType, readAllProcs } from './proc-stat.js';

export interface FrameOptions {
  /** The panel button bound to `next`. */
  nextButton: number;
  /** Time for the camera move to finish before measuring. */
  settleMs: number;
  windowMs: number;
  /** The window grows (up to maxWindowMs) until it holds this many frames after the warm-up. */
  minFrames: number;
  maxWindowMs: number;
  /** rAF deltas dropped at the start of each window. */
  warmupFrames: number;
  maxScenarios: number;
  /** No new scenario is started after this long: a slow scene measures fewer, and says so. */
  budgetMs: number;
}

export interface ScenarioFrames {
  scenario: string;
  frames: number;
  fps: number;
  median: number;
  p95: number;
  p99: number;
  cpuMsPerFrame: number;
  /** The share of the GPU process (SwiftShader rasterises there) and of the renderers (the page's JS). */
  gpuMsPerFrame: number;
  rendererMsPerFrame: number;
  drawCalls: number;
  triangles: number;
  /** CPU per frame over the floor page's, in the same run. */
  floorRatio?: number;
}

interface Stats {
  drawCalls: number;
  triangles: number;
  frames: number;
}

/** Chromium's processes: every child of this process named like it, with all their descendants. */
export function chromiumPids(): number[] {
  const procs = readAllProcs();
  const roots = procs.filter((p) => p.ppid === process.pid && /chrom/i.test(p.comm)).map((p) => p.pid);
  return descendants(procs, roots);
}

async function stats(page: Page): Promise<Stats> {
  return (await page.evaluate('window.crossroads.stats()')) as Stats;
}

export type WindowOptions = Pick<FrameOptions, 'windowMs' | 'minFrames' | 'maxWindowMs' | 'warmupFrames'>;

/**
 * Waits until the map's camera and highlights hold still: the ground on
 * screen is drawn for the camera as it is (stats().groundExact) and was not
 * drawn again in the last 3 drawn frames (window.crossroads.workTimes()).
 * On a loaded machine an ease of 1.1 s takes many slow frames (a frame
 * advances it 0.1 s at most), so a fixed settling time would measure moving
 * frames. Gives up quietly after `timeoutMs` (a page without the hook: at once).
 */
export async function settleMap(page: Page, timeoutMs = 30_000): Promise<void> {
  type Seen = { ground: number; frames: number; exact: boolean };
  const read = async (): Promise<Seen | null> =>
    (await page.evaluate('(() => { const w = window.crossroads.workTimes && window.crossroads.workTimes(); const s = window.crossroads.stats(); return w ? { ground: w.ground.count, frames: s.frames, exact: s.groundExact !== false } : null; })()')) as Seen | null;
  const deadline = performance.now() + timeoutMs;
  let last = await read();
  if (!last) return;
  let since = last.frames;
  while (performance.now() < deadline) {
    await sleep(100);
    const now = await read();
    if (!now) return;
    if (now.ground !== last.ground || !now.exact) since = now.frames;
    else if (now.frames - since >= 3) return;
    last = now;
  }
}

/** Waits until the page has drawn `count` more frames (window.crossroads.stats().frames), for a page that draws continuously. */
export async function framesDrawn(page: Page, count: number, timeoutMs = 30_000): Promise<void> {
  const start = (await stats(page)).frames;
  let now = start;
  await waitFor(`${count} frames drawn (${now - start} so far)`, async () => (now = (await stats(page)).frames) - start >= count, timeoutMs, 50);
}

export async function measure(page: Page, scenario: string, options: WindowOptions, ticks: number): Promise<ScenarioFrames & { frameTimes: number[] }> {
  const pids = chromiumPids();
  await recordFrames(page, true);
  const cpuStart = cpuTicksByPid(pids);
  const before = await stats(page);
  const startedAt = performance.now();
  await sleep(options.windowMs);
  // A loaded machine draws few frames: wait for enough of them, within reason.
  while ((await stats(page)).frames - before.frames < options.warmupFrames + options.minFrames + 1 && performance.now() - startedAt < options.maxWindowMs) {
    await sleep(250);
  }
  const after = await stats(page);
  const rendered = after.frames - before.frames;
  const endPids = chromiumPids();
  const cpuEnd = cpuTicksByPid(endPids);
  const types = groupByChromiumType(endPids);
  const share = (type: string): number => {
    const only = new Set(types.get(type) ?? []);
    const pick = (m: Map<number, number>): Map<number, number> => new Map([...m].filter(([pid]) => only.has(pid)));
    return cpuMsBetween(pick(cpuStart), pick(cpuEnd), ticks) / rendered;
  };
  const windowMs = performance.now() - startedAt;
  await recordFrames(page, false);
  if (rendered <= 0) throw new Error(`the scene drew no frame in ${windowMs.toFixed(0)} ms of ${scenario}`);
  const recorded = deltas((await readProbe(page)).frames);
  // Fewer frames than the warm-up asks for: keep half rather than nothing.
  const frameTimes = dropWarmup(recorded, Math.min(options.warmupFrames, Math.floor(recorded.length / 2)));
  const summary = summarize(frameTimes);
  return {
    scenario,
    frames: summary.n,
    fps: (rendered * 1000) / windowMs,
    median: summary.median,
    p95: summary.p95,
    p99: summary.p99,
    cpuMsPerFrame: cpuMsBetween(cpuStart, cpuEnd, ticks) / rendered,
    gpuMsPerFrame: share('gpu-process'),
    rendererMsPerFrame: share('renderer'),
    drawCalls: after.drawCalls,
    triangles: after.triangles,
    frameTimes,
  };
}

/** The floor page in a fresh tab of `browser` (the only one drawing meanwhile). */
export async function measureFloor(browser: Browser, url: string, viewport: { width: number; height: number }, options: WindowOptions & { settleMs: number }): Promise<ScenarioFrames & { frameTimes: number[] }> {
  const probed = await openProbedPage(browser, url, viewport);
  try {
    await sleep(options.settleMs);
    return await measure(probed.page, 'floor: clear + one textured plane', options, clockTicksPerSecond());
  } finally {
    await probed.page.close();
  }
}

/** Gives each figure its ratio to the floor's CPU per frame. */
export function withFloor<T extends ScenarioFrames>(rows: T[], floorMs: number): T[] {
  return rows.map((r) => ({ ...r, floorRatio: r.cpuMsPerFrame / floorMs }));
}

export async function benchFrames(rig: BenchRig, { page }: ProbedPage, options: FrameOptions): Promise<{ rows: BenchRow[]; scenarios: ScenarioFrames[] }> {
  const ticks = clockTicksPerSecond();
  const scenarios: (ScenarioFrames & { frameTimes: number[] })[] = [];
  const current = async (): Promise<string | null> => (await page.evaluate('window.crossroads.scenario')) as string | null;
  let shown = await current();
  await sleep(options.settleMs);
  await settleMap(page);
  scenarios.push(await measure(page, `attract (${shown ?? 'none'})`, options, ticks));
  process.stderr.write(`bench:   attract: ${scenarios[0]!.fps.toFixed(0)} fps\n`);
  const visited = new Set<string>();
  const startedAt = performance.now();
  while (scenarios.length <= options.maxScenarios) {
    if (performance.now() - startedAt > options.budgetMs) {
      process.stderr.write(`bench:   frame-time budget of ${options.budgetMs / 1000} s spent; ${scenarios.length - 1} of ${options.maxScenarios} scenarios measured\n`);
      break;
    }
    const previous = shown;
    await rig.board.send(`tap ${options.nextButton}`);
    await waitFor('the next scenario to show', async () => (shown = await current()) !== previous && shown !== null, 10_000, 50);
    if (visited.has(shown!)) break;
    visited.add(shown!);
    await sleep(options.settleMs);
    await settleMap(page);
    scenarios.push(await measure(page, shown!, options, ticks));
    process.stderr.write(`bench:   ${shown}: ${scenarios.at(-1)!.fps.toFixed(0)} fps\n`);
  }
  const all = scenarios.flatMap((s) => s.frameTimes);
  const cpu = summarize(scenarios.map((s) => s.cpuMsPerFrame));
  const rows: BenchRow[] = [
    summaryRow('frame', 'rAF frame time, every scenario pooled', 'ms', summarize(all), 'limit off; see per-scenario table'),
    valueRow('frame', 'browser CPU per frame, median of scenarios', 'ms', cpu.median, `${cpu.min.toFixed(1)}-${cpu.max.toFixed(1)} across ${cpu.n}`),
    valueRow('frame', 'draw calls, most in a scenario', 'calls', Math.max(...scenarios.map((s) => s.drawCalls))),
    valueRow('frame', 'triangles, most in a scenario', 'tris', Math.max(...scenarios.map((s) => s.triangles))),
  ];
  return { rows, scenarios: scenarios.map(({ frameTimes: _, ...s }) => s) };
}

/** One line per scenario: what the README's frame table shows. */
export function formatScenarioTable(scenarios: readonly ScenarioFrames[]): string {
  const head = ['scenario', 'frames', 'fps', 'median ms', 'p95 ms', 'CPU ms/frame', 'x floor', 'GPU proc', 'renderer', 'draw calls', 'triangles'];
  const body = scenarios.map((s) => [
    s.scenario,
    String(s.frames),
    s.fps.toFixed(0),
    s.median.toFixed(2),
    s.p95.toFixed(2),
    s.cpuMsPerFrame.toFixed(2),
    s.floorRatio === undefined ? '' : s.floorRatio.toFixed(2),
    s.gpuMsPerFrame.toFixed(2),
    s.rendererMsPerFrame.toFixed(2),
    String(s.drawCalls),
    s.triangles.toLocaleString('en-US'),
  ]);
  const widths = head.map((_, c) => Math.max(...[head, ...body].map((r) => r[c]!.length)));
  const line = (r: string[]): string => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}
