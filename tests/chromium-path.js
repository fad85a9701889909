// Which Chromium the browser suites drive: Debian's, or CHROME_PATH. A test
// tool cannot download a browser here, so a missing one stops the run at once.
import { existsSync } from 'node:fs';

export function chromiumPath() {
  return process.env.CHROME_PATH || '/usr/bin/chromium';
}

export function requireChromium() {
  const path = chromiumPath();
  if (existsSync(path)) return path;
  const message = `Chromium was not found at ${path}: install it with "sudo apt-get install chromium", or point CHROME_PATH at a Chromium or Chrome binary.`;
  throw new Error(message);
}

/** Flags for headless Chromium in CI and on a developer machine (root, no GPU, no network). */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
  '--enable-precise-memory-info',
  '--js-flags=--expose-gc',
  // As the kiosk's browser (kiosk-browser.sh): narration starts from a panel button, which is no user gesture.
  '--autoplay-policy=no-user-gesture-required',
];
