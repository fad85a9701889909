// `npm run bench`: measures the exhibit on this machine (input to screen, link
// round trip, frame time, start-up, memory, size), prints the figures and
// writes them with the machine's description to bench/results.json, after
// showing how they moved since the last run. `--quick` takes fewer samples
// (to try the bench; its figures are marked quick). Nothing is asserted:
// a benchmark reports, it does not pass or fail on a time.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_CONTROLS } from '../../firmware-bridge/input/control-map.js';
import { BenchRig, launchBrowser, openProbedPage, UNLIMITED_FRAME_RATE } from './bench-rig.js';
import { formatTable, valueRow, type BenchRow } from './bench-table.js';
import { compareRows, formatChanges } from './compare-runs.js';
import { benchFrames, formatScenarioTable, type ScenarioFrames } from './frame-bench.js';
import { benchLatency, type LatencyResult } from './latency-bench.js';
import { benchLink } from './link-bench.js';
import { describeMachine, formatMachine } from './machine-info.js';
import { benchMemory, type MemoryResult } from './memory-bench.js';
import { rssBytes } from './proc-stat.js';
import { benchSize } from './size-bench.js';
import { benchBridgeStartup, benchPageStartup } from './startup-bench.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const RESULTS = join(ROOT, 'bench', 'results.json');
const PACK_DIR = join(ROOT, 'content', 'packs', 'caspian-2025');
const quick = process.argv.includes('--quick');
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

  const phase = async (name: string, run: () => Promise<void>): Promise<void> => {
    process.stderr.write(`bench: ${name}...\n`);
    const t0 = Date.now();
    try {
      await run();
    } catch (error) {
      failures.push({ phase: name, error: (error as Error).stack ?? String(error) });
      process.stderr.write(`bench: ${name} failed: ${(error as Error).message}\n`);
    }
    process.stderr.write(`bench: ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  };

  const scenarioCount = (JSON.parse(readFileSync(join(PACK_DIR, 'pack.json'), 'utf8')) as { scenarios: unknown[] }).scenarios.length;
  const nextButton = buttonFor('next');

  await phase('size', async () => void rows.push(...(await benchSize(join(ROOT, 'dist', 'kiosk'), PACK_DIR))));
  await phase('link round trip', async () => void rows.push(...(await benchLink({ pings: scale(1000, 200), warmup: 50 }))));
  await phase('bridge start-up', async () => void rows.push(...(await benchBridgeStartup({ runs: scale(8, 2), warmup: 1, budgetMs: 20_000 }))));

  let chromium = 'unknown';
  const rig = await BenchRig.start();
  try {
    rows.push(valueRow('memory', 'bridge RSS after start (board connected, no page)', 'MiB', rssBytes(rig.bridgePid) / MIB));
    const browser = await rig.launchBrowser();
    chromium = browser.version();
    await phase('page start-up', async () => void rows.push(...(await benchPageStartup(browser, rig.url, { runs: scale(8, 2), warmup: 1, budgetMs: 40_000 }))));
    await phase('input to screen', async () => {
      const probed = await openProbedPage(browser, rig.url);
      try {
        const buttons: [number, number] = [buttonFor('scenario', 0), buttonFor('scenario', 1)];
        latency = await benchLatency(rig, probed, { presses: scale(320, 40), warmup: 20, spacingMs: 150, buttons, budgetMs: scale(90_000, 15_000) });
        rows.push(...latency.rows);
      } finally {
        await probed.page.close();
      }
    });
    await phase('memory', async () => {
      const probed = await openProbedPage(browser, rig.url);
      try {
        const floodButtons = [0, 1, 2, 3, 4].map((i) => buttonFor('scenario', i));
        memory = await benchMemory(rig, probed, scenarioCount, { nextButton, floodButtons, switches: scale(1000, 100), inputs: scale(10_000, 1000), edgeGapMs: 11 });
        rows.push(...memory.rows);
      } finally {
        await probed.page.close();
      }
    });
    await rig.closeBrowser(browser);
    await phase('frame time', async () => {
      const unlimited = await rig.launchBrowser(UNLIMITED_FRAME_RATE);
      const probed = await openProbedPage(unlimited, rig.url);
      const result = await benchFrames(rig, probed, { nextButton, settleMs: 1500, windowMs: scale(3000, 1000), warmupFrames: 5, maxScenarios: scenarioCount });
      frames = result.scenarios;
      rows.push(...result.rows);
      await rig.closeBrowser(unlimited);
    });
  } finally {
    await rig.stop();
  }
  if (chromium === 'unknown') chromium = await chromiumVersion();

  const machine = describeMachine(chromium);
  const durationS = (Date.now() - startedAt) / 1000;
  const report = formatReport(rows, frames, latency, machine, durationS);
  process.stdout.write(report + '\n');

  const previous = existsSync(RESULTS) ? (JSON.parse(readFileSync(RESULTS, 'utf8')) as { date?: string; rows?: BenchRow[] }) : null;
  if (previous?.rows) process.stdout.write('\n' + formatChanges(compareRows(previous.rows, rows), previous.date ?? 'undated') + '\n');

  mkdirSync(dirname(RESULTS), { recursive: true });
  const results = { date: new Date(startedAt).toISOString(), command: `npm run bench${quick ? ' -- --quick' : ''}`, quick, durationS, machine, rows, frames, latency: latency && summariseLatency(latency), memory, failures };
  writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  process.stdout.write(`\nWrote ${RESULTS}${failures.length > 0 ? `; ${failures.length} phase(s) failed:\n${failures.map((f) => `  ${f.phase}: ${f.error}`).join('\n')}` : ''}\n`);
  return failures.length > 0 ? 1 : 0;
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
  if (frames.length > 0) parts.push('', 'Frame time per scenario, 1920x1080, SwiftShader, frame-rate limit off:', formatScenarioTable(frames));
  if (latency) {
    const { bridge, page, pageBeforeBridge, frameBeforeArrival } = latency.clocks;
    const ms = (v: number): string => `${v >= 0 ? '+' : ''}${v.toFixed(3)}`;
    parts.push(
      '',
      `Clocks (performance.timeOrigin + now(), epoch ms): the bridge's is ${ms(bridge.low)}..${ms(bridge.high)} ms from this process's over ${bridge.n} presses${bridge.consistent ? '' : ' (INCONSISTENT)'};`,
      `the page's is ${ms(page.low)}..${ms(page.high)} ms from it over ${page.n} reads${page.consistent ? '' : ' (INCONSISTENT)'}. Page arrivals before the bridge's stamp: ${pageBeforeBridge}; frames stamped before the arrival: ${frameBeforeArrival}.`,
      `Presses that never showed: ${latency.missed}.`,
    );
  }
  parts.push('', `Ran in ${durationS.toFixed(0)} s.`);
  return parts.join('\n');
}

process.exitCode = await main();
