// A power cut during an install, simulated by SIGKILL of an installing child
// process at points spread over the whole install: after every kill, start-up
// finds a complete, valid pack current — the old one or the new one, never a
// mix — and no staging left behind.

import { randomBytes } from 'node:crypto';
import { cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PackStore } from '../../../firmware-bridge/packs/pack-store.js';
import { buildZip, KIOSK_VERSION, makeWorld, type World } from './helpers/pack-world.js';
import { prepareChildScript, type ChildScript } from './helpers/child-script.js';

let world: World;
let template: string;
let zip: string;
let child: ChildScript;

interface Run {
  lines: string[];
  killed: boolean;
  /** From the child's first line to its exit: the install itself, without process start-up. */
  installMs: number;
}

/** Runs the installer into `data`; kills it after `kill.line` lines or `kill.ms` after it is ready. */
function runInstall(data: string, kill: { line?: number; ms?: number }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const proc = child.spawn([data, world.builtIn, zip]);
    const lines: string[] = [];
    let timer: NodeJS.Timeout | undefined;
    let readyAt = Date.now();
    let stderr = '';
    proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      if (line === 'ready') readyAt = Date.now();
      if (line === 'ready' && kill.ms !== undefined) timer = setTimeout(() => proc.kill('SIGKILL'), kill.ms);
      if (kill.line !== undefined && lines.length === kill.line) proc.kill('SIGKILL');
    });
    proc.on('error', reject);
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`installer failed (${code}): ${stderr}`));
      else resolve({ lines, killed: signal === 'SIGKILL', installMs: Date.now() - readyAt });
    });
  });
}

async function resetData(data: string): Promise<void> {
  await rm(data, { recursive: true, force: true });
  await cp(template, data, { recursive: true });
}

/** Start-up after the cut: what is current, checked the way the bridge checks it. */
async function startUp(data: string): Promise<string> {
  const store = new PackStore({ bus: world.bus, log: world.log, dataDir: data, builtInDir: world.builtIn, kioskVersion: KIOSK_VERSION });
  await store.start();
  // Stopped before the folder is reset: a running store watches it and holds its lock.
  const info = store.current().info;
  await store.stop();
  expect(info.source, world.log.lines.slice(-3).join('\n')).toBe('installed');
  const packs = join(data, 'packs');
  const names = (await readdir(packs)).sort();
  expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
  const pointer = JSON.parse(await readFile(join(packs, 'current'), 'utf8')) as { current: { dir: string }; previous: { dir: string } | null };
  if (info.version === '2.0.0') {
    expect(pointer).toMatchObject({ current: { dir: 'test-pack-2.0.0' }, previous: { dir: 'test-pack-1.0.0' } });
    expect(names).toEqual(['current', 'test-pack-1.0.0', 'test-pack-2.0.0']);
  } else {
    expect(info.version).toBe('1.0.0');
    expect(pointer.current.dir).toBe('test-pack-1.0.0');
    expect(names).toEqual(['current', 'test-pack-1.0.0']);
  }
  return info.version;
}

beforeAll(async () => {
  world = await makeWorld();
  const store = world.store();
  await store.start();
  expect((await store.install(await buildZip(world, { version: '1.0.0' }))).status).toBe('installed');
  await store.stop();
  template = join(world.root, 'template');
  await cp(world.data, template, { recursive: true });
  const assets = Object.fromEntries(Array.from({ length: 16 }, (_, i) => [`data/part-${String(i).padStart(2, '0')}.bin`, randomBytes(16 * 1024)]));
  zip = await buildZip(world, { version: '2.0.0', assets });
  child = await prepareChildScript(join(import.meta.dirname, 'helpers', 'install-child.ts'), world.root);
}, 60_000);

afterAll(async () => {
  await world.close();
});

it('leaves the old or the new pack complete and current after a kill at any point', { timeout: 180_000 }, async () => {
  const data = world.data;
  await resetData(data);
  const full = await runInstall(data, {});
  expect(full.lines.at(-1)).toBe('result installed');
  expect(await startUp(data)).toBe('2.0.0');

  const total = full.lines.length;
  const points: { line?: number; ms?: number }[] = [];
  // Spread over every progress line, then the last steps (sync, rename, pointer switch) once more, then by time.
  for (let i = 0; i < 16; i++) points.push({ line: 1 + Math.round((i * (total - 2)) / 15) });
  for (let back = 5; back >= 2; back--) points.push({ line: total - back });
  for (let i = 1; i <= 4; i++) points.push({ ms: Math.round((full.installMs * i) / 5) });

  const outcomes: Record<string, number> = {};
  let kills = 0;
  for (const point of points) {
    await resetData(data);
    const run = await runInstall(data, point);
    if (run.killed) kills++;
    const version = await startUp(data);
    outcomes[version] = (outcomes[version] ?? 0) + 1;
  }
  expect(kills).toBeGreaterThanOrEqual(20);
  expect(outcomes['1.0.0']).toBeGreaterThan(0);
  expect(outcomes['2.0.0']).toBeGreaterThan(0);
  // After a cut and a start-up, the same install runs cleanly.
  await resetData(data);
  await runInstall(data, { line: Math.round(total / 2) });
  await startUp(data);
  expect((await runInstall(data, {})).lines.at(-1)).toBe('result installed');
  expect(await startUp(data)).toBe('2.0.0');
});
