// What a page (or any local process that sets an Origin header) can send on
// /ws, against a real bridge over real sockets: a malformed message is
// dropped, logged once per kind and counted in /health, and the bridge keeps
// serving; a listener that throws on a page message harms no other; a
// rollback is taken only from this machine.

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PageMessage } from '../../../firmware-bridge/api/messages.js';
import { buildPack } from '../../../firmware-bridge/packs/pack-builder.js';
import { makeKeys, minimalManifest, writePackFolder } from '../packs/helpers/pack-fixtures.js';
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

/** This machine's first address that is not loopback, or null. */
function networkAddress(): string | null {
  for (const entries of Object.values(networkInterfaces())) {
    for (const entry of entries ?? []) if (entry.family === 'IPv4' && !entry.internal) return entry.address;
  }
  return null;
}

describe('a rollback from the page', () => {
  const address = networkAddress();
  let h: Harness;
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'crossroads-rollback-'));
    const keys = makeKeys();
    const data = join(root, 'data');
    await mkdir(join(data, 'trusted-keys'), { recursive: true });
    await writeFile(join(data, 'trusted-keys', 'maintainer.pub'), keys.publicPem);
    // Listening on every address, as with --host 0.0.0.0: the page is open to the network.
    h = await startHarness({ host: '0.0.0.0', dataDir: data });
    for (const version of ['1.0.0', '2.0.0']) {
      const src = join(root, 'src', version);
      await writePackFolder(src, { manifest: minimalManifest('test-pack', version), keys: null });
      const zip = join(root, `test-pack-${version}.zip`);
      expect((await buildPack(src, zip, { privateKeyPem: keys.privatePem })).problems).toEqual([]);
      expect((await h.controller.packs.install(zip)).status).toBe('installed');
    }
  });

  afterAll(async () => {
    await h?.close();
    await rm(root, { recursive: true, force: true });
  });

  const version = async () => ((await (await fetch(h.base + '/health')).json()) as { pack: { version: string } }).pack.version;

  it.skipIf(address === null)('is refused from another machine, even with the bridge’s own Origin, and counted', async () => {
    expect(await version()).toBe('2.0.0');
    const port = h.controller.server.port();
    // A client on the network: it connects to the machine's own address from that address, not from loopback.
    const ws = new WebSocket(`ws://${address}:${port}/ws`, { origin: h.origin, localAddress: address! });
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'rollback' }));
    const after = await flushed(h, ws, 'after a rollback from the network');
    expect(after.dropped?.byKind['rollback-not-local']).toBe(1);
    expect(h.lines.some((line) => line.includes(`a rollback from ${address}`))).toBe(true);
    expect(await version()).toBe('2.0.0');
    ws.close();
  });

  it('is taken from this machine', async () => {
    const ws = await open(h);
    ws.send(JSON.stringify({ type: 'rollback' }));
    await expect.poll(version, { timeout: 5_000 }).toBe('1.0.0');
    // The pack is switched before the line saying so is written: on a loaded machine it can come a moment later.
    await expect.poll(() => h.lines.filter((line) => line.includes('rolled back')), { timeout: 5_000 }).toEqual([expect.stringContaining('rolled back to test-pack 1.0.0')]);
    ws.close();
  });
});
