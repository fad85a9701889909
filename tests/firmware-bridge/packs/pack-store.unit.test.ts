// PackStore on a real data folder: start-up choice and clean-up, installs,
// skips, rollback, and a stick pulled out while its zip is being read.

import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { rmSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PackInfo } from '../../../firmware-bridge/api/messages.js';
import { formatProblem } from '../../../firmware-bridge/packs/pack-problem.js';
import { PackError } from '../../../firmware-bridge/packs/pack-store.js';
import { minimalManifest } from './helpers/pack-fixtures.js';
import { buildZip, fingerprint, makeWorld, type World } from './helpers/pack-world.js';

let world: World;
let changes: PackInfo[];

beforeEach(async () => {
  world = await makeWorld();
  changes = [];
  world.bus.on('pack.changed', ({ info }) => changes.push(info));
});

afterEach(async () => {
  await world.close();
});

async function pointer(): Promise<{ current: { dir: string }; previous: { dir: string } | null }> {
  return JSON.parse(await readFile(join(world.data, 'packs', 'current'), 'utf8'));
}

describe('start-up', () => {
  it('shows the built-in pack when nothing is installed', async () => {
    const store = world.store();
    await store.start();
    expect(store.current().info).toEqual({ id: 'test-pack', version: '0.9.0', source: 'built-in', installedAt: null });
    expect(changes).toHaveLength(1);
    expect(store.list()).toEqual([store.current().info]);
  });

  it('refuses to start with a broken built-in pack, naming the path and the reason', async () => {
    await writeFile(join(world.builtIn, 'pack.json'), '{"format": 1, ');
    const start = world.store().start();
    await expect(start).rejects.toBeInstanceOf(PackError);
    await start.catch((error: PackError) => {
      expect(error.path).toBe(world.builtIn);
      expect(error.reasons.join('\n')).toMatch(/^pack.json: is not valid JSON/);
    });
  });

  it('falls back to the built-in pack, saying why, when the installed pack was tampered with', async () => {
    const store = world.store();
    await store.start();
    await store.install(await buildZip(world, { version: '1.0.0' }));
    const { current } = await pointer();
    await writeFile(join(world.data, 'packs', current.dir, 'data', 'notes.txt'), 'tampered\n');
    const restarted = world.store();
    await restarted.start();
    expect(restarted.current().info.source).toBe('built-in');
    expect(world.log.lines.join('\n')).toMatch(/installed pack test-pack-1.0.0 cannot be used, showing the built-in pack: data\/notes.txt: has sha256/);
  });

  it('falls back when the key that signed the installed pack is no longer trusted', async () => {
    const store = world.store();
    await store.start();
    await store.install(await buildZip(world, { version: '1.0.0' }));
    await rm(join(world.data, 'trusted-keys', 'publisher.pub'));
    const restarted = world.store();
    await restarted.start();
    expect(restarted.current().info.source).toBe('built-in');
    expect(world.log.lines.join('\n')).toMatch(/pack.sig: cannot be trusted: there are no trusted keys/);
  });

  it('clears staging, temp pointers and unreferenced versions left by an interrupted install', async () => {
    const store = world.store();
    await store.start();
    await store.install(await buildZip(world, { version: '1.0.0' }));
    // The bridge that was interrupted is gone: left running, its watcher would see the
    // leftovers appear and take the data lock to look, and the new one leaves them for later.
    await store.stop();
    const packs = join(world.data, 'packs');
    await mkdir(join(packs, '.staging-abc123', 'data'), { recursive: true });
    await writeFile(join(packs, '.staging-abc123', 'data', 'half.txt'), 'half');
    await writeFile(join(packs, '.current.tmp-abc123'), '{"current":');
    await mkdir(join(packs, 'test-pack-7.0.0'));
    await world.store().start();
    expect((await readdir(packs)).sort()).toEqual(['current', 'test-pack-1.0.0']);
  });
});

describe('install and rollback', () => {
  it('installs newer versions, keeps one previous, and switches back and forth', async () => {
    const store = world.store();
    await store.start();
    expect((await store.install(await buildZip(world, { version: '1.0.0' }))).status).toBe('installed');
    expect((await store.install(await buildZip(world, { version: '1.1.0' }))).status).toBe('installed');
    expect(store.current().info).toMatchObject({ version: '1.1.0', source: 'installed' });
    expect(store.list().map((p) => `${p.source} ${p.version}`)).toEqual(['built-in 0.9.0', 'installed 1.1.0', 'installed 1.0.0']);
    expect(await pointer()).toMatchObject({ current: { dir: 'test-pack-1.1.0' }, previous: { dir: 'test-pack-1.0.0' } });

    expect((await store.install(await buildZip(world, { version: '2.0.0' }))).status).toBe('installed');
    expect((await readdir(join(world.data, 'packs'))).sort()).toEqual(['current', 'test-pack-1.1.0', 'test-pack-2.0.0']);

    const back = await store.rollback();
    expect(back.info).toMatchObject({ version: '1.1.0' });
    expect(store.current().info.version).toBe('1.1.0');
    const again = await store.rollback();
    expect(again.info).toMatchObject({ version: '2.0.0' });
    expect(changes.map((c) => c.version)).toEqual(['0.9.0', '1.0.0', '1.1.0', '2.0.0', '1.1.0', '2.0.0']);
  });

  it('skips a version that is not newer than one already on the kiosk', async () => {
    const store = world.store();
    await store.start();
    await store.install(await buildZip(world, { version: '1.2.0' }));
    const before = await fingerprint(world.data);
    const result = await store.install(await buildZip(world, { version: '1.1.0' }));
    expect(result.status).toBe('skipped');
    expect(result.problems.map(formatProblem)).toEqual(['pack.json: version: test-pack 1.1.0 is not newer than 1.2.0, already on this kiosk']);
    const builtInAgain = await store.install(await buildZip(world, { id: 'test-pack', version: '0.9.0' }));
    expect(builtInAgain.status).toBe('skipped');
    expect(await fingerprint(world.data)).toBe(before);
  });

  it('says there is nothing to roll back to', async () => {
    const store = world.store();
    await store.start();
    expect(await store.rollback()).toEqual({ info: null, reason: 'there is no previous installed pack to go back to' });
    await store.install(await buildZip(world, { version: '1.0.0' }));
    expect((await store.rollback()).info).toBeNull();
  });

  it('keeps text with HTML and script exactly as written', async () => {
    const title = '<script>alert("x")</script> & <b>Bold</b> \'quoted\' </title>';
    const manifest = { ...minimalManifest('test-pack', '1.0.0'), title: { en: title } };
    const store = world.store();
    await store.start();
    expect((await store.install(await buildZip(world, { manifest }))).status).toBe('installed');
    expect(store.current().pack.title.en).toBe(title);
    const restarted = world.store();
    await restarted.start();
    expect(restarted.current().pack.title.en).toBe(title);
  });

  it('installs an unsigned pack only when unsigned packs are allowed', async () => {
    const zip = await buildZip(world, { version: '1.0.0', keys: null });
    const strict = world.store();
    await strict.start();
    expect((await strict.install(zip)).status).toBe('refused');
    const lenient = world.store({ allowUnsigned: true });
    await lenient.start();
    expect((await lenient.install(zip)).status).toBe('installed');
  });
});

describe('a stick pulled out mid-read', () => {
  const assets = Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`data/part-${i}.bin`, randomBytes(256 * 1024)]));

  async function installWhile(spoil: (zip: string) => void): Promise<{ status: string; reasons: string }> {
    const store = world.store();
    await store.start();
    await store.install(await buildZip(world, { version: '1.0.0' }));
    const stick = join(world.root, 'stick', 'crossroads');
    await mkdir(stick, { recursive: true });
    const built = await buildZip(world, { version: '2.0.0', assets });
    const zip = join(stick, 'pack.zip');
    await writeFile(zip, await readFile(built));
    const before = await fingerprint(world.data);
    let spoiled = false;
    const result = await store.install(zip, (fraction) => {
      if (!spoiled && fraction > 0.1) {
        spoiled = true;
        spoil(zip);
      }
    });
    expect(spoiled).toBe(true);
    expect(await fingerprint(world.data)).toBe(before);
    expect(store.current().info.version).toBe('1.0.0');
    expect((await readdir(join(world.data, 'packs'))).filter((n) => n.startsWith('.'))).toEqual([]);
    return { status: result.status, reasons: result.problems.map(formatProblem).join('\n') };
  }

  it('fails clearly when the stick folder disappears', async () => {
    const result = await installWhile((zip) => rmSync(join(zip, '..', '..'), { recursive: true, force: true }));
    expect(result.status).toBe('refused');
    expect(result.reasons).toMatch(/^pack.zip: disappeared while it was being read \(it is gone \(ENOENT\)\); was the stick pulled out\?$/m);
  });

  it('fails clearly when the zip is cut short under the reader', async () => {
    const result = await installWhile((zip) => truncateSync(zip, 4096));
    expect(result.status).toBe('refused');
    expect(result.reasons).toMatch(/^data\/part-\d+.bin: ends before its data does \((unexpected end of file|unexpected EOF)\); the zip is truncated, or the stick was removed while it was read$/m);
  });
});

