import { describe, expect, it } from 'vitest';
import { ControlHintsFade, VISIT_HINTS_MS, type HintsClock } from '../../../kiosk/ui/control-hints-fade.js';

/** A clock the test turns by hand: what is pending, and running what is due. */
function fakeClock() {
  let now = 0;
  let next = 1;
  const pending = new Map<number, { at: number; run: () => void }>();
  const clock: HintsClock = {
    setTimeout: (run, ms) => {
      pending.set(next, { at: now + ms, run });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...pending].sort((a, b) => a[1].at - b[1].at)) {
      if (t.at > now) continue;
      pending.delete(id);
      t.run();
    }
  };
  return { clock, advance, pending };
}

function setup() {
  const time = fakeClock();
  let updates = 0;
  const host = { addController: () => undefined, requestUpdate: () => void updates++, removeController: () => undefined, updateComplete: Promise.resolve(true) };
  const fade = new ControlHintsFade(host, () => VISIT_HINTS_MS, time.clock);
  fade.hostConnected();
  return { fade, ...time, updates: () => updates };
}

describe('ControlHintsFade', () => {
  it('shows the hints in attract, for the first seconds of a visit, and again back in attract', () => {
    const { fade, advance, pending, updates } = setup();
    fade.modeIs('attract');
    advance(60_000);
    expect(fade.faded).toBe(false);
    fade.modeIs('scenario');
    advance(VISIT_HINTS_MS - 1);
    expect(fade.faded).toBe(false);
    advance(1);
    expect(fade.faded).toBe(true);
    expect(updates()).toBe(1);
    // More input in the same visit keeps them faded and starts no timer.
    fade.modeIs('scenario');
    expect(pending.size).toBe(0);
    fade.modeIs('attract');
    expect(fade.faded).toBe(false);
    expect(updates()).toBe(2);
  });

  it('keeps one timer at a time and leaves none when the page lets go of it', () => {
    const { fade, advance, pending } = setup();
    fade.modeIs('scenario');
    fade.modeIs('attract');
    fade.modeIs('scenario');
    expect(pending.size).toBe(1);
    fade.hostDisconnected();
    expect(pending.size).toBe(0);
    advance(VISIT_HINTS_MS * 2);
    expect(fade.faded).toBe(false);
    // Back on the page mid-visit: the visit's first seconds start again.
    fade.hostConnected();
    expect(pending.size).toBe(1);
    advance(VISIT_HINTS_MS);
    expect(fade.faded).toBe(true);
  });

  it('never fades in class mode, maintenance or standing alone (no mode)', () => {
    const { fade, advance, pending } = setup();
    for (const mode of ['class', 'maintenance', null] as const) {
      fade.modeIs(mode);
      advance(VISIT_HINTS_MS * 2);
      expect(fade.faded).toBe(false);
      expect(pending.size).toBe(0);
    }
  });
});
