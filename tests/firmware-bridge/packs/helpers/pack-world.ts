// A kiosk's data folder in a temp dir: a trusted key, a built-in pack and a
// PackStore, plus a fingerprint of everything installed, to prove that a
// refused install changed nothing.

import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EventBus } from '../../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../../firmware-bridge/core/logger.js';
import { buildPack } from '../../../../firmware-bridge/packs/pack-builder.js';
import type { PackLimits } from '../../../../firmware-bridge/packs/pack-problem.js';
import { PackStore } from '../../../../firmware-bridge/packs/pack-store.js';
import { makeDataDir, makeKeys, minimalManifest, removeDir, tempDir, writePackFolder, type Keys } from './pack-fixtures.js';

export const KIOSK_VERSION = '0.1.0';

export interface World {
  root: string;
  keys: Keys;
  data: string;
  builtIn: string;
  bus: EventBus;
  log: ReturnType<typeof createMemoryLogger>;
  store(options?: { limits?: PackLimits; allowUnsigned?: boolean }): PackStore;
  /** Stops every store this world made, then removes its folders: a running store watches its data folder. */
  close(): Promise<void>;
}

export async function makeWorld(): Promise<World> {
  const root = await tempDir();
  const keys = makeKeys();
  const data = await makeDataDir(root, keys);
  const builtIn = join(root, 'built-in');
  await writePackFolder(builtIn, { manifest: minimalManifest('test-pack', '0.9.0'), keys: null });
  const bus = new EventBus();
  const log = createMemoryLogger();
  const stores: PackStore[] = [];
  return {
    root,
    keys,
    data,
    builtIn,
    bus,
    log,
    store: (options = {}) => {
      const store = new PackStore({ bus, log, dataDir: data, builtInDir: builtIn, kioskVersion: KIOSK_VERSION, ...options });
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores.splice(0)) await store.stop();
      await removeDir(root);
    },
  };
}

let counter = 0;

/** Builds a signed zip with the real builder; returns its path. */
export async function buildZip(
  world: World,
  options: { id?: string; version?: string; manifest?: Record<string, unknown>; assets?: Record<string, string | Buffer>; keys?: Keys | null } = {},
): Promise<string> {
  const name = `${options.id ?? 'test-pack'}-${options.version ?? '1.0.0'}-${++counter}`;
  const src = join(world.root, 'src', name);
  await writePackFolder(src, {
    manifest: options.manifest ?? minimalManifest(options.id, options.version),
    assets: options.assets,
    keys: null,
  });
  const out = join(world.root, `${name}.zip`);
  const keys = options.keys === undefined ? world.keys : options.keys;
  const result = await buildPack(src, out, keys ? { privateKeyPem: keys.privatePem } : {});
  if (result.problems.length > 0) throw new Error(`fixture did not build: ${JSON.stringify(result.problems)}`);
  return out;
}

/** Every name and file hash under DATA/packs, and the pointer's text. */
export async function fingerprint(data: string): Promise<string> {
  const hash = createHash('sha256');
  const walk = async (dir: string, prefix: string): Promise<void> => {
    let items;
    try {
      items = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
    } catch {
      return;
    }
    for (const item of items) {
      hash.update(`${prefix}${item.name}\n`);
      if (item.isDirectory()) await walk(join(dir, item.name), `${prefix}${item.name}/`);
      else hash.update(await readFile(join(dir, item.name)));
    }
  };
  await walk(join(data, 'packs'), '');
  return hash.digest('hex');
}
