// What the benchmark injects into the kiosk page before its own scripts run
// (page.addInitScript): it wraps the WebSocket constructor so that a listener
// of its own, registered before the page's, stamps when bridge messages arrive,
// and runs a requestAnimationFrame loop that notices window.crossroads.scenario
// changing. It reads window.crossroads only; it never touches kiosk code.
//
// It is a string, not a function, so that no transpiler helper (esbuild's
// __name) can leak into the page.

import type { Page } from 'playwright-core';

/** [n, bridge receive time, page arrival time, button index pressed or -1]; times are epoch ms. */
export type InputArrival = [n: number, at: number, arrivedAt: number, pressedButton: number];
/** [scenario, epoch ms of the rAF timestamp, epoch ms when the rAF callback ran]. */
export type ScenarioChange = [scenario: string | null, frameAt: number, callbackAt: number];

export interface ProbeLog {
  inputs: InputArrival[];
  /** Page arrival times (epoch ms) of `intent` messages. */
  intents: number[];
  /** When the page had handled each of those intents: a task posted at arrival ran (after the page's listener and its Lit updates), epoch ms. */
  intentsHandled: number[];
  changes: ScenarioChange[];
  /** rAF timestamps (ms since navigation start) while recording. */
  frames: number[];
  /** performance.now() when window.crossroads.ready resolved (ms since navigation start). */
  readyAt: number | null;
  /** The scene's frame count when the probe first saw window.crossroads (0: hooked before the first frame). */
  framesAtHook: number | null;
}

export const PROBE_SCRIPT = `(() => {
  const clock = () => performance.timeOrigin + performance.now();
  const probe = { inputs: [], intents: [], intentsHandled: [], changes: [], frames: [], recording: false, drawEveryTick: false, readyAt: null, framesAtHook: null, last: undefined };
  Object.defineProperty(window, '__crossroadsBench', { value: probe });
  const Native = window.WebSocket;
  class ProbedWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const arrivedAt = clock();
        const data = event.data;
        if (typeof data !== 'string') return;
        if (data.startsWith('{"type":"input"')) {
          const m = JSON.parse(data);
          const pressed = m.input && m.input.kind === 'button' && m.input.pressed ? m.input.index : -1;
          probe.inputs.push([m.n, m.at, arrivedAt, pressed]);
        } else if (data.startsWith('{"type":"intent"')) {
          probe.intents.push(arrivedAt);
          // A task queued now runs after the page's own listener and the microtasks (Lit updates) it started.
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { probe.intentsHandled.push(clock()); channel.port1.close(); };
          channel.port2.postMessage(0);
        }
      });
    }
  }
  window.WebSocket = ProbedWebSocket;
  const tick = (ts) => {
    const hooks = window.crossroads;
    if (hooks) {
      if (probe.framesAtHook === null) {
        probe.framesAtHook = hooks.stats().frames;
        hooks.ready.then(() => { probe.readyAt = performance.now(); });
      }
      const scenario = hooks.scenario;
      if (scenario !== probe.last) {
        probe.changes.push([scenario, performance.timeOrigin + ts, clock()]);
        probe.last = scenario;
        // Tells the benchmark without it polling the page (a binding, if one was exposed).
        const notify = window.__crossroadsBenchChanged;
        if (typeof notify === 'function') notify(scenario);
      }
    }
    if (probe.recording) probe.frames.push(ts);
    // The map draws every frame, still or not, so each rAF interval is a drawn frame's (the switch's first frame against a steady one).
    if (probe.drawEveryTick && hooks && hooks.requestFrame) hooks.requestFrame();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

/** Scenario changes the page reported through a binding, for waiting on them. */
export class ChangeFeed {
  private seen = 0;
  private waiters: { after: number; resolve(): void }[] = [];

  /** How many changes were reported so far. */
  get count(): number {
    return this.seen;
  }

  /** Called by the page's binding. */
  report(): void {
    this.seen++;
    this.waiters = this.waiters.filter((w) => {
      if (this.seen <= w.after) return true;
      w.resolve();
      return false;
    });
  }

  /** Resolves true once more than `after` changes were reported, false after `timeoutMs`. */
  waitBeyond(after: number, timeoutMs: number): Promise<boolean> {
    if (this.seen > after) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = {
        after,
        resolve: () => {
          clearTimeout(timer);
          resolve(true);
        },
      };
      this.waiters.push(waiter);
    });
  }
}

/** Installs the probe (before any page script runs) and returns its change feed. */
export async function installProbe(page: Page): Promise<ChangeFeed> {
  const feed = new ChangeFeed();
  await page.exposeFunction('__crossroadsBenchChanged', () => feed.report());
  await page.addInitScript({ content: PROBE_SCRIPT });
  return feed;
}

/** The probe's records so far (copied out of the page). */
export async function readProbe(page: Page): Promise<ProbeLog> {
  return (await page.evaluate(
    `(() => { const p = window.__crossroadsBench; return { inputs: p.inputs, intents: p.intents, intentsHandled: p.intentsHandled, changes: p.changes, frames: p.frames, readyAt: p.readyAt, framesAtHook: p.framesAtHook }; })()`,
  )) as ProbeLog;
}

/** Empties the probe's lists so the next phase reads only its own records. */
export async function clearProbe(page: Page): Promise<void> {
  await page.evaluate(`(() => { const p = window.__crossroadsBench; p.inputs = []; p.intents = []; p.intentsHandled = []; p.changes = []; p.frames = []; })()`);
}

export async function recordFrames(page: Page, on: boolean): Promise<void> {
  await page.evaluate(`(() => { const p = window.__crossroadsBench; p.recording = ${on ? 'true' : 'false'}; if (${on ? 'true' : 'false'}) p.frames = []; })()`);
}

/** Whether the probe asks the map for a frame on every animation frame (window.crossroads.requestFrame()). */
export async function drawEveryTick(page: Page, on: boolean): Promise<void> {
  await page.evaluate(`(() => { window.__crossroadsBench.drawEveryTick = ${on ? 'true' : 'false'}; })()`);
}
