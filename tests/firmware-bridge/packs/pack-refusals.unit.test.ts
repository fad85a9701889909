// Every way a pack zip is refused: each gives its own reason, and the pack
// that was current stays current, byte for byte.

import { randomBytes } from 'node:crypto';
import { writeFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, formatProblem, type PackLimits } from '../../../firmware-bridge/packs/pack-problem.js';
import { signBytes } from '../../../firmware-bridge/packs/pack-signature.js';
import type { CraftedEntry } from './helpers/zip-writer.js';
import { folderEntries, makeKeys, minimalManifest, sha256, writePackFolder, writeZip } from './helpers/pack-fixtures.js';
import { buildZip, fingerprint, makeWorld, type World } from './helpers/pack-world.js';

let world: World;
let baseline: string;
let n = 0;

/** The entries of a valid, signed 2.0.0 pack, to be spoiled by each case. */
async function validEntries(options: { manifest?: Record<string, unknown>; assets?: Record<string, string | Buffer>; sign?: boolean } = {}): Promise<CraftedEntry[]> {
  const dir = join(world.root, 'crafted', String(++n));
  await writePackFolder(dir, {
    manifest: options.manifest ?? minimalManifest('test-pack', '2.0.0'),
    assets: options.assets ?? { 'data/notes.txt': 'notes\n', 'images/map.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>' },
    keys: options.sign === false ? null : world.keys,
  });
  return folderEntries(dir);
}

async function zipOf(entries: CraftedEntry[]): Promise<string> {
  return writeZip(join(world.root, `crafted-${++n}.zip`), entries);
}

async function expectRefused(zip: string, expected: { file?: string; field?: string; message: RegExp }, limits?: PackLimits): Promise<void> {
  const store = world.store(limits ? { limits } : {});
  const result = await store.install(zip);
  expect(result.status, result.problems.map(formatProblem).join('\n')).toBe('refused');
  const match = result.problems.find(
    (p) => expected.message.test(p.message) && (expected.file === undefined || p.file === expected.file) && (expected.field === undefined || p.field === expected.field),
  );
  expect(match, `no reason like ${JSON.stringify({ ...expected, message: String(expected.message) })} in:\n${result.problems.map(formatProblem).join('\n')}`).toBeDefined();
  expect(await fingerprint(world.data)).toBe(baseline);
  const restarted = world.store();
  await restarted.start();
  expect(restarted.current().info).toMatchObject({ id: 'test-pack', version: '1.0.0', source: 'installed' });
}

beforeAll(async () => {
  world = await makeWorld();
  const store = world.store();
  await store.start();
  const installed = await store.install(await buildZip(world, { version: '1.0.0' }));
  expect(installed.status).toBe('installed');
  baseline = await fingerprint(world.data);
});

afterAll(async () => {
  await world.close();
});

describe('unsafe zip entries', () => {
  it('refuses an entry that climbs out with ..', async () => {
    const zip = await zipOf([...(await validEntries()), { name: '../evil.txt', data: Buffer.from('x') }]);
    await expectRefused(zip, { field: 'entry "../evil.txt"', message: /climbs out of the pack folder/ });
  });

  it('refuses an absolute path', async () => {
    const zip = await zipOf([...(await validEntries()), { name: '/tmp/evil.txt', data: Buffer.from('x') }]);
    await expectRefused(zip, { field: 'entry "/tmp/evil.txt"', message: /absolute path/ });
  });

  it('refuses backslashes used as separators', async () => {
    const zip = await zipOf([...(await validEntries()), { name: 'data\\..\\..\\evil.txt', data: Buffer.from('x') }]);
    await expectRefused(zip, { message: /backslashes/ });
  });

  it('refuses a symbolic link entry', async () => {
    const zip = await zipOf([...(await validEntries()), { name: 'data/link', data: Buffer.from('/etc/passwd'), unixMode: 0o120777 }]);
    await expectRefused(zip, { field: 'entry "data/link"', message: /symbolic link/ });
  });

  it('refuses a device entry', async () => {
    const zip = await zipOf([...(await validEntries()), { name: 'data/tty', unixMode: 0o020644 }]);
    await expectRefused(zip, { field: 'entry "data/tty"', message: /character device/ });
  });

  it('refuses a name that appears twice', async () => {
    const entries = await validEntries();
    const zip = await zipOf([...entries, { name: 'data/notes.txt', data: Buffer.from('the other notes\n') }]);
    await expectRefused(zip, { field: 'entry "data/notes.txt"', message: /appears twice/ });
  });
});

describe('limits', () => {
  it('refuses a zip bomb once the inflated bytes pass the limit', async () => {
    const zeros = Buffer.alloc(3 * 1024 * 1024);
    const zip = await zipOf(await validEntries({ assets: { 'data/zeros.bin': zeros } }));
    expect((await readFile(zip)).length).toBeLessThan(64 * 1024);
    await expectRefused(zip, { message: /expands past 1 MiB \(counted while inflating\)/ }, { ...DEFAULT_LIMITS, maxExpandedBytes: 1024 * 1024 });
  });

  it('refuses, with the real limits, an entry that inflates past the size its header declares', async () => {
    const zeros = Buffer.alloc(8 * 1024 * 1024);
    const entries = (await validEntries({ assets: { 'data/zeros.bin': zeros } })).map((e) =>
      e.name === 'data/zeros.bin' ? { ...e, declaredSize: 1024 } : e,
    );
    await expectRefused(await zipOf(entries), { file: 'data/zeros.bin', message: /inflates to a different size than the zip header declares/ });
  });

  it('refuses too many entries', async () => {
    const zip = await zipOf(await validEntries());
    await expectRefused(zip, { message: /has 4 entries; the most accepted is 3/ }, { ...DEFAULT_LIMITS, maxEntries: 3 });
  });

  it('refuses a zip larger than the limit', async () => {
    const zip = await zipOf(await validEntries());
    await expectRefused(zip, { message: /the largest zip accepted is 100 bytes/ }, { ...DEFAULT_LIMITS, maxZipBytes: 100 });
  });
});

describe('damaged zips', () => {
  it('refuses a truncated zip', async () => {
    const good = await readFile(await zipOf(await validEntries()));
    const zip = join(world.root, 'truncated.zip');
    await writeFile(zip, good.subarray(0, Math.floor(good.length * 0.6)));
    await expectRefused(zip, { file: 'truncated.zip', message: /is not a zip file, or it is truncated/ });
  });

  it('refuses a zip whose entry header is corrupt', async () => {
    const bytes = Buffer.from(await readFile(await zipOf(await validEntries())));
    bytes[1] ^= 0xff;
    const zip = join(world.root, 'corrupt.zip');
    await writeFile(zip, bytes);
    await expectRefused(zip, { file: 'data/notes.txt', message: /the zip is damaged \(invalid local file header signature/ });
  });

  it('refuses a file that is not a zip at all', async () => {
    const zip = join(world.root, 'noise.zip');
    await writeFile(zip, randomBytes(4096));
    await expectRefused(zip, { file: 'noise.zip', message: /is not a zip file/ });
  });
});

describe('files and manifest', () => {
  it('refuses a pack missing a listed file', async () => {
    const zip = await zipOf((await validEntries()).filter((e) => e.name !== 'data/notes.txt'));
    await expectRefused(zip, { file: 'data/notes.txt', message: /is listed in pack.json "files" but is not in the pack/ });
  });

  it('refuses an unlisted extra file', async () => {
    const zip = await zipOf([...(await validEntries()), { name: 'data/extra.txt', data: Buffer.from('slipped in') }]);
    await expectRefused(zip, { file: 'data/extra.txt', message: /not listed in pack.json "files"/ });
  });

  it('refuses a file altered after signing', async () => {
    const entries = (await validEntries()).map((e) => (e.name === 'data/notes.txt' ? { ...e, data: Buffer.from('changed\n') } : e));
    await expectRefused(await zipOf(entries), { file: 'data/notes.txt', message: new RegExp(`has sha256 ${sha256('changed\n')}, but pack.json "files" says ${sha256('notes\n')}`) });
  });

  it('refuses a manifest that breaks the rules', async () => {
    const manifest = minimalManifest('test-pack', '2.0.0');
    (manifest.scenarios as { corridors: string[] }[])[0]!.corridors = ['nowhere'];
    await expectRefused(await zipOf(await validEntries({ manifest })), { file: 'pack.json', field: 'scenarios[0].corridors[0]', message: /corridor 'nowhere'/ });
  });

  it('refuses a manifest naming an asset the pack does not carry', async () => {
    const manifest = { ...minimalManifest('test-pack', '2.0.0'), strings: { logo: { en: 'images/logo.svg' } } };
    await expectRefused(await zipOf(await validEntries({ manifest })), { file: 'pack.json', field: 'strings.logo.en', message: /names the file "images\/logo.svg", which is not in the pack/ });
  });

  it('refuses a pack that needs a newer kiosk', async () => {
    const manifest = { ...minimalManifest('test-pack', '2.0.0'), minKioskVersion: '9.0.0' };
    await expectRefused(await zipOf(await validEntries({ manifest })), { field: 'minKioskVersion', message: /needs kiosk 9.0.0 or newer, and this kiosk is 0.1.0/ });
  });
});

describe('signatures', () => {
  it('refuses a pack with no signature', async () => {
    await expectRefused(await zipOf(await validEntries({ sign: false })), { file: 'pack.sig', message: /is missing: the pack is not signed/ });
  });

  it('refuses a pack signed by a key that is not trusted', async () => {
    const stranger = makeKeys();
    const valid = await validEntries();
    const manifestBytes = valid.find((e) => e.name === 'pack.json')!.data!;
    const entries = valid.map((e) => (e.name === 'pack.sig' ? { ...e, data: Buffer.from(signBytes(manifestBytes, stranger.privatePem)) } : e));
    await expectRefused(await zipOf(entries), { file: 'pack.sig', message: /does not match: .*trusted: publisher.pub/ });
  });

  it('refuses a manifest changed after signing', async () => {
    const entries = (await validEntries()).map((e) =>
      e.name === 'pack.json' ? { ...e, data: Buffer.from(e.data!.toString().replace('Test pack', 'Changed pack')) } : e,
    );
    await expectRefused(await zipOf(entries), { file: 'pack.sig', message: /pack.json was changed after signing/ });
  });
});

