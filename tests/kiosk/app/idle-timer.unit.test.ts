import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AttractLoop } from '../../../kiosk/app/attract-loop.js';
import { displayOptionsFrom, textScale, toggleDisplay } from '../../../kiosk/app/display-options.js';
import { IdleTimer, type IdlePolicy } from '../../../kiosk/app/idle-timer.js';

describe('IdleTimer', () => {
  let policy: IdlePolicy | null;
  let countdowns: (number | null)[];
  let timeouts: number;
  let timer: IdleTimer;
  beforeEach(() => {
    vi.useFakeTimers();
    policy = { idleMs: 30_000, countdownS: 10 };
    countdowns = [];
    timeouts = 0;
    timer = new IdleTimer({ policy: () => policy, onCountdown: (s) => countdowns.push(s), onTimeout: () => timeouts++ });
  });
  afterEach(() => {
    timer.dispose();
    vi.useRealTimers();
  });

  it('counts down after the quiet time, then times out once', () => {
    timer.activity();
    vi.advanceTimersByTime(29_999);
    expect(countdowns).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(timer.countdown).toBe(10);
    vi.advanceTimersByTime(9_000);
    expect(countdowns).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    vi.advanceTimersByTime(1_000);
    expect(timeouts).toBe(1);
    expect(countdowns.at(-1)).toBeNull();
    vi.advanceTimersByTime(120_000);
    expect(timeouts).toBe(1);
  });

  it('any input cancels the countdown and starts the quiet time again', () => {
    timer.activity();
    vi.advanceTimersByTime(35_000);
    expect(timer.countdown).toBe(5);
    timer.activity();
    expect(timer.countdown).toBeNull();
    vi.advanceTimersByTime(29_000);
    expect(timeouts).toBe(0);
    vi.advanceTimersByTime(11_000);
    expect(timeouts).toBe(1);
  });

  it('never times out without a policy, and at once without a countdown', () => {
    policy = null;
    timer.activity();
    vi.advanceTimersByTime(3_600_000);
    expect(timeouts).toBe(0);
    policy = { idleMs: 60_000, countdownS: 0 };
    timer.activity();
    vi.advanceTimersByTime(60_000);
    expect(timeouts).toBe(1);
    expect(countdowns).toEqual([]);
  });
});

describe('AttractLoop', () => {
  afterEach(() => vi.useRealTimers());
  it('drifts once per dwell while running, slower when asked, and stops', () => {
    vi.useFakeTimers();
    let drifts = 0;
    const loop = new AttractLoop({ drift: () => drifts++, dwellMs: 1000 });
    loop.run();
    vi.advanceTimersByTime(3500);
    expect(drifts).toBe(3);
    loop.run(2000);
    vi.advanceTimersByTime(4000);
    expect(drifts).toBe(5);
    loop.stop();
    vi.advanceTimersByTime(10_000);
    expect(drifts).toBe(5);
    expect(loop.running).toBe(false);
  });
});

describe('display options', () => {
  it('reads the installation query and the system preference', () => {
    expect(displayOptionsFrom('?contrast=high&text=large&motion=reduced', false)).toEqual({ highContrast: true, largeText: true, reducedMotion: true });
    expect(displayOptionsFrom('', true)).toEqual({ highContrast: false, largeText: false, reducedMotion: true });
    expect(displayOptionsFrom('?contrast=low&text=huge', false)).toEqual({ highContrast: false, largeText: false, reducedMotion: false });
  });
  it('toggles one option at a time and scales text for large text and class mode', () => {
    const base = displayOptionsFrom('', false);
    expect(toggleDisplay(base, 'contrast').highContrast).toBe(true);
    expect(toggleDisplay(toggleDisplay(base, 'motion'), 'motion')).toEqual(base);
    expect(textScale(base, false)).toBe(1);
    expect(textScale(toggleDisplay(base, 'text'), true)).toBeCloseTo(1.495);
  });
});
