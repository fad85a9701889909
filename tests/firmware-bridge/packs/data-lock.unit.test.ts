// The data folder's lock file on its own: who waits, who is refused, and
// which leftovers count as stale (a dead pid, another boot, a file its
// writer never finished).

import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataLock, DataLockBusy } from '../../../firmware-bridge/packs/data-lock.js';

// Above Linux's largest pid_max (2^22): no process can have it.
const NO_SUCH_PID = 4_194_305;

let dir: string;
let path: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crossroads-datalock-'));
  path = join(dir, 'packs.lock');
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const holderFile = (fields: Record<string, unknown>) =>
  writeFile(path, JSON.stringify({ pid: process.pid, boot: null, since: '2025-01-01T00:00:00.000Z', what: 'someone', token: 'feed', ...fields }));

describe('DataLock', () => {
  it('writes its holder into the file and removes it on release', async () => {
    const held = await new DataLock(path, 'crossroads start').acquire({ waitMs: 0 });
    expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ pid: process.pid, what: 'crossroads start' });
    await held.release();
    await expect(readFile(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('refuses a second writer while the first holds it, naming the first', async () => {
    const first = await new DataLock(path, 'crossroads pack install').acquire({ waitMs: 0 });
    const error = await new DataLock(path, 'crossroads start').acquire({ waitMs: 0 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataLockBusy);
    expect((error as Error).message).toContain(`crossroads pack install (pid ${process.pid}`);
    await first.release();
    await (await new DataLock(path, 'crossroads start').acquire({ waitMs: 0 })).release();
  });

  it('lets a waiting writer in once the holder releases', async () => {
    const first = await new DataLock(path, 'first').acquire({ waitMs: 0 });
    let waiting = false;
    const second = new DataLock(path, 'second').acquire({ waitMs: 10_000, onWait: () => (waiting = true) });
    await expect.poll(() => waiting).toBe(true);
    await first.release();
    const held = await second;
    expect(JSON.parse(await readFile(path, 'utf8')).what).toBe('second');
    await held.release();
  });

  it('takes over the lock of a pid that no longer runs, or of an earlier boot', async () => {
    await holderFile({ pid: NO_SUCH_PID });
    await (await new DataLock(path, 'next').acquire({ waitMs: 0 })).release();
    await holderFile({ boot: 'an-earlier-boot' });
    const boot = await readFile('/proc/sys/kernel/random/boot_id', 'utf8').catch(() => null);
    if (boot) await (await new DataLock(path, 'next').acquire({ waitMs: 0 })).release();
    else await expect(new DataLock(path, 'next').acquire({ waitMs: 0 })).rejects.toBeInstanceOf(DataLockBusy);
  });

  it('waits for a file being written, but takes over one left unwritten for long', async () => {
    await writeFile(path, '');
    await expect(new DataLock(path, 'next').acquire({ waitMs: 0 })).rejects.toBeInstanceOf(DataLockBusy);
    const old = new Date(Date.now() - 60_000);
    await utimes(path, old, old);
    await (await new DataLock(path, 'next').acquire({ waitMs: 0 })).release();
  });

  it('never removes a lock that is not its own', async () => {
    const held = await new DataLock(path, 'first').acquire({ waitMs: 0 });
    await holderFile({ what: 'someone else', token: 'other' });
    await held.release();
    expect(JSON.parse(await readFile(path, 'utf8')).what).toBe('someone else');
  });
});
