import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { ListenError } from '../../../firmware-bridge/http/kiosk-server.js';
import { PackError } from '../../../firmware-bridge/packs/pack-store.js';
import { startHarness, type Harness } from './bridge-harness.js';

function connect(url: string, origin?: string): Promise<{ ws: WebSocket; first: BridgeMessage }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, origin ? { origin } : {});
    ws.once('message', (data) => resolve({ ws, first: JSON.parse(data.toString()) as BridgeMessage }));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

describe('the kiosk server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('serves the page with a strict Content-Security-Policy and no inline script', async () => {
    const res = await fetch(h.base + '/');
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'none'/);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).toMatch(/media-src 'self'(;|$)/); // the pack's narration and captions, from /pack/
    expect(csp).not.toMatch(/unsafe/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>kiosk</title>');
  });

  it('caches hashed assets for long and the page not at all', async () => {
    expect((await fetch(h.base + '/assets/app-abc123.js')).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(h.base + '/')).headers.get('cache-control')).toBe('no-cache');
  });

  it('never serves a file outside the kiosk folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/assets/..%2f..%2fsecret.txt', '/%00']) {
      const res = await fetch(h.base + path);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('outside the kiosk folder');
    }
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await fetch(h.base + '/', { method: 'POST', body: 'x' })).status).toBe(405);
  });

  it('answers /health with the contract fields', async () => {
    const health = (await (await fetch(h.base + '/health')).json()) as Record<string, any>;
    expect(health.status).toBe('degraded');
    expect(health.controller).toEqual(expect.objectContaining({ connected: false, boardId: null, firmware: null, lastSeenMs: null }));
    expect(health.controller.losses).toEqual({ silence: 0, unplugged: 0, error: 0, protocol: 0 });
    expect(health.pack).toEqual(expect.objectContaining({ id: 'caspian-2025', version: '1.0.0' }));
    expect(Number.isInteger(health.uptimeS)).toBe(true);
  });

  it('serves the map data for the region', async () => {
    const geo = (await (await fetch(h.base + '/geo/region.json')).json()) as { countries: { id: string }[] };
    const ids = geo.countries.map((c) => c.id);
    for (const id of ['031', '051', '268', '792', '364', '643', '398', '795']) expect(ids).toContain(id);
  });

  it('greets a page from its own origin with the pack', async () => {
    const { ws, first } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
    expect(first.type).toBe('hello');
    if (first.type === 'hello') expect(first.pack.id).toBe('caspian-2025');
    ws.close();
  });

  it('refuses WebSocket connections from other origins, or with none', async () => {
    await expect(connect(h.base.replace('http', 'ws') + '/ws', 'http://evil.example')).rejects.toThrow(/403/);
    await expect(connect(h.base.replace('http', 'ws') + '/ws')).rejects.toThrow(/403/);
    expect(h.lines.some((line) => line.includes('refused a WebSocket from origin http://evil.example'))).toBe(true);
  });

  it('relays intents to pages and records their heartbeats', async () => {
    const { ws } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
    const next = new Promise<BridgeMessage>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    h.controller.bus.emit('kiosk.intent', { kind: 'scenario', index: 2 });
    expect(await next).toEqual({ type: 'intent', intent: { kind: 'scenario', index: 2 } });
    ws.send(JSON.stringify({ type: 'heartbeat', scenario: 'x', mode: 'scenario', language: 'en', frames: 10 }));
    ws.send('not json at all');
    await expect.poll(() => h.lines.some((line) => line.includes('malformed message')), { timeout: 10_000 }).toBe(true);
    const health = (await (await fetch(h.base + '/health')).json()) as { page: { heartbeatAgeMs: number | null } };
    expect(health.page.heartbeatAgeMs).not.toBeNull();
    ws.close();
  });
});

describe('the maintenance side of the socket', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it('answers a status request with the packs and the recent errors', async () => {
    const { ws } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
    const got: BridgeMessage[] = [];
    ws.on('message', (d) => got.push(JSON.parse(d.toString()) as BridgeMessage));
    ws.send(JSON.stringify({ type: 'log', level: 'error', message: 'a page error for the list' }));
    ws.send(JSON.stringify({ type: 'status-request' }));
    await expect.poll(() => got.map((m) => m.type).sort()).toEqual(['errors', 'packs']);
    const packs = got.find((m) => m.type === 'packs');
    const errors = got.find((m) => m.type === 'errors');
    if (packs?.type !== 'packs' || errors?.type !== 'errors') throw new Error('missing replies');
    expect(packs.packs).toEqual([expect.objectContaining({ id: 'caspian-2025', source: 'built-in' })]);
    expect(errors.errors.some((e) => e.message.includes('a page error for the list'))).toBe(true);
    ws.close();
  });

  it('reports the page’s WebGL renderer in /health', async () => {
    const { ws } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
    ws.send(JSON.stringify({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1, renderer: 'V3D 7.1' }));
    await expect
      .poll(async () => ((await (await fetch(h.base + '/health')).json()) as { page: { renderer: string | null } }).page.renderer)
      .toBe('V3D 7.1');
    ws.close();
  });

  it('refuses a rollback with nothing to roll back to, and says why', async () => {
    const { ws } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
    ws.send(JSON.stringify({ type: 'rollback' }));
    await expect.poll(() => h.lines.some((line) => line.includes('rollback refused'))).toBe(true);
    expect((await (await fetch(h.base + '/health')).json()).pack.id).toBe('caspian-2025');
    ws.close();
  });
});

describe('a USB stick', () => {
  it('takes home the visit counts as CSV', async () => {
    const media = mkdtempSync(join(tmpdir(), 'crossroads-media-'));
    const h = await startHarness({ mediaDir: media });
    try {
      const { ws } = await connect(h.base.replace('http', 'ws') + '/ws', h.origin);
      ws.send(JSON.stringify({ type: 'view', scenario: 'middle-corridor', mode: 'scenario', scenarioIndex: 2 }));
      ws.send(JSON.stringify({ type: 'view', scenario: 'gas-to-europe', mode: 'scenario', scenarioIndex: 5 }));
      // The bridge answers in order: once the status reply is here, both views were taken.
      const answered = new Promise<void>((resolve) => ws.on('message', (d) => JSON.parse(d.toString()).type === 'packs' && resolve()));
      ws.send(JSON.stringify({ type: 'status-request' }));
      await answered;
      mkdirSync(join(media, 'STICK', 'crossroads'), { recursive: true });
      const folder = join(media, 'STICK', 'crossroads');
      await expect.poll(() => readdirSync(folder).filter((f) => f.endsWith('.csv')), { timeout: 15_000 }).toHaveLength(1);
      const csv = readFileSync(join(folder, readdirSync(folder).find((f) => f.endsWith('.csv'))!), 'utf8');
      expect(csv).toMatch(/middle-corridor/);
      expect(csv).toMatch(/gas-to-europe/);
      await expect.poll(() => readdirSync(folder).some((f) => f.startsWith('report-')), { timeout: 15_000 }).toBe(true);
      ws.close();
    } finally {
      await h.close();
      rmSync(media, { recursive: true, force: true });
    }
  });
});

describe('start-up failures', () => {
  it('names the port and --port when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const error = await startHarness({ port }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ListenError);
      expect((error as Error).message).toBe(`port ${port} on 127.0.0.1 is already in use; choose another with --port`);
    } finally {
      blocker.close();
    }
  });

  it('refuses a broken built-in pack with its path and the reason', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crossroads-badpack-'));
    try {
      writeFileSync(join(dir, 'pack.json'), '{ "format": 1, "id": ');
      const error = await startHarness({ builtInPackDir: dir }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PackError);
      expect((error as PackError).path).toContain(dir);
      const missing = await startHarness({ builtInPackDir: join(dir, 'nope') }).catch((e: unknown) => e);
      expect(missing).toBeInstanceOf(PackError);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
