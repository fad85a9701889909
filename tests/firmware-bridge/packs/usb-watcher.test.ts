// The USB watcher on a temp media folder: sticks appear and disappear as
// folders, exactly as an automounter makes them.

import { copyFile, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { InstallStatus } from '../../../firmware-bridge/api/messages.js';
import type { PackStore } from '../../../firmware-bridge/packs/pack-store.js';
import { UsbWatcher } from '../../../firmware-bridge/packs/usb-watcher.js';
import { minimalManifest } from './helpers/pack-fixtures.js';
import { buildZip, makeWorld, type World } from './helpers/pack-world.js';
import { makeReadOnly } from './helpers/read-only.js';

let world: World;
let store: PackStore;
let watcher: UsbWatcher;
let media: string;
let statuses: InstallStatus[];

beforeEach(async () => {
  world = await makeWorld();
  media = join(world.root, 'media');
  await mkdir(media);
  store = world.store();
  await store.start();
  statuses = [];
  world.bus.on('install.status', (status) => statuses.push(status));
  watcher = new UsbWatcher({ bus: world.bus, log: world.log, store, mediaDir: media, pollMs: 40 });
});

afterEach(async () => {
  await watcher.stop();
  await world.close();
});

async function until<T>(what: string, probe: () => T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; statuses: ${JSON.stringify(statuses)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const finished = (): InstallStatus | undefined => statuses.find((s) => s.phase === 'done' || s.phase === 'failed');

/** Fills a stick outside the media folder, then mounts it at once (a rename), as an automounter does. */
async function stickWith(path: string, zips: Record<string, string>): Promise<string> {
  const outside = join(world.root, 'unmounted', path);
  await mkdir(join(outside, 'crossroads'), { recursive: true });
  for (const [name, zip] of Object.entries(zips)) await copyFile(zip, join(outside, 'crossroads', name));
  await mkdir(join(media, path, '..'), { recursive: true });
  await rename(outside, join(media, path));
  return join(media, path, 'crossroads');
}

it('installs the newest valid version from a new stick and writes the report back', async () => {
  const older = await buildZip(world, { version: '1.1.0' });
  const newest = await buildZip(world, { version: '1.2.0' });
  const broken = await buildZip(world, { version: '1.3.0' });
  await writeFile(broken, (await readFile(broken)).subarray(0, 200));
  await watcher.start();
  const folder = await stickWith('STICK', { 'a-1.1.0.zip': older, 'b-1.2.0.zip': newest, 'c-1.3.0.zip': broken });

  const status = await until('the result', finished);
  expect(store.current().info).toMatchObject({ version: '1.2.0', source: 'installed' });
  expect(status.phase).toBe('done');
  expect(status.lines).toContain('installed test-pack 1.2.0 from b-1.2.0.zip');
  expect(status.lines).toContain('refused c-1.3.0.zip:');
  expect(status.lines.some((l) => /^ {2}c-1.3.0.zip: is not a zip file, or it is truncated/.test(l))).toBe(true);
  expect(status.lines.join('\n')).not.toMatch(/a-1.1.0.zip/);
  expect(statuses[0]).toMatchObject({ phase: 'reading', progress: 0 });

  const names = await readdir(folder);
  const report = names.find((n) => /^report-\d{8}-\d{6}\.txt$/.test(n));
  expect(report).toBeDefined();
  const text = await readFile(join(folder, report!), 'utf8');
  expect(text).toContain('installed test-pack 1.2.0 from b-1.2.0.zip');
  expect(text).toContain('c-1.3.0.zip: is not a zip file');
  expect(text).toContain('pack on screen from the next idle moment: test-pack 1.2.0 (installed)');
  expect(names.sort()).toEqual(['a-1.1.0.zip', 'b-1.2.0.zip', 'c-1.3.0.zip', report!].sort());
});

it('finds sticks one level deeper (/media/USER/STICK), skips what is not newer, and forgets removed sticks', async () => {
  const zip = await buildZip(world, { version: '1.0.0' });
  await watcher.start();
  await stickWith('kiosk/STICK', { 'pack.zip': zip });
  await until('the first install', finished);
  expect(store.current().info.version).toBe('1.0.0');

  await rm(join(media, 'kiosk', 'STICK'), { recursive: true });
  await until('the stick to be forgotten', () => statuses.at(-1)?.phase === 'idle');

  statuses = [];
  await stickWith('kiosk/STICK', { 'pack.zip': zip });
  const again = await until('the second result', finished);
  expect(again.phase).toBe('done');
  expect(again.lines[0]).toBe('skipped pack.zip: test-pack 1.0.0 is not newer than 1.0.0, already on this kiosk');
});

it('shows the result on screen when the stick is read-only', async () => {
  const zip = await buildZip(world, { manifest: { ...minimalManifest('test-pack', '1.0.0'), title: { en: '<script>alert(1)</script>' } } });
  const folder = await stickWith('LOCKED', { 'pack.zip': zip });
  const release = await makeReadOnly(folder);
  try {
    await watcher.start();
    const status = await until('the result', finished);
    expect(status.phase).toBe('done');
    expect(status.lines).toContain('installed test-pack 1.0.0 from pack.zip');
    expect(status.lines.at(-1)).toBe('the report could not be written to the stick (it may be read-only); the result is only on screen');
    expect(store.current().pack.title.en).toBe('<script>alert(1)</script>');
    expect(await readdir(folder)).toEqual(['pack.zip']);
  } finally {
    await watcher.stop();
    await release();
  }
});

it('fails clearly, leaving the pack on screen, when the stick is pulled mid-read', async () => {
  const assets = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`data/part-${i}.bin`, randomBytes(256 * 1024)]));
  const zip = await buildZip(world, { version: '3.0.0', assets });
  watcher = new UsbWatcher({ bus: world.bus, log: world.log, store, mediaDir: media, pollMs: 40, statusEveryMs: 0 });
  await watcher.start();
  const folder = await stickWith('PULLED', { 'pack.zip': zip });
  world.bus.on('install.status', (status) => {
    if (status.phase === 'installing' && status.progress > 0.2) rmSync(join(folder, '..'), { recursive: true, force: true });
  });
  const status = await until('the result', finished);
  expect(status.phase).toBe('failed');
  expect(status.lines.at(-1)).toBe('the stick was removed before reading finished; the pack on screen is unchanged');
  expect(status.lines.join('\n')).toMatch(/pack.zip: disappeared while it was being read .*was the stick pulled out\?|reading stopped: the stick was removed/);
  expect(store.current().info).toMatchObject({ version: '0.9.0', source: 'built-in' });
  expect((await readdir(join(world.data, 'packs'))).filter((n) => n.startsWith('.'))).toEqual([]);
});
