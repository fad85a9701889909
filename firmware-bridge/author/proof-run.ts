// Takes the proof sheet's pictures: the studio's own page in headless
// Chromium (Debian's, or CHROME_PATH; the same flags as the test suites),
// driven by playwright-core, a devDependency loaded only here. Each scenario
// in each language at the kiosk's size, with reduced motion so the camera
// jumps to its framing; and at every screen size, the places and route stops
// that sit under an overlay. The page is the exhibit's; the pack is data and
// nothing of it is run.

import { existsSync } from 'node:fs';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { ProofHidden, ProofShot } from './proof-sheet.js';

export class ProofError extends Error {}

const CHROMIUM_ARGS = ['--no-sandbox', '--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

export const PROOF_SIZES = [
  { width: 1920, height: 1080 },
  { width: 1080, height: 1920 },
  { width: 1280, height: 800 },
];

type Playwright = typeof import('playwright-core');
type Page = import('playwright-core').Page;

async function loadPlaywright(): Promise<Playwright> {
  try {
    return await import('playwright-core');
  } catch {
    throw new ProofError('the proof sheet needs playwright-core, a development dependency: run "npm install --include=dev" in the crossroads folder');
  }
}

/**
 * Runs in the page (plain JavaScript: the bridge compiles without the DOM's
 * types). Shows scenario `index` in `language` through the exhibit's intents,
 * waits until the map holds still (every place on the same pixel for 6 drawn
 * frames, asked for with requestFrame() when the map draws none) and returns the places whose dot an overlay covers.
 */
const SHOW_IN_PAGE = `async ({ index, id, language }) => new Promise((resolve) => {
  const app = document.querySelector('crossroads-app');
  const hooks = window.crossroads;
  const languages = app.state.manifest?.languages ?? [];
  for (let i = 0; i < languages.length && hooks.language !== language; i++) app.handleIntent({ kind: 'language' }, 'touch');
  app.handleIntent({ kind: 'scenario', index }, 'touch');
  const deadline = performance.now() + 30000;
  let last = '', same = 0, frame = -1;
  const look = () => {
    // With reduced motion a still map draws no frames of its own: ask for one to look at it again.
    if (hooks.stats().frames === frame) hooks.requestFrame();
    else if (hooks.scenario === id && hooks.language === language) {
      frame = hooks.stats().frames;
      const now = JSON.stringify(hooks.places().map((p) => [p.id, Math.round(p.x ?? -1), Math.round(p.y ?? -1), p.labelled]));
      same = now === last ? same + 1 : 0;
      last = now;
    }
    if (same >= 6) {
      const root = app.shadowRoot;
      const canvas = root.querySelector('canvas').getBoundingClientRect();
      const boxes = [];
      const collect = (el) => {
        for (const child of Array.from(el.children)) {
          if (!child.tagName.includes('-')) collect(child);
          else boxes.push({ name: child.localName, r: child.getBoundingClientRect() });
        }
      };
      collect(root.querySelector('.layer'));
      // A place's dot is dropped where an overlay covers it: listed or not, every place on screen counts.
      const hidden = hooks.places().filter((p) => p.x !== null && p.y !== null).flatMap((p) => {
        const x = canvas.left + p.x, y = canvas.top + p.y;
        const box = boxes.find(({ r }) => r.width > 0 && x >= r.left && x <= r.right && y >= r.top && y <= r.bottom);
        return box ? [{ place: p.id, under: box.name }] : [];
      });
      return resolve({ hidden });
    }
    if (performance.now() > deadline) return resolve({ error: 'scenario ' + id + ' in ' + language + ' did not hold still within 30 s (showing ' + hooks.scenario + ' in ' + hooks.language + ')' });
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})`;

async function showScenario(page: Page, index: number, id: string, language: string): Promise<{ place: string; under: string }[]> {
  const result = (await page.evaluate(`(${SHOW_IN_PAGE})(${JSON.stringify({ index, id, language })})`)) as { error: string } | { hidden: { place: string; under: string }[] };
  if ('error' in result) throw new ProofError(result.error);
  return result.hidden;
}

/** `sizes`: the screens to look at, the first also pictured (the kiosk's and its rivals by default). */
export async function takeProof(url: string, pack: PackManifest, sizes: readonly { width: number; height: number }[] = PROOF_SIZES): Promise<{ shots: ProofShot[]; hidden: ProofHidden[] }> {
  const { chromium } = await loadPlaywright();
  const executablePath = process.env.CHROME_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) throw new ProofError(`Chromium was not found at ${executablePath}: install it with "sudo apt-get install chromium", or point CHROME_PATH at it`);
  const browser = await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
  const shots: ProofShot[] = [];
  const hidden: ProofHidden[] = [];
  try {
    for (const size of sizes) {
      // The proof's own browser polls the page with Playwright's predicates, which the
      // kiosk's CSP (no eval) would block; only this screenshot session bypasses it.
      const context = await browser.newContext({ viewport: size, reducedMotion: 'reduce', bypassCSP: true });
      try {
        const page = await context.newPage();
        await page.goto(url);
        await page.waitForFunction("window.crossroads !== undefined && document.querySelector('author-panel') !== null", undefined, { timeout: 30_000 });
        await page.evaluate('window.crossroads.ready');
        // The studio's panel is not part of the exhibit: out of the pictures and the layout.
        await page.evaluate("document.querySelector('author-panel').style.setProperty('display', 'none')");
        const tag = `${size.width}x${size.height}`;
        for (const language of pack.languages) {
          for (const [index, scenario] of pack.scenarios.entries()) {
            for (const h of await showScenario(page, index, scenario.id, language)) hidden.push({ scenario: scenario.id, language, size: tag, ...h });
            if (size === sizes[0]) shots.push({ scenario: scenario.id, language, jpeg: (await page.screenshot({ type: 'jpeg', quality: 80 })).toString('base64') });
          }
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }
  return { shots, hidden };
}
