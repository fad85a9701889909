// The exhibit under measurement: the virtual board (the firmware core on a
// real pseudo-terminal), the compiled bridge reading it, and headless Chromium
// showing the built page. The rig owns all three and stops them in stop().

import { chromium, type Browser, type Page } from 'playwright-core';
import { startBridge, type BridgeProcess } from '../e2e/helpers/bridge-process.js';
import { VirtualBoardProcess } from '../firmware-bridge/helpers/virtual-board-process.js';
// @ts-expect-error plain JS helper shared with the browser suites
import { CHROMIUM_ARGS, requireChromium } from '../chromium-path.js';
import { installProbe, type ChangeFeed } from './page-probe.js';

/** Epoch ms with sub-ms resolution; the same clock the bridge stamps `at` with. */
export const clock = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Frame-rate limit off: rAF runs as fast as the browser can draw. The page is
 * still drawn by WebGL on SwiftShader; only the browser's own compositor draws
 * in software. With the compositor on SwiftShader too and the limit off,
 * Chromium lets the page queue WebGL frames far ahead of the GPU process, and
 * the page stops answering for tens of seconds while the queue drains (traced
 * on a 2-core machine: the renderer waits in WaitForGetOffset, the GPU
 * process spends ~170 ms a frame in SwapBuffers at 1080p).
 */
export const UNLIMITED_FRAME_RATE = ['--disable-frame-rate-limit', '--disable-gpu-vsync', '--disable-gpu-compositing'];

export const VIEWPORT = { width: 1920, height: 1080 };

/**
 * For the input and memory phases: SwiftShader draws a 1080p frame of the map in
 * hundreds of ms on this machine's CPU, which would measure the software
 * rasteriser, not the exhibit's input path. Frame time is measured at 1080p.
 */
export const SMALL_VIEWPORT = { width: 640, height: 360 };

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: requireChromium() as string, headless: true, args: [...(CHROMIUM_ARGS as string[]), ...extraArgs] });
}

export interface ProbedPage {
  page: Page;
  changes: ChangeFeed;
}

/** A fresh page with the probe installed, loaded and past its first frame. */
export async function openProbedPage(browser: Browser, url: string, viewport = VIEWPORT): Promise<ProbedPage> {
  const page = await browser.newPage({ viewport });
  const changes = await installProbe(page);
  await page.goto(url);
  // Polled from here: page.waitForFunction evaluates strings with eval, which the kiosk's CSP forbids.
  await waitFor('window.crossroads', async () => (await page.evaluate('window.crossroads !== undefined')) as boolean, 30_000, 50);
  await page.evaluate('window.crossroads.ready');
  return { page, changes };
}

export async function fetchHealth(url: string): Promise<{ status: number; body: Record<string, unknown> | null }> {
  const response = await fetch(new URL('/health', url));
  const body = response.ok ? ((await response.json()) as Record<string, unknown>) : null;
  return { status: response.status, body };
}

export async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000, everyMs = 20): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

export class BenchRig {
  private browsers: Browser[] = [];

  private constructor(
    readonly board: VirtualBoardProcess,
    readonly bridge: BridgeProcess,
  ) {}

  /** Board first (its pty must exist), then the bridge on it; resolves once the bridge has the board. */
  static async start(): Promise<BenchRig> {
    const board = await VirtualBoardProcess.start();
    let bridge: BridgeProcess;
    try {
      bridge = await startBridge(['--serial', board.pty, '--log-level', 'warn']);
    } catch (error) {
      await board.close();
      throw error;
    }
    const rig = new BenchRig(board, bridge);
    try {
      await waitFor('the bridge to connect the virtual board', async () => {
        const health = await fetchHealth(bridge.url);
        return (health.body?.['controller'] as { connected?: boolean } | undefined)?.connected === true;
      });
    } catch (error) {
      await rig.stop();
      throw error;
    }
    return rig;
  }

  get url(): string {
    return this.bridge.url;
  }

  get bridgePid(): number {
    return this.bridge.child.pid!;
  }

  async launchBrowser(extraArgs: string[] = []): Promise<Browser> {
    const browser = await launchBrowser(extraArgs);
    this.browsers.push(browser);
    return browser;
  }

  async closeBrowser(browser: Browser): Promise<void> {
    this.browsers = this.browsers.filter((b) => b !== browser);
    await browser.close();
  }

  async stop(): Promise<void> {
    for (const browser of this.browsers.splice(0)) await browser.close().catch(() => undefined);
    await this.bridge.stop();
    await this.board.close();
  }
}
