// One writer at a time in the data folder's packs, across processes: the
// running bridge (USB installs, rollbacks, start-up cleanup) and the
// `crossroads pack` command. The lock is a file created with O_EXCL holding
// its holder's pid and boot id. A holder that died (SIGKILL, power cut)
// leaves the file behind; its pid no longer runs, or the machine has booted
// since, so the next writer recognises it as stale and breaks it.

import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface LockHolder {
  pid: number;
  /** /proc/sys/kernel/random/boot_id when the lock was taken; null where there is none. */
  boot: string | null;
  since: string;
  /** What holds it, for the message a waiting writer shows: "crossroads start", "crossroads pack install". */
  what: string;
  token: string;
}

export class DataLockBusy extends Error {
  constructor(
    readonly path: string,
    readonly holder: LockHolder | null,
  ) {
    super(
      holder
        ? `the packs are being changed by ${holder.what} (pid ${holder.pid}, since ${holder.since}); try again when it has finished`
        : `the packs are being changed by another process (${path}); try again when it has finished`,
    );
    this.name = 'DataLockBusy';
  }
}

export interface AcquireOptions {
  /** How long to wait for a live holder; 0 tries once. */
  waitMs: number;
  /** Called once when the lock is held by someone else and this starts to wait. */
  onWait?: (holder: LockHolder | null) => void;
}

/** An empty or half-written lock file older than this is a holder that died between create and write. */
const UNREADABLE_STALE_MS = 10_000;
const POLL_MS = 25;

async function currentBoot(): Promise<string | null> {
  try {
    return (await readFile('/proc/sys/kernel/random/boot_id', 'utf8')).trim() || null;
  } catch {
    return null;
  }
}

function parseHolder(text: string): LockHolder | null {
  try {
    const value = JSON.parse(text) as Partial<LockHolder>;
    if (!Number.isInteger(value.pid) || typeof value.token !== 'string') return null;
    return { pid: value.pid!, boot: typeof value.boot === 'string' ? value.boot : null, since: String(value.since), what: String(value.what), token: value.token };
  } catch {
    return null;
  }
}

function pidRuns(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export class DataLock {
  constructor(
    readonly path: string,
    private readonly what: string,
  ) {}

  /** Takes the lock, waiting up to waitMs for a live holder; throws DataLockBusy after that. */
  async acquire(options: AcquireOptions): Promise<HeldLock> {
    await mkdir(dirname(this.path), { recursive: true });
    const boot = await currentBoot();
    const deadline = Date.now() + options.waitMs;
    let waited = false;
    for (;;) {
      const mine: LockHolder = { pid: process.pid, boot, since: new Date().toISOString(), what: this.what, token: randomBytes(8).toString('hex') };
      if (await this.tryCreate(mine)) return new HeldLock(this.path, mine.token);
      const { text, holder } = await this.readHolder();
      if (text === null) continue; // released meanwhile: try again at once
      if (await this.isStale(holder, boot)) {
        await this.breakStale(text);
        continue;
      }
      if (Date.now() >= deadline) throw new DataLockBusy(this.path, holder);
      if (!waited) options.onWait?.(holder);
      waited = true;
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  /** Runs `task` holding the lock, and releases it however the task ends. */
  async run<T>(options: AcquireOptions, task: () => Promise<T>): Promise<T> {
    const held = await this.acquire(options);
    try {
      return await task();
    } finally {
      await held.release();
    }
  }

  private async tryCreate(holder: LockHolder): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.path, 'wx', 0o644);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw error;
    }
    try {
      await handle.writeFile(JSON.stringify(holder) + '\n');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return true;
  }

  private async readHolder(): Promise<{ text: string | null; holder: LockHolder | null }> {
    try {
      const text = await readFile(this.path, 'utf8');
      return { text, holder: parseHolder(text) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { text: null, holder: null };
      throw error;
    }
  }

  private async isStale(holder: LockHolder | null, boot: string | null): Promise<boolean> {
    if (!holder) {
      // Being written right now, or its writer died before writing: only age tells.
      const age = await stat(this.path).then((s) => Date.now() - s.mtimeMs, () => 0);
      return age > UNREADABLE_STALE_MS;
    }
    if (holder.boot !== null && boot !== null && holder.boot !== boot) return true;
    return !pidRuns(holder.pid);
  }

  /**
   * Moves the stale file aside with one rename, so two writers breaking it at
   * once cannot both succeed; if what was moved is not the stale file judged
   * (a fresh lock replaced it meanwhile), it is put back.
   */
  private async breakStale(staleText: string): Promise<void> {
    const aside = `${this.path}.stale-${randomBytes(6).toString('hex')}`;
    try {
      await rename(this.path, aside);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    const moved = await readFile(aside, 'utf8').catch(() => staleText);
    if (moved !== staleText) await link(aside, this.path).catch(() => undefined);
    await rm(aside, { force: true });
  }
}

export class HeldLock {
  private released = false;

  constructor(
    private readonly path: string,
    private readonly token: string,
  ) {}

  /** Removes the lock file, only if it is still this holder's. */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    const text = await readFile(this.path, 'utf8').catch(() => null);
    if (text !== null && parseHolder(text)?.token === this.token) await rm(this.path, { force: true });
  }
}
