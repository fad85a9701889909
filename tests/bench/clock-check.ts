// Are performance.timeOrigin + performance.now() in different processes the
// same clock? Each process compares it with its own Date.now() (the system's
// wall clock, whole ms) for a few ms; the mean difference is that process's
// offset from the wall clock plus a truncation bias that is the same in every
// process, so differences between processes are the disagreement between
// their epoch-ms clocks, to a few microseconds.

import { execFile } from 'node:child_process';
import type { Page } from 'playwright-core';

export interface WallOffset {
  /** Mean of (timeOrigin + now()) - Date.now(), in ms. */
  mean: number;
  samples: number;
}

const SAMPLE_MS = 30;

/** The sampling, as source text so that a page and a fresh Node process run exactly it. */
export const WALL_OFFSET_SCRIPT = `(() => {
  const end = performance.now() + ${SAMPLE_MS};
  let sum = 0;
  let samples = 0;
  while (performance.now() < end) {
    const epoch = performance.timeOrigin + performance.now();
    sum += epoch - Date.now();
    samples++;
  }
  return { mean: sum / samples, samples };
})()`;

export function wallOffsetHere(): WallOffset {
  return (0, eval)(WALL_OFFSET_SCRIPT) as WallOffset;
}

export async function wallOffsetInPage(page: Page): Promise<WallOffset> {
  return (await page.evaluate(WALL_OFFSET_SCRIPT)) as WallOffset;
}

/** In a new Node process, as the bridge is one (same runtime, same clock calls). */
export function wallOffsetInNode(): Promise<WallOffset> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['-e', `process.stdout.write(JSON.stringify(${WALL_OFFSET_SCRIPT}))`], (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as WallOffset);
    });
  });
}
