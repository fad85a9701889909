// The author's studio: from writing pack.json to the first frame of the open
// page that shows the change (`crossroads author`, compiled, in a child
// process; the built page in Chromium at 1280x800). Both ends stamp with
// performance.timeOrigin + performance.now(), as the other phases do.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newPack } from '../../firmware-bridge/author/pack-new.js';
import { startAuthor } from '../e2e/helpers/author-process.js';
import { dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, type BenchRow } from './bench-table.js';
import { clock, launchBrowser } from './bench-rig.js';

export interface AuthorBenchOptions {
  saves: number;
  warmup: number;
}

export async function benchAuthor(options: AuthorBenchOptions): Promise<BenchRow[]> {
  const root = mkdtempSync(join(tmpdir(), 'crossroads-author-bench-'));
  const dir = join(root, 'pack');
  await newPack(dir);
  const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as { scenarios: Array<{ title: { en: string } }> };
  const author = await startAuthor(dir);
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(author.url);
    await page.waitForFunction(() => window.crossroads !== undefined);
    await page.evaluate(() => window.crossroads!.ready);
    await page.waitForFunction(() => document.querySelector('author-panel') !== null, undefined, { timeout: 30_000 });
    const samples: number[] = [];
    for (let i = 0; i < options.warmup + options.saves; i++) {
      const title = `Bench save ${i}`;
      // Armed before the save: resolves in the first animation frame whose state holds the new title.
      // A string, so that the bench's TypeScript loader adds no helpers the page lacks.
      const shown = page.evaluate(`new Promise((resolve, reject) => {
        const give = setTimeout(() => reject(new Error('the save never reached the page')), 20000);
        const look = () => {
          if (document.querySelector('crossroads-app').state.current.scenario?.title.en === ${JSON.stringify(title)}) {
            clearTimeout(give);
            resolve(performance.timeOrigin + performance.now());
          } else requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      })`) as Promise<number>;
      manifest.scenarios[0]!.title.en = title;
      const savedAt = clock();
      writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2) + '\n');
      samples.push((await shown) - savedAt);
    }
    const kept = dropWarmup(samples, options.warmup);
    return [summaryRow('author', 'Author studio: pack.json saved → first frame showing the change (page at 1280x800)', 'ms', summarize(kept))];
  } finally {
    await browser.close();
    await author.stop();
    rmSync(root, { recursive: true, force: true });
  }
}
