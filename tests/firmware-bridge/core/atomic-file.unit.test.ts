// The one atomic replace on real files: the new content or the old, and no
// temporary file left whichever way it ends.

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commitFile, tempPathFor, tempPrefixFor, writeFileAtomic } from '../../../firmware-bridge/core/atomic-file.js';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crossroads-atomic-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes a new file and replaces an old one, leaving only the file', async () => {
    const path = join(dir, 'counts.json');
    await writeFileAtomic(path, '{"a":1}\n');
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n');
    await writeFileAtomic(path, Buffer.from('{"a":2}\n'), { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('{"a":2}\n');
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(dir)).toEqual(['counts.json']);
  });

  it('keeps the old content and no temporary file when the replace fails', async () => {
    const path = join(dir, 'pointer');
    await writeFile(path, 'old\n');
    // A folder where the file should go: the rename cannot replace it.
    const blocked = join(dir, 'blocked');
    await mkdir(join(blocked, 'inside'), { recursive: true });
    await expect(writeFileAtomic(blocked, 'new\n')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['blocked', 'pointer']);
    await expect(writeFileAtomic(join(dir, 'missing', 'x'), 'new\n')).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await readFile(path, 'utf8')).toBe('old\n');
  });
});

describe('tempPathFor and commitFile', () => {
  it('names the temporary file beside the target, hidden, with the prefix cleanup looks for', () => {
    const temp = tempPathFor(join(dir, 'current'));
    expect(dirname(temp)).toBe(dir);
    expect(basename(temp).startsWith(tempPrefixFor('current'))).toBe(true);
    expect(tempPathFor(join(dir, 'current'))).not.toBe(temp);
  });

  it('commits a written temporary file over the target', async () => {
    const path = join(dir, 'pack.zip');
    const temp = tempPathFor(path);
    await writeFile(temp, 'zip bytes');
    await commitFile(temp, path);
    expect(await readFile(path, 'utf8')).toBe('zip bytes');
    expect(await readdir(dir)).toEqual(['pack.zip']);
  });
});
