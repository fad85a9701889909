import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PingTracker } from '../../../firmware-bridge/serial/ping-tracker.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

it('numbers pings, times their answers and ignores stray PONGs', async () => {
  const tracker = new PingTracker(1000, '/dev/ttyACM0');
  const first = tracker.start();
  const second = tracker.start();
  expect([first.n, second.n]).toEqual([0, 1]);
  vi.advanceTimersByTime(12);
  tracker.answer(7);
  tracker.answer(1);
  tracker.answer(0);
  expect(await second.roundTrip).toBeGreaterThanOrEqual(0);
  expect(await first.roundTrip).toBeGreaterThanOrEqual(0);
  expect(vi.getTimerCount()).toBe(0);
});

it('fails a ping without an answer, and every ping when the link closes', async () => {
  const tracker = new PingTracker(500, '/dev/ttyACM0');
  const late = tracker.start();
  vi.advanceTimersByTime(300);
  const cut = tracker.start();
  const lateResult = late.roundTrip.catch((e: Error) => e.message);
  const cutResult = cut.roundTrip.catch((e: Error) => e.message);
  vi.advanceTimersByTime(200);
  expect(await lateResult).toBe('no PONG 0 from /dev/ttyACM0 within 500 ms');
  tracker.cancelAll('link closed');
  expect(await cutResult).toBe('link closed before PONG 1');
  expect(vi.getTimerCount()).toBe(0);
  tracker.answer(1);
});

it('wraps the ping number at 65535', () => {
  const tracker = new PingTracker(10, 'x');
  let last = 0;
  for (let i = 0; i < 65537; i++) {
    const { n, roundTrip } = tracker.start();
    roundTrip.catch(() => undefined);
    tracker.answer(n);
    last = n;
  }
  expect(last).toBe(0);
});
