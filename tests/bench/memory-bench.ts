// Memory: the page's JS heap (after a forced gc) and three.js's live
// geometries and textures after a first round of every scenario, then again
// after 1,000 more scenario switches; the bridge's RSS after 10,000 panel
// inputs. Everything is driven through the virtual board, as a visitor would.

import type { Page } from 'playwright-core';
import { valueRow, type BenchRow } from './bench-table.js';
import { sleep, waitFor, type BenchRig, type ProbedPage } from './bench-rig.js';
import { clearProbe, readProbe } from './page-probe.js';
import { rssBytes } from './proc-stat.js';

export interface MemoryOptions {
  nextButton: number;
  /** Scenario buttons pressed together in the input flood. */
  floodButtons: number[];
  switches: number;
  inputs: number;
  /** The firmware's debounce lock-out is 10 ms: an edge sooner is held back. */
  edgeGapMs: number;
}

interface PageMemory {
  heapBytes: number;
  geometries: number;
  textures: number;
}

export interface MemoryResult {
  rows: BenchRow[];
  firstRound: PageMemory;
  afterSwitches: PageMemory;
  switchesSent: number;
  switchesShown: number;
  inputsCounted: number;
  bridgeRss: { beforeFlood: number; afterFlood: number };
}

const MIB = 1024 * 1024;

async function pageMemory(page: Page): Promise<PageMemory> {
  await sleep(1500);
  return (await page.evaluate(`(() => {
    if (typeof window.gc !== 'function') throw new Error('no window.gc: Chromium needs --js-flags=--expose-gc');
    window.gc();
    window.gc();
    const stats = window.crossroads.stats();
    return { heapBytes: performance.memory.usedJSHeapSize, geometries: stats.geometries, textures: stats.textures };
  })()`)) as PageMemory;
}

/** Sends commands in chunks so one write never holds thousands of pending promises. */
async function sendChunked(rig: BenchRig, commands: string[], chunk = 400): Promise<void> {
  for (let i = 0; i < commands.length; i += chunk) await rig.board.sendMany(commands.slice(i, i + chunk));
}

export async function benchMemory(rig: BenchRig, { page }: ProbedPage, scenarioCount: number, options: MemoryOptions): Promise<MemoryResult> {
  const next = options.nextButton;
  const gap = `sleep ${options.edgeGapMs}`;
  const scenario = async (): Promise<string | null> => (await page.evaluate('window.crossroads.scenario')) as string | null;
  for (let i = 0; i < scenarioCount; i++) {
    const before = await scenario();
    await rig.board.send(`tap ${next}`);
    await waitFor('the next scenario to show', async () => (await scenario()) !== before, 10_000, 50);
  }
  const firstRound = await pageMemory(page);

  await clearProbe(page);
  const switchCommands: string[] = [];
  for (let i = 0; i < options.switches; i++) switchCommands.push(`press ${next}`, gap, `release ${next}`, gap);
  await sendChunked(rig, switchCommands);
  const switchesShown = (await readProbe(page)).changes.length;
  const afterSwitches = await pageMemory(page);

  const beforeFlood = rssBytes(rig.bridgePid);
  await clearProbe(page);
  const per = options.floodButtons.length * 2;
  const flood: string[] = [];
  for (let i = 0; i < Math.ceil(options.inputs / per); i++) {
    flood.push(...options.floodButtons.map((b) => `press ${b}`), gap, ...options.floodButtons.map((b) => `release ${b}`), gap);
  }
  await sendChunked(rig, flood);
  await sleep(500);
  const inputs = (await readProbe(page)).inputs;
  const inputsCounted = inputs.length > 0 ? inputs[inputs.length - 1]![0] - inputs[0]![0] + 1 : 0;
  await sleep(1500);
  const afterFlood = rssBytes(rig.bridgePid);

  const rows = [
    valueRow('memory', 'page JS heap after a first round of scenarios', 'MiB', firstRound.heapBytes / MIB, 'after gc'),
    valueRow('memory', `page JS heap after ${options.switches} more switches`, 'MiB', afterSwitches.heapBytes / MIB, `${switchesShown} changes drawn`),
    valueRow('memory', 'three.js geometries / textures, first round', 'count', firstRound.geometries, `${firstRound.textures} textures`),
    valueRow('memory', `three.js geometries / textures after ${options.switches} switches`, 'count', afterSwitches.geometries, `${afterSwitches.textures} textures`),
    valueRow('memory', `bridge RSS before ${inputsCounted.toLocaleString('en-US')} inputs`, 'MiB', beforeFlood / MIB),
    valueRow('memory', `bridge RSS after ${inputsCounted.toLocaleString('en-US')} inputs`, 'MiB', afterFlood / MIB, 'page connected'),
  ];
  return { rows, firstRound, afterSwitches, switchesSent: options.switches, switchesShown, inputsCounted, bridgeRss: { beforeFlood, afterFlood } };
}
