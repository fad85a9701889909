// The running bridge and `crossroads pack` share one data folder: each takes
// the folder's lock to change the packs, a dead holder's lock is taken over,
// and the bridge follows a command-line install or rollback on screen without
// a restart. Real processes: the bridge in-process, the command and a lock
// holder as children, over real files and a real WebSocket.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { projectPaths } from '../../../firmware-bridge/core/project-paths.js';
import { buildPack } from '../../../firmware-bridge/packs/pack-builder.js';
import { startHarness, type Harness } from '../http/bridge-harness.js';
import { prepareChildScript, type ChildScript } from './helpers/child-script.js';
import { makeKeys, minimalManifest, removeDir, writePackFolder, type Keys } from './helpers/pack-fixtures.js';
import { fingerprint } from './helpers/pack-world.js';

const CLI = join(projectPaths().root, 'firmware-bridge', 'cli', 'run.ts');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The real `crossroads` command, as a maintainer runs it. */
function crossroads(args: string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    proc.once('error', reject);
    proc.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

interface Holder {
  pid: number;
  lines: string[];
  /** SIGTERM: releases the lock. SIGKILL: leaves it behind. */
  kill(signal: 'SIGTERM' | 'SIGKILL'): Promise<void>;
}

let root: string;
let keys: Keys;
let holderScript: ChildScript;
const zips: Record<string, string> = {};

async function holdLock(data: string): Promise<Holder> {
  const proc = holderScript.spawn([data]);
  const lines: string[] = [];
  let stderr = '';
  proc.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const held = new Promise<number>((resolve, reject) => {
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      lines.push(line);
      const match = /^held (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    void exited.then(() => reject(new Error(`the lock holder exited before holding the lock: ${lines.join(' | ')} ${stderr}`)));
  });
  const pid = await held;
  return {
    pid,
    lines,
    async kill(signal) {
      proc.kill(signal);
      await exited;
    },
  };
}

async function dataFolder(name: string): Promise<string> {
  const data = join(root, name);
  await mkdir(join(data, 'trusted-keys'), { recursive: true });
  await copyFile(join(root, 'maintainer.pub'), join(data, 'trusted-keys', 'maintainer.pub'));
  return data;
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'crossroads-lock-'));
  keys = makeKeys();
  await writeFile(join(root, 'maintainer.pub'), keys.publicPem);
  for (const version of ['1.0.0', '2.0.0']) {
    const src = join(root, 'src', version);
    await writePackFolder(src, { manifest: minimalManifest('test-pack', version), keys: null });
    zips[version] = join(root, `test-pack-${version}.zip`);
    const built = await buildPack(src, zips[version]!, { privateKeyPem: keys.privatePem });
    if (built.problems.length > 0) throw new Error(JSON.stringify(built.problems));
  }
  holderScript = await prepareChildScript(join(import.meta.dirname, 'helpers', 'lock-holder.ts'), root);
}, 60_000);

afterAll(async () => {
  await removeDir(root);
});

describe('a command-line install beside a running bridge', () => {
  let h: Harness;
  let ws: WebSocket;
  const got: BridgeMessage[] = [];

  beforeAll(async () => {
    h = await startHarness({ dataDir: await dataFolder('running') });
    ws = new WebSocket(h.base.replace('http', 'ws') + '/ws', { origin: h.origin });
    await new Promise((resolve, reject) => {
      ws.on('message', (data) => {
        got.push(JSON.parse(data.toString()) as BridgeMessage);
        resolve(undefined);
      });
      ws.once('error', reject);
    });
  });

  afterAll(async () => {
    ws?.close();
    await h?.close();
  });

  const onScreen = () => {
    const last = got.filter((m) => m.type === 'pack' || m.type === 'hello').at(-1);
    return last && (last.type === 'pack' || last.type === 'hello') ? `${last.packInfo.id} ${last.packInfo.version}` : null;
  };

  it('switches the page to a pack installed with `crossroads pack install`, without a restart', async () => {
    expect(onScreen()).toBe('caspian-2025 1.0.0');
    const data = h.controller.packs.layout.dataDir;
    const ran = await crossroads(['pack', 'install', zips['1.0.0']!, '--data', data]);
    expect(ran, ran.stderr).toMatchObject({ code: 0, stdout: `installed test-pack 1.0.0 into ${data}\n` });
    await expect.poll(onScreen, { timeout: 10_000 }).toBe('test-pack 1.0.0');
    expect(((await (await fetch(h.base + '/health')).json()) as { pack: { id: string; version: string } }).pack).toMatchObject({ id: 'test-pack', version: '1.0.0' });
  });

  it('follows a newer install and a `crossroads pack rollback` too', async () => {
    const data = h.controller.packs.layout.dataDir;
    expect((await crossroads(['pack', 'install', zips['2.0.0']!, '--data', data])).code).toBe(0);
    await expect.poll(onScreen, { timeout: 10_000 }).toBe('test-pack 2.0.0');
    const rolled = await crossroads(['pack', 'rollback', '--data', data]);
    expect(rolled, rolled.stderr).toMatchObject({ code: 0, stdout: 'current pack is now test-pack 1.0.0\n' });
    await expect.poll(onScreen, { timeout: 10_000 }).toBe('test-pack 1.0.0');
    expect(h.controller.packs.list().map((p) => `${p.source} ${p.version}`)).toEqual(['built-in 1.0.0', 'installed 1.0.0', 'installed 2.0.0']);
  });
});

describe('the data folder lock', () => {
  it('makes `crossroads pack install` refuse while another process changes the packs, and take over once it died', async () => {
    const data = await dataFolder('cli-vs-holder');
    const holder = await holdLock(data);
    try {
      const before = await fingerprint(data);
      const refused = await crossroads(['pack', 'install', zips['1.0.0']!, '--data', data]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr).toContain(`the packs are being changed by a test holder (pid ${holder.pid}`);
      expect(await fingerprint(data)).toBe(before);
    } finally {
      // SIGKILL: the holder dies like a power cut would take it, leaving its lock file.
      await holder.kill('SIGKILL');
    }
    expect(existsSync(join(data, 'packs.lock'))).toBe(true);
    const ran = await crossroads(['pack', 'install', zips['1.0.0']!, '--data', data]);
    expect(ran, ran.stderr).toMatchObject({ code: 0 });
    expect(existsSync(join(data, 'packs.lock'))).toBe(false);
  });

  it('makes the bridge wait for another process before it installs', async () => {
    const h = await startHarness({ dataDir: await dataFolder('bridge-waits') });
    const order: string[] = [];
    const holder = await holdLock(h.controller.packs.layout.dataDir);
    try {
      const steps: string[] = [];
      const install = h.controller.packs.install(zips['1.0.0']!, (_fraction, step) => steps.push(step)).then((result) => {
        order.push(`bridge ${result.status}`);
        return result;
      });
      await expect.poll(() => steps, { timeout: 5_000 }).toContain('waiting for another install to finish');
      order.push('holder releases');
      await holder.kill('SIGTERM');
      expect(holder.lines).toContain('released');
      expect((await install).status).toBe('installed');
      expect(order).toEqual(['holder releases', 'bridge installed']);
    } finally {
      await holder.kill('SIGKILL').catch(() => undefined);
      await h.close();
    }
  });

  it('leaves alone, at start-up, the staging folder of an install that another process is running', async () => {
    const data = await dataFolder('startup-cleanup');
    const staging = join(data, 'packs', '.staging-0123456789ab');
    await mkdir(staging, { recursive: true });
    const holder = await holdLock(data);
    let h: Harness | null = null;
    try {
      h = await startHarness({ dataDir: data });
      expect(await readdir(join(data, 'packs'))).toContain('.staging-0123456789ab');
    } finally {
      await h?.close();
      await holder.kill('SIGKILL');
    }
    // With the holder gone, the next start-up clears it.
    const again = await startHarness({ dataDir: data });
    await again.close();
    expect(existsSync(staging)).toBe(false);
  });
});
