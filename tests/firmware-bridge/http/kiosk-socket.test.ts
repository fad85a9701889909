// What a page (or any local process that sets an Origin header) can send on
// /ws, against a real bridge over real sockets: a malformed message is
// dropped, logged once per kind and counted in /health, and the bridge keeps
// serving; a listener that throws on a page message harms no other.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PageMessage } from '../../../firmware-bridge/api/messages.js';
import { startHarness, type Harness } from './bridge-harness.js';

interface Health {
  status: string;
  page: { renderer: string | null };
  dropped?: { pageMessages: number; byKind: Record<string, number> };
}

function open(h: Harness): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(h.base.replace('http', 'ws') + '/ws', { origin: h.origin });
    ws.once('message', () => resolve(ws));
    ws.once('error', reject);
  });
}

const health = async (h: Harness): Promise<Health> => (await (await fetch(h.base + '/health')).json()) as Health;

/** A heartbeat naming `marker` as its renderer: once /health shows it, everything sent before it was handled. */
const beacon = (marker: string): string =>
  JSON.stringify({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1, renderer: marker } satisfies PageMessage);

async function flushed(h: Harness, ws: WebSocket, marker: string): Promise<Health> {
  ws.send(beacon(marker));
  await expect.poll(async () => (await health(h)).page.renderer, { timeout: 5_000 }).toBe(marker);
  return health(h);
}

describe('malformed page messages', () => {
  let h: Harness;
  const uncaught: unknown[] = [];
  const onUncaught = (error: unknown): void => {
    uncaught.push(error);
  };
  beforeAll(async () => {
    process.on('uncaughtException', onUncaught);
    h = await startHarness();
  });
  afterAll(async () => {
    process.off('uncaughtException', onUncaught);
    await h?.close();
  });
  afterEach(() => {
    expect(uncaught, 'uncaught exceptions in the bridge').toEqual([]);
  });

  it('drops a log message without its text instead of crashing', async () => {
    const ws = await open(h);
    ws.send('{"type":"log"}');
    const after = await flushed(h, ws, 'after a bare log');
    expect(after.status).toMatch(/^(ok|degraded)$/);
    expect(after.dropped?.pageMessages).toBe(1);
    expect(h.lines.filter((line) => line.includes('dropped a malformed message from the page'))).toHaveLength(1);
    ws.close();
  });

  it('counts every dropped message but logs each kind once', async () => {
    const ws = await open(h);
    const before = (await health(h)).dropped?.pageMessages ?? 0;
    const logged = h.lines.length;
    for (let i = 0; i < 5; i++) ws.send('{"type":"log"}');
    ws.send('{"type":"log","level":"error","message":7}');
    ws.send('{"type":"view","scenario":null,"mode":"somewhere","scenarioIndex":null}');
    ws.send('{"type":"heartbeat"}');
    ws.send('[1,2,3]');
    const after = await flushed(h, ws, 'after many');
    expect(after.dropped?.pageMessages).toBe(before + 9);
    // The bare log was already logged by the test before; the view and heartbeat kinds are new, and so is the array.
    const newLines = h.lines.slice(logged).filter((line) => line.includes('dropped a malformed message from the page'));
    expect(newLines.map((line) => /\(([^)]+)\)/.exec(line)?.[1]).sort()).toEqual(['heartbeat', 'not-an-object', 'view']);
    ws.close();
  });

  it('isolates a listener that throws: the others still get the message and the bridge stays up', async () => {
    const seen: PageMessage[] = [];
    const offBad = h.controller.bus.on('page.message', () => {
      throw new Error('a listener with a bug');
    });
    const offGood = h.controller.bus.on('page.message', (message) => seen.push(message));
    try {
      const ws = await open(h);
      ws.send(JSON.stringify({ type: 'view', scenario: 'x', mode: 'scenario', scenarioIndex: 1 } satisfies PageMessage));
      await flushed(h, ws, 'after a throwing listener');
      expect(seen.map((m) => m.type)).toContain('view');
      expect(h.lines.some((line) => line.includes('a listener with a bug'))).toBe(true);
      ws.close();
    } finally {
      offBad();
      offGood();
    }
  });
});
