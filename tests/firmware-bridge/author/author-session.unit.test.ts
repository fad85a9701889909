// The studio's bridge side over the 200 saves in a row: each save is
// checked and put on screen on its own, in order, and the folder's watches
// and the bus's listeners stay as they were. (The page's side, geometries,
// textures and heap, is the Chromium test's, over fewer saves.)

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { AuthorSession } from '../../../firmware-bridge/author/author-session.js';
import { newPack } from '../../../firmware-bridge/author/pack-new.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createLogger } from '../../../firmware-bridge/core/logger.js';
import { waitUntil } from '../helpers/wait.js';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('AuthorSession', () => {
  it('checks and shows 200 saves in a row, each on its own, leaving no watch or listener behind', async () => {
    const root = mkdtempSync(join(tmpdir(), 'crossroads-author-session-'));
    roots.push(root);
    const dir = join(root, 'p');
    await newPack(dir);
    const manifest = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    const bus = new EventBus();
    const shown: string[] = [];
    bus.on('pack.changed', ({ pack }) => shown.push(pack.scenarios[0]!.title.en!));
    const toPage: BridgeMessage[] = [];
    const lines: string[] = [];
    const session = new AuthorSession({ dir, bus, log: createLogger({ level: 'error', write: () => {} }), kioskVersion: '0.1.0', toPage: (m) => toPage.push(m), print: (l) => lines.push(l), settleMs: 5 });
    await session.start();
    const watches = session.watchers;
    const listeners = bus.listenerCount('page.view');
    expect(session.last.state).toBe('ok');
    try {
      for (let i = 0; i < 200; i++) {
        const seq = session.last.seq;
        manifest.scenarios[0].title.en = `Save ${i}`;
        writeFileSync(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2));
        await waitUntil(() => session.last.seq > seq && !!session.pack && session.pack.scenarios[0]!.title.en === `Save ${i}`, () => `save ${i} to be checked; last status ${JSON.stringify(session.last)}; printed ${lines.slice(-3).join(' | ')}`, 10_000, 2);
        await session.settled();
      }
      expect(session.watchers).toBe(watches);
      expect(bus.listenerCount('page.view')).toBe(listeners);
    } finally {
      await session.stop();
    }
    expect(shown.slice(1)).toEqual(Array.from({ length: 200 }, (_, i) => `Save ${i}`));
    expect(toPage.filter((m) => m.type === 'author' && m.state === 'ok').length).toBeGreaterThanOrEqual(201);
    expect(lines.filter((l) => l.startsWith('on screen:')).length).toBe(toPage.length);
    expect(watches).toBe(1);
    expect(listeners).toBe(1);
    expect(session.watchers).toBe(0);
    expect(bus.listenerCount('page.view')).toBe(0);
  }, 60_000);
});
