// `npm run bench`: measures the exhibit on this machine (input to screen, link
// round trip, frame time, start-up, memory, size), prints the figures and
// writes them with the machine's description to bench/results.json, after
// showing how they moved since the last run. `--quick` takes fewer samples
// (to try the bench; its figures are marked quick); `--only=size,link` runs
// some phases (size, link, bridge, fleet, author, firmware, page, input, memory, media, frame, kiosk, layers, attract). Nothing is asserted:
// a benchmark reports, it does not pass or fail on a time.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONTROLS } from '../../firmware-bridge/input/control-map.js';
import { BenchRig, launchBrowser, openProbedPage, sleep, SMALL_VIEWPORT, UNLIMITED_FRAME_RATE } from './bench-rig.js';
import { formatTable, valueRow, type BenchRow } from './bench-table.js';
import { compareRows, formatChanges } from './compare-runs.js';
import { benchAttract } from './attract-bench.js';
import { benchAuthor } from './author-bench.js';
import { benchFirmware } from './firmware-bench.js';
import { benchFleet } from './fleet-bench.js';
import { FloorServer } from './floor-server.js';
import { benchFrames, formatScenarioTable, framesDrawn, measureFloor, withFloor, type ScenarioFrames } from './frame-bench.js';
import { benchLayers, formatLayerExtras, type LayerResult } from './layer-bench.js';
import { deltas, summarize } from './bench-stats.js';
import { readProbe, recordFrames } from './page-probe.js';
import { benchLatency, type LatencyResult } from './latency-bench.js';
import { benchLink } from './link-bench.js';
import { describeMachine, formatMachine } from './machine-info.js';
import { benchMedia } from './media-bench.js';
import { benchMemory, type MemoryResult } from './memory-bench.js';
import { rssBytes } from './proc-stat.js';
import { benchSize } from './size-bench.js';
import { benchBridgeStartup, benchPageStartup } from './startup-bench.js';

/** No phase may take longer than this (the frame phases, which load many pages at 1080p: FRAME_PHASE_DEADLINE_MS). */
const PHASE_DEADLINE_MS = 150_000;
const FRAME_PHASE_DEADLINE_MS = 300_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results.json');
const PACK_DIR = join(ROOT, 'content', 'packs', 'caspian-2025');
const quick = process.argv.includes('--quick');
// `--only latency,frame`: just those phases (names as printed, first word), to look into one figure.
const onlyArg = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const only = onlyArg ? new Set(onlyArg.split(',')) : null;
const MIB = 1024 * 1024;

const scale = (full: number, short: number): number => (quick ? short : full);

function buttonFor(intent: string, scenario?: number): number {
  const binding = DEFAULT_CONTROLS.map.bindings.find((b) => b.control === 'button' && b.intent === intent && (scenario === undefined || b.scenario === scenario));
  if (!binding) throw new Error(`the default panel has no ${intent} button${scenario === undefined ? '' : ` for scenario ${scenario}`}`);
  return binding.index;
}

interface Failure {
  phase: string;
  error: string;
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const rows: BenchRow[] = [];
  const failures: Failure[] = [];
  let latency: LatencyResult | null = null;
  let memory: MemoryResult | null = null;
  let frames: ScenarioFrames[] = [];
  const extra: string[] = [];

  const phase: Phase = async (name, run, deadlineMs = PHASE_DEADLINE_MS) => {
    if (only && !only.has(name.split(' ')[0]!)) return;
    process.stderr.write(`bench: ${name}...\n`);
    const t0 = Date.now();
    // A phase that stops answering (a starved software renderer) must not stall the whole run.
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`gave up after ${deadlineMs / 1000} s`)), deadlineMs);
    });
    try {
      await Promise.race([run(), deadline]);
    } catch (error) {
      failures.push({ phase: name, error: (error as Error).stack ?? String(error) });
      process.stderr.write(`bench: ${name} failed: ${(error as Error).message}\n`);
    }
    clearTimeout(timer);
    process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  };

  const scenarioCount = (JSON.parse(readFileSync(join(PACK_DIR, 'pack.json'), 'utf8')) as { scenarios: unknown[] }).scenarios.length;
  const nextButton = buttonFor('next');

  await phase('size', async () => void rows.push(...(await benchSize(join(ROOT, 'dist', 'kiosk'), PACK_DIR))));
  await phase('link round trip', async () => void rows.push(...(await benchLink({ pings: scale(1000, 200), warmup: 50 }))));
  await phase('bridge start-up', async () => void rows.push(...(await benchBridgeStartup({ runs: scale(8, 2), warmup: 1, budgetMs: 15_000 }))));
  await phase('fleet over MQTT', async () => void rows.push(...(await benchFleet({ commands: scale(200, 30), rollouts: scale(5, 2), kiosks: 20, warmup: 3, restS: scale(60, 15) }))));
  await phase('author studio', async () => void rows.push(...(await benchAuthor({ saves: scale(60, 15), warmup: 3 }))));
  await phase('firmware on the emulated ATmega328P', async () => void rows.push(...(await benchFirmware({ presses: scale(200, 50), events: scale(10_000, 2000) }))));

  let chromium = 'unknown';
  if (!only || ['page', 'input', 'memory', 'media', 'frame', 'kiosk', 'layers', 'attract'].some((p) => only.has(p))) {
    const rig = await BenchRig.start();
    const floor = await FloorServer.start();
    try {
      chromium = await rigPhases(rig, floor.url, phase, rows, extra, (r) => (latency = r), (r) => (memory = r), (f) => (frames = f), { scenarioCount, nextButton });
    } finally {
      await floor.stop();
      await rig.stop();
    }
  }
  if (chromium === 'unknown') chromium = await chromiumVersion();

  const machine = describeMachine(chromium);
  const durationS = (Date.now() - startedAt) / 1000;
  const report = formatReport(rows, frames, latency, machine, durationS) + (extra.length > 0 ? '\n\n' + extra.join('\n\n') : '');
  process.stdout.write(report + '\n');

  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { date?: string; rows?: BenchRow[] }) : null;
  if (previous?.rows) process.stdout.write('\n' + formatChanges(compareRows(previous.rows, rows), previous.date ?? 'undated') + '\n');

  const failed = failures.length > 0 ? `\n${failures.length} phase(s) failed:\n${failures.map((f) => `  ${f.phase}: ${f.error}`).join('\n')}` : '';
  if (quick || only) {
    // A trial run: the last full run stays the one to compare with.
    process.stdout.write(`\nNot written to ${RESULTS}: --quick and --only runs are trials.${failed}\n`);
  } else {
    mkdirSync(dirname(RESULTS), { recursive: true });
    const results = { date: new Date(startedAt).toISOString(), command: 'npm run bench', durationS, machine, rows, frames, latency: latency && summariseLatency(latency), memory, failures };
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    process.stdout.write(`\nWrote ${RESULTS}.${failed}\n`);
  }
  return failures.length > 0 ? 1 : 0;
}

type Phase = (name: string, run: () => Promise<void>, deadlineMs?: number) => Promise<void>;

/** The phases that need the exhibit running; returns Chromium's version. */
async function rigPhases(
  rig: BenchRig,
  floorUrl: string,
  phase: Phase,
  rows: BenchRow[],
  extra: string[],
  gotLatency: (r: LatencyResult) => void,
  gotMemory: (r: MemoryResult) => void,
  gotFrames: (f: ScenarioFrames[]) => void,
  pack: { scenarioCount: number; nextButton: number },
): Promise<string> {
  const { scenarioCount, nextButton } = pack;
  if (!only || only.has('memory')) rows.push(valueRow('memory', 'bridge RSS after start (board connected, no page)', 'MiB', rssBytes(rig.bridgePid) / MIB));
  const browser = await rig.launchBrowser();
  const version = browser.version();
  await phase('page start-up', async () => void rows.push(...(await benchPageStartup(browser, rig.url, { runs: scale(8, 2), warmup: 1, budgetMs: 30_000 }))));
  await phase('input to screen', async () => {
    const probed = await openProbedPage(browser, rig.url, SMALL_VIEWPORT);
    try {
      const buttons: [number, number] = [buttonFor('scenario', 0), buttonFor('scenario', 1)];
      const latency = await benchLatency(rig, probed, { presses: scale(320, 40), warmup: 10, spacingMs: 150, buttons, budgetMs: scale(75_000, 15_000) });
      gotLatency(latency);
      rows.push(...latency.rows);
    } finally {
      await probed.page.close();
    }
    // The floor page's frame interval at the same size, in the same browser: the yardstick of the page's share.
    const floorPage = await openProbedPage(browser, floorUrl, SMALL_VIEWPORT);
    try {
      await framesDrawn(floorPage.page, 5);
      await recordFrames(floorPage.page, true);
      await sleep(scale(3000, 1000));
      const interval = summarize(deltas((await readProbe(floorPage.page)).frames));
      rows.push(valueRow('input to screen', 'floor page frame interval at 640x360 (median)', 'ms', interval.median, `target for page -> frame p95: ${(interval.median + 5).toFixed(1)} ms`));
    } finally {
      await floorPage.page.close();
    }
  });
  await phase('memory', async () => {
    const probed = await openProbedPage(browser, rig.url, SMALL_VIEWPORT);
    try {
      const floodButtons = [0, 1, 2, 3, 4].map((i) => buttonFor('scenario', i));
      const memory = await benchMemory(rig, probed, scenarioCount, { nextButton, floodButtons, switches: scale(1000, 100), inputs: scale(10_000, 1000), edgeGapMs: 11 });
      gotMemory(memory);
      rows.push(...memory.rows);
    } finally {
      await probed.page.close();
    }
  });
  await phase('media (pictures)', async () => {
    const probed = await openProbedPage(browser, rig.url);
    try {
      rows.push(...(await benchMedia(probed, { scenarioCount, cycles: scale(50, 5) })).rows);
    } finally {
      await probed.page.close();
    }
  }, FRAME_PHASE_DEADLINE_MS);
  // The frame-time browsers draw as fast as they can: nothing else may draw beside them.
  await rig.closeBrowser(browser);
  const windows = { windowMs: scale(3000, 1000), minFrames: scale(30, 10), maxWindowMs: scale(4500, 2000), warmupFrames: 5 };
  /** Floor, every scenario, floor again; each figure as a ratio to the floor's mean. */
  const scenarioFrames = async (args: string[], group: string): Promise<ScenarioFrames[]> => {
    const drawing = await rig.launchBrowser(args);
    try {
      const floorBefore = await measureFloor(drawing, floorUrl, { width: 1920, height: 1080 }, { settleMs: 1500, ...windows });
      const probed = await openProbedPage(drawing, rig.url);
      const result = await benchFrames(rig, probed, { nextButton, settleMs: 1500, ...windows, maxScenarios: scenarioCount, budgetMs: scale(75_000, 30_000) });
      await probed.page.close();
      const floorAfter = await measureFloor(drawing, floorUrl, { width: 1920, height: 1080 }, { settleMs: 1500, ...windows });
      const floorMs = (floorBefore.cpuMsPerFrame + floorAfter.cpuMsPerFrame) / 2;
      const scenarios = withFloor(result.scenarios, floorMs);
      const worst = Math.max(...scenarios.map((x) => x.cpuMsPerFrame));
      rows.push(...result.rows.map((r) => ({ ...r, group })));
      rows.push(valueRow(group, 'floor page: browser CPU per frame (before / after the map)', 'ms', floorMs, `${floorBefore.cpuMsPerFrame.toFixed(1)} / ${floorAfter.cpuMsPerFrame.toFixed(1)}`));
      rows.push(valueRow(group, 'slowest scenario: CPU per frame over the floor', 'x', worst / floorMs, 'target: at most 2'));
      const strip = ({ frameTimes: _, ...x }: ScenarioFrames & { frameTimes: number[] }): ScenarioFrames => x;
      return withFloor([strip(floorBefore), ...scenarios, strip(floorAfter)], floorMs);
    } finally {
      await rig.closeBrowser(drawing);
    }
  };
  await phase('frame time', async () => gotFrames(await scenarioFrames(UNLIMITED_FRAME_RATE, 'frame')), FRAME_PHASE_DEADLINE_MS);
  await phase('kiosk compositing frame time', async () => {
    const table = await scenarioFrames([], 'frame, kiosk compositing');
    extra.push(`Frame time per scenario, 1920x1080, Chromium's default compositing (as a kiosk runs), frame-rate limit on:\n${formatScenarioTable(table)}`);
  }, FRAME_PHASE_DEADLINE_MS);
  await phase('layers breakdown', async () => {
    const drawing = await rig.launchBrowser();
    try {
      const floor = await measureFloor(drawing, floorUrl, { width: 1920, height: 1080 }, { settleMs: 1500, ...windows });
      const result: LayerResult = await benchLayers(rig, drawing, {
        ...windows,
        windowMs: scale(2500, 1000),
        minFrames: scale(12, 6),
        maxWindowMs: scale(4000, 2000),
        scenarioButton: buttonFor('scenario', 0),
        nextButton,
        switches: scale(6, 3),
      });
      const { frameTimes: _, ...floorRow } = floor;
      extra.push(
        `Where a frame goes, 1920x1080, default compositing (first scenario; a layer alone is drawn in full each frame):\n${formatScenarioTable(withFloor([floorRow, ...result.rows], floor.cpuMsPerFrame))}\n${formatLayerExtras(result)}`,
      );
    } finally {
      await rig.closeBrowser(drawing);
    }
  }, FRAME_PHASE_DEADLINE_MS);
  await phase('attract overlay', async () => {
    const drawing = await rig.launchBrowser();
    try {
      rows.push(...(await benchAttract(drawing, rig.url, { windowMs: scale(3000, 2000), tries: 3 })));
    } finally {
      await rig.closeBrowser(drawing);
    }
  });
  return version;
}

async function chromiumVersion(): Promise<string> {
  const browser = await launchBrowser();
  try {
    return browser.version();
  } finally {
    await browser.close();
  }
}

/** The latency's clock checks and counts, without every trace (those would swamp the file). */
function summariseLatency(latency: LatencyResult): Omit<LatencyResult, 'traces' | 'rows'> & { presses: number } {
  return { presses: latency.traces.length, missed: latency.missed, clocks: latency.clocks };
}

function formatReport(rows: BenchRow[], frames: ScenarioFrames[], latency: LatencyResult | null, machine: ReturnType<typeof describeMachine>, durationS: number): string {
  const parts = [`Caspian Crossroads benchmark${quick ? ' (quick: fewer samples)' : ''}`, formatMachine(machine), '', formatTable(rows)];
  if (frames.length > 0) parts.push('', 'Frame time per scenario, 1920x1080, WebGL on SwiftShader, frame-rate limit off, browser compositor in software:', formatScenarioTable(frames));
  if (latency) {
    const { bridge, page, pageVsHere, nodeVsHere, pageBeforeBridge, frameBeforeArrival } = latency.clocks;
    const ms = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
    parts.push(
      '',
      `Clocks (performance.timeOrigin + now(), epoch ms): the bridge's is ${ms(bridge.low)}..${ms(bridge.high)} ms from this process's over ${bridge.n} presses${bridge.consistent ? '' : ' (INCONSISTENT)'};`,
      `the page's is ${ms(page.low)}..${ms(page.high)} ms from it over ${page.n} reads${page.consistent ? '' : ' (INCONSISTENT)'}. Page arrivals before the bridge's stamp: ${pageBeforeBridge}; frames stamped before the arrival: ${frameBeforeArrival}.`,
      `Against the wall clock, the page's epoch-ms clock differs from this process's by ${ms(pageVsHere)} ms and a fresh Node process's by ${ms(nodeVsHere)} ms.`,
      `Presses that never showed: ${latency.missed} of ${latency.traces.length} (warm-up included).`,
    );
  }
  parts.push('', `Ran in ${durationS.toFixed(0)} s.`);
  return parts.join('\n');
}

process.exitCode = await main();
