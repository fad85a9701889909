// Debian's Chromium driven by playwright-core (no browser download).

import { chromium, type Browser, type Page } from 'playwright-core';
// @ts-expect-error plain JS helper shared with the browser-suite config
import { CHROMIUM_ARGS, requireChromium } from '../../chromium-path.js';

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium() as string, headless: true, args: CHROMIUM_ARGS as string[] });
}

export async function openKiosk(browser: Browser, url: string, viewport = { width: 1920, height: 1080 }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  // Anything the Content-Security-Policy blocks is a bug: record it for the tests.
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective}: ${e.blockedURI || e.sample}`));
  });
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
