// The page's link to the bridge, on faked timers and a scripted socket: the
// backoff doubles up to its cap with jitter, an open resets it, bad frames are
// dropped, and stop() leaves no timer or socket behind. (The real socket and a
// restarted bridge are covered end to end in tests/e2e/reconnect.test.ts.)

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BridgeConnection } from '../../../kiosk/connection/bridge-connection.js';
import { ScriptedSocket } from './scripted-socket.js';

const last = (): ScriptedSocket => ScriptedSocket.made.at(-1)!;

beforeEach(() => {
  ScriptedSocket.made = [];
  vi.stubGlobal('WebSocket', ScriptedSocket);
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function connection(extra: Partial<ConstructorParameters<typeof BridgeConnection>[0]> = {}) {
  const messages: unknown[] = [];
  const opens: boolean[] = [];
  const dropped: string[] = [];
  const link = new BridgeConnection({
    url: 'ws://127.0.0.1:8080/ws',
    onMessage: (m) => messages.push(m),
    onOpenChange: (open) => opens.push(open),
    onDropped: (detail) => dropped.push(detail),
    minDelayMs: 500,
    maxDelayMs: 4000,
    ...extra,
  });
  return { link, messages, opens, dropped };
}

/** Advances faked time until a new socket is made; returns how long that took. */
function untilNextSocket(limitMs = 60_000): number {
  const before = ScriptedSocket.made.length;
  let waited = 0;
  while (ScriptedSocket.made.length === before) {
    if (waited >= limitMs) throw new Error(`no reconnection within ${limitMs} ms of faked time`);
    vi.advanceTimersByTime(10);
    waited += 10;
  }
  return waited;
}

describe('BridgeConnection', () => {
  it('connects at once, passes well-formed messages on and drops the rest', () => {
    const { link, messages, opens, dropped } = connection();
    link.start();
    expect(ScriptedSocket.made).toHaveLength(1);
    expect(last().url).toBe('ws://127.0.0.1:8080/ws');
    expect(link.send({ type: 'status-request' })).toBe(false);
    last().accept();
    expect(opens).toEqual([true]);
    expect(link.open).toBe(true);
    last().onmessage?.({ data: JSON.stringify({ type: 'intent', intent: { kind: 'next' } }) });
    last().onmessage?.({ data: 'not json' });
    last().onmessage?.({ data: JSON.stringify({ type: 'no-such-message' }) });
    last().onmessage?.({ data: new ArrayBuffer(4) });
    // Well-typed at the top but wrong inside: dropped whole, never half-applied.
    last().onmessage?.({ data: JSON.stringify({ type: 'intent', intent: { kind: 'scenario', index: -1 } }) });
    last().onmessage?.({ data: JSON.stringify({ type: 'install', install: { phase: 'done', progress: 2, lines: [] } }) });
    expect(messages).toEqual([{ type: 'intent', intent: { kind: 'next' } }]);
    expect(dropped).toHaveLength(5);
    expect(dropped[3]).toMatch(/^intent\.index: /);
    expect(link.send({ type: 'status-request' })).toBe(true);
    expect(last().sent).toEqual(['{"type":"status-request"}']);
    link.stop();
  });

  it('backs off, doubling with jitter up to its cap, and starts again from the bottom after an open', () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.5); // no jitter: the schedule is exact
    const { link } = connection();
    link.start();
    const waits: number[] = [];
    for (let i = 0; i < 6; i++) {
      last().drop();
      waits.push(untilNextSocket());
    }
    expect(waits).toEqual([500, 1000, 2000, 4000, 4000, 4000]);
    last().accept();
    last().drop();
    expect(untilNextSocket()).toBe(500);
    link.stop();
  });

  it('keeps every wait within a quarter of the schedule, either way', () => {
    const { link } = connection();
    link.start();
    const bounds = [500, 1000, 2000, 4000];
    for (const nominal of bounds) {
      last().drop();
      const waited = untilNextSocket();
      expect(waited).toBeGreaterThanOrEqual(nominal * 0.75 - 10);
      expect(waited).toBeLessThanOrEqual(nominal * 1.25 + 10);
    }
    link.stop();
  });

  it('stop() closes the socket, cancels the retry and never reconnects', () => {
    const { link, opens } = connection();
    link.start();
    last().accept();
    const socket = last();
    link.stop();
    expect(socket.closed).toBe(true);
    expect(socket.onclose).toBe(null);
    expect(link.open).toBe(false);
    // A drop while waiting to retry, then stop: no timer is left.
    link.start();
    last().drop();
    link.stop();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(60_000);
    expect(ScriptedSocket.made).toHaveLength(2);
    expect(opens).toEqual([true, false]);
  });

  it('retries when the socket cannot even be made', () => {
    let refuse = true;
    class Refusing extends ScriptedSocket {
      constructor(url: string) {
        if (refuse) throw new SyntaxError('bad url');
        super(url);
      }
    }
    vi.stubGlobal('WebSocket', Refusing);
    const { link } = connection();
    link.start();
    expect(ScriptedSocket.made).toHaveLength(0);
    refuse = false;
    untilNextSocket();
    expect(ScriptedSocket.made).toHaveLength(1);
    link.stop();
  });
});
