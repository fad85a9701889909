// Debian's Chromium driven by playwright-core (no browser download).

import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error plain JS helper shared with the browser-suite config
import { CHROMIUM_ARGS, requireChromium } from '../../chromium-path.js';

export async function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium() as string, headless: true, args: [...(CHROMIUM_ARGS as string[]), ...extraArgs] });
}

export interface KioskOptions {
  /**
   * 'reduce' as a visitor's reduced-motion setting would: camera cuts, still
   * flows, no breathing invitation. For tests about behaviour and layout, not
   * motion: the software renderer then draws only when something changes.
   */
  reducedMotion?: 'reduce' | 'no-preference';
  /**
   * The page's timers on Playwright's clock (page.clock), running at real
   * speed until a test jumps it forward: an idle time can then pass without
   * being waited for in real time.
   */
  clock?: boolean;
}

export async function openKiosk(browser: Browser, url: string, viewport = { width: 1920, height: 1080 }, options: KioskOptions = {}): Promise<Page> {
  const page = await browser.newPage({ viewport, reducedMotion: options.reducedMotion ?? 'no-preference' });
  // Anything the Content-Security-Policy blocks is a bug: record it for the tests.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
  if (options.clock) await page.clock.install();
  await page.goto(url);
  await page.waitForFunction(() => window.crossroads !== undefined);
  await page.evaluate(() => window.crossroads!.ready);
  return page;
}

/** All text on the page, shadow roots included (what a visitor could read). */
export async function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    const walk = (root: Node): void => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent ?? '');
        if (node instanceof Element) {
          if (node.shadowRoot) walk(node.shadowRoot);
          if (node.tagName !== 'SCRIPT' && node.tagName !== 'STYLE') walk(node);
        }
      }
    };
    walk(document.body);
    return parts.join(' ');
  });
}

/** What the page's Content-Security-Policy blocked so far. */
export async function cspViolations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? []);
}

/**
 * Resolves once the map holds still: every place the scenario shows sits on
 * the same pixel for `frames` drawn frames in a row (asked for with
 * requestFrame() when the map draws none of its own) (the camera has reached
 * its framing, labels are laid out). A condition, not a fixed wait, so a busy
 * machine only makes it take longer.
 *
 * `quiet`: the map drawing no frame of its own for that many animation
 * callbacks in a row also counts as still, with no frame asked for. The map
 * draws only when something on it changes (tests/kiosk/scene/on-demand.test.ts),
 * so a quiet map is a still one; each frame asked for costs the software
 * renderer the whole canvas, most of a full-HD screenshot's cost.
 */
export async function waitForStill(page: Page, { frames = 6, timeoutMs = 30_000, quiet = 0 } = {}): Promise<void> {
  const result = await page.evaluate(
    ({ frames, timeoutMs, quiet }) =>
      new Promise<string>((resolve) => {
        const deadline = performance.now() + timeoutMs;
        let last = '';
        let same = 0;
        let lastFrame = -1;
        let quietFor = 0;
        const look = (): void => {
          const hooks = window.crossroads!;
          const frame = hooks.stats().frames;
          if (frame === lastFrame && quiet > 0) {
            if (++quietFor >= quiet) return resolve('');
          } else if (frame === lastFrame) {
            // A still map draws no frames: ask for one, to look at it again.
            hooks.requestFrame();
          } else {
            lastFrame = frame;
            quietFor = 0;
            const now = JSON.stringify(hooks.places().map((p) => [p.id, p.x === null ? null : Math.round(p.x), p.y === null ? null : Math.round(p.y), p.labelled]));
            same = now === last ? same + 1 : 0;
            last = now;
          }
          if (same >= frames) return resolve('');
          if (performance.now() > deadline) return resolve(`the map did not hold still within ${timeoutMs} ms; last layout ${last}`);
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      }),
    { frames, timeoutMs, quiet },
  );
  if (result) throw new Error(result);
}
