// The maintainer's commands end to end, on real files: keygen, build,
// validate, install, rollback, with their exit codes and output.

import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as keygen } from '../../../firmware-bridge/cli/keygen-command.js';
import { run as pack } from '../../../firmware-bridge/cli/pack-command.js';
import { projectPaths } from '../../../firmware-bridge/core/project-paths.js';
import { defaultDataDir } from '../../../firmware-bridge/packs/data-dir.js';
import { ProgressBar } from '../../../firmware-bridge/packs/progress-bar.js';
import { minimalManifest, removeDir, sha256, tempDir, writePackFolder } from './helpers/pack-fixtures.js';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

async function cli(command: typeof pack, args: string[]): Promise<Ran> {
  const out = capture();
  const err = capture();
  const code = await command(args, { stdout: out.stream, stderr: err.stream });
  return { code, stdout: out.text(), stderr: err.text() };
}

let root: string;
let data: string;
let key: string;
let src: string;

beforeAll(async () => {
  root = await tempDir('crossroads-cli-');
  data = join(root, 'data');
  key = join(root, 'maintainer');
  src = join(root, 'src');
  await writePackFolder(src, { manifest: minimalManifest('test-pack', '1.0.0'), assets: { 'data/notes.txt': 'notes\n' }, keys: null });
});

afterAll(async () => {
  await removeDir(root);
});

describe('keygen', () => {
  it('writes a private key only its owner can read, and a public key', async () => {
    const ran = await cli(keygen, ['-o', key]);
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain(`wrote ${key}.key`);
    expect((await stat(`${key}.key`)).mode & 0o777).toBe(0o600);
    expect(await readFile(`${key}.key`, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(await readFile(`${key}.pub`, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('never overwrites a key, and needs -o', async () => {
    const before = await readFile(`${key}.key`, 'utf8');
    expect((await cli(keygen, ['-o', key])).code).toBe(1);
    expect(await readFile(`${key}.key`, 'utf8')).toBe(before);
    expect((await cli(keygen, [])).code).toBe(2);
    expect((await cli(keygen, ['--bogus'])).code).toBe(2);
  });
});

describe('build, validate, install, rollback', () => {
  const zip1 = () => join(root, 'pack-1.0.0.zip');
  const zip2 = () => join(root, 'pack-2.0.0.zip');

  it('builds a signed zip, filling in the hashes, the same bytes every time', async () => {
    const before = (await readdir(src, { recursive: true })).sort();
    const ran = await cli(pack, ['build', src, '-o', zip1(), '--key', `${key}.key`]);
    expect(ran.code, ran.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(src, 'pack.json'), 'utf8'));
    expect(manifest.files).toEqual({ 'data/notes.txt': sha256('notes\n') });
    // The signature goes into the zip only: a build adds no file to the folder it reads.
    expect(existsSync(join(src, 'pack.sig'))).toBe(false);
    expect((await readdir(src, { recursive: true })).sort()).toEqual(before);
    const first = await readFile(zip1());
    expect((await cli(pack, ['build', src, '-o', zip1(), '--key', `${key}.key`])).code).toBe(0);
    expect((await readFile(zip1())).equals(first)).toBe(true);
  });

  it('validates against the trusted keys of the data folder', async () => {
    const untrusted = await cli(pack, ['validate', zip1(), '--data', data]);
    expect(untrusted.code).toBe(1);
    expect(untrusted.stdout).toMatch(/^pack.sig: cannot be trusted: there are no trusted keys in .*trusted-keys; copy the publisher's NAME.pub there\n$/);

    await mkdir(join(data, 'trusted-keys'), { recursive: true });
    await copyFile(`${key}.pub`, join(data, 'trusted-keys', 'maintainer.pub'));
    const ok = await cli(pack, ['validate', zip1(), '--data', data]);
    expect(ok).toMatchObject({ code: 0, stdout: `valid: test-pack 1.0.0 (${zip1()})\n` });
    // The folder holds no signature (that is in the zip); its hashes are right.
    const folder = await cli(pack, ['validate', src, '--data', data, '--json', '--allow-unsigned']);
    expect(folder.code).toBe(0);
    expect(JSON.parse(folder.stdout)).toEqual({ path: src, valid: true, pack: { id: 'test-pack', version: '1.0.0' }, problems: [] });
  });

  it('prints one reason a line for an invalid pack, and JSON on request', async () => {
    await writeFile(join(src, 'data', 'notes.txt'), 'edited\n');
    await writeFile(join(src, 'stray.txt'), 'stray\n');
    const ran = await cli(pack, ['validate', src, '--data', data, '--allow-unsigned']);
    expect(ran.code).toBe(1);
    expect(ran.stdout.trimEnd().split('\n')).toEqual([
      'stray.txt: is in the pack but not listed in pack.json "files" (files added after signing are refused)',
      `data/notes.txt: has sha256 ${sha256('edited\n')}, but pack.json "files" says ${sha256('notes\n')}: the file was changed after the pack was built`,
    ]);
    const json = JSON.parse((await cli(pack, ['validate', src, '--data', data, '--json', '--allow-unsigned'])).stdout);
    expect(json.valid).toBe(false);
    expect(json.problems).toContainEqual({ file: 'stray.txt', field: '', message: expect.stringContaining('not listed') });
  });

  it('builds version 2 after edits, and refuses to build a pack that breaks the rules', async () => {
    const manifest = JSON.parse(await readFile(join(src, 'pack.json'), 'utf8'));
    await writeFile(join(src, 'pack.json'), JSON.stringify({ ...manifest, version: '2.0.0', languages: [] }, null, 2));
    const bad = await cli(pack, ['build', src, '-o', zip2(), '--key', `${key}.key`]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^pack.json: languages: /m);
    expect(existsSync(zip2())).toBe(false);
    await writeFile(join(src, 'pack.json'), JSON.stringify({ ...manifest, version: '2.0.0' }, null, 2));
    expect((await cli(pack, ['build', src, '-o', zip2(), '--key', `${key}.key`])).code).toBe(0);
  });

  it('installs, refuses what is not newer, and rolls back', async () => {
    expect(await cli(pack, ['install', zip1(), '--data', data])).toMatchObject({ code: 0, stdout: `installed test-pack 1.0.0 into ${data}\n` });
    expect(await cli(pack, ['install', zip2(), '--data', data])).toMatchObject({ code: 0, stdout: `installed test-pack 2.0.0 into ${data}\n` });
    const again = await cli(pack, ['install', zip1(), '--data', data]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('pack.json: version: test-pack 1.0.0 is not newer than 2.0.0, already on this kiosk');
    expect(await cli(pack, ['rollback', '--data', data])).toMatchObject({ code: 0, stdout: 'current pack is now test-pack 1.0.0\n' });
    const pointer = JSON.parse(await readFile(join(data, 'packs', 'current'), 'utf8'));
    expect(pointer).toMatchObject({ current: { dir: 'test-pack-1.0.0' }, previous: { dir: 'test-pack-2.0.0' } });
    expect(await cli(pack, ['rollback', '--data', join(root, 'empty')])).toMatchObject({
      code: 1,
      stderr: 'nothing rolled back: there is no previous installed pack to go back to\n',
    });
  });

  it('answers usage mistakes with exit code 2', async () => {
    expect((await cli(pack, [])).code).toBe(2);
    expect((await cli(pack, ['frobnicate'])).code).toBe(2);
    expect((await cli(pack, ['validate'])).code).toBe(2);
    expect((await cli(pack, ['validate', 'a', 'b'])).code).toBe(2);
    expect((await cli(pack, ['validate', zip1(), '--bogus'])).code).toBe(2);
    expect((await cli(pack, ['build', src])).code).toBe(2);
    expect((await cli(pack, ['rollback', 'extra'])).code).toBe(2);
  });

  it('runs through the crossroads entry point with the same exit code', () => {
    const entry = join(projectPaths().root, 'firmware-bridge', 'cli', 'run.ts');
    const missing = join(root, 'missing.zip');
    const bad = spawnSync(process.execPath, ['--import', 'tsx', entry, 'pack', 'validate', missing, '--data', data], { encoding: 'utf8' });
    expect(bad.status, bad.stderr).toBe(1);
    expect(bad.stdout).toBe(`${missing}: cannot be read (it is gone (ENOENT))\n`);
  }, 30_000);
});

describe('helpers', () => {
  it('defaults the data folder to /var/lib/crossroads when installed, else var/ in the checkout', () => {
    expect(defaultDataDir('/opt/crossroads/dist/node/firmware-bridge/packs/data-dir.js')).toBe('/var/lib/crossroads');
    expect(defaultDataDir('/usr/lib/crossroads/firmware-bridge/packs/data-dir.js')).toBe('/var/lib/crossroads');
    expect(defaultDataDir(join(projectPaths().root, 'firmware-bridge', 'packs', 'data-dir.ts'))).toBe(join(projectPaths().root, 'var'));
  });

  it('draws a progress bar only on a terminal', () => {
    const tty = Object.assign(capture(), {});
    const bar = new ProgressBar(Object.assign(tty.stream, { isTTY: true }));
    bar.update(0.5, 'reading data/notes.txt');
    bar.done();
    expect(tty.text()).toContain('\r[###############...............]  50% reading data/notes.txt');
    const pipe = capture();
    const quiet = new ProgressBar(pipe.stream);
    quiet.update(0.5, 'x');
    quiet.done();
    expect(pipe.text()).toBe('');
  });
});
