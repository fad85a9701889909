// A pack rolled out over MQTT: the operator publishes the signed pack zip as
// a retained message on crossroads/all/pack (or crossroads/<id>/pack), so a
// kiosk that is off now gets it when it next connects. The kiosk writes the
// bytes to a file under DATA/fleet/incoming and hands it to the same pack
// store as a USB stick: the same signature, version, size and content
// checks, the same lock, the same atomic switch. What happened goes into the
// kiosk's health (`fleet.rollout`), and is kept in DATA/fleet/rollout.json
// so a restarted kiosk still reports it and does not read the same bytes again.

import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { Logger } from '../core/logger.js';
import type { RolloutOutcome } from '../health/health-report.js';
import { formatBytes, formatProblem } from '../packs/pack-problem.js';
import type { InstallResult } from '../packs/pack-store.js';

export type RolloutResult = RolloutOutcome;

export interface PackRolloutOptions {
  log: Logger;
  dataDir: string;
  /** Largest pack accepted over MQTT; the message is held in memory once. */
  maxBytes: number;
  install: (path: string, signal: AbortSignal) => Promise<InstallResult>;
  publish: (result: RolloutResult) => void;
}

/** 64 MiB: a pack over MQTT is held in memory once, on a Raspberry Pi. */
export const DEFAULT_MAX_PACK_BYTES = 64 * 1024 * 1024;

export class PackRollout {
  private queue: Promise<void> = Promise.resolve();
  /** Packs already installed or found not newer: the same bytes, redelivered on reconnect, are not read again. */
  private readonly done = new Set<string>();
  private abort = new AbortController();
  private lastResult: RolloutResult | null = null;

  constructor(private readonly options: PackRolloutOptions) {}

  get incomingDir(): string {
    return join(this.options.dataDir, 'fleet', 'incoming');
  }

  private get resultFile(): string {
    return join(this.options.dataDir, 'fleet', 'rollout.json');
  }

  /** What the last roll-out came to; null before the first. */
  get last(): RolloutResult | null {
    return this.lastResult;
  }

  /** Clears what an interrupted roll-out left, and reads what the last one came to. */
  async start(): Promise<void> {
    this.abort = new AbortController();
    await rm(this.incomingDir, { recursive: true, force: true });
    await mkdir(this.incomingDir, { recursive: true, mode: 0o700 });
    const saved = await readFile(this.resultFile, 'utf8').then((text) => JSON.parse(text) as Partial<RolloutResult>, () => null);
    if (saved && typeof saved.sha256 === 'string' && typeof saved.status === 'string' && Array.isArray(saved.problems)) {
      this.lastResult = saved as RolloutResult;
      if (saved.status !== 'refused') this.done.add(saved.sha256);
    }
  }

  /** Takes a message from a pack topic; packs are installed one at a time, in arrival order. */
  take(topic: string, payload: Buffer): void {
    // An empty retained message is how an operator withdraws a roll-out.
    if (payload.length === 0) return;
    this.queue = this.queue.then(() => this.handle(topic, payload)).catch((error: unknown) => this.options.log.error(`roll-out from ${topic} failed: ${(error as Error).message}`));
  }

  private async handle(topic: string, payload: Buffer): Promise<void> {
    const { log, maxBytes } = this.options;
    const sha256 = createHash('sha256').update(payload).digest('hex');
    if (this.done.has(sha256) || this.abort.signal.aborted) return;
    const base = { topic, sha256, bytes: payload.length, at: new Date().toISOString() };
    if (payload.length > maxBytes) {
      log.warn(`refused a pack of ${formatBytes(payload.length)} from ${topic}: over ${formatBytes(maxBytes)}`);
      await this.finish({ ...base, status: 'refused', pack: null, problems: [`the pack is ${formatBytes(payload.length)}; packs over MQTT may be at most ${formatBytes(maxBytes)}`] });
      return;
    }
    const file = join(this.incomingDir, `${sha256}.zip`);
    let result: InstallResult;
    try {
      await writeFile(file, payload, { mode: 0o600 });
      log.info(`installing the pack rolled out on ${topic} (${formatBytes(payload.length)}, sha256 ${sha256.slice(0, 12)})`);
      result = await this.options.install(file, this.abort.signal);
    } finally {
      await rm(file, { force: true });
    }
    if (result.status !== 'refused') this.done.add(sha256);
    const problems = result.problems.map(formatProblem).map((line) => line.replace(file, `${sha256.slice(0, 12)}.zip`));
    const pack = result.info ? { id: result.info.id, version: result.info.version } : null;
    log[result.status === 'refused' ? 'warn' : 'info'](`roll-out from ${topic}: ${result.status}${pack ? ` ${pack.id} ${pack.version}` : ''}${problems.length ? `: ${problems.join('; ')}` : ''}`);
    await this.finish({ ...base, status: result.status, pack, problems, at: new Date().toISOString() });
  }

  private async finish(result: RolloutResult): Promise<void> {
    this.lastResult = result;
    await writeFileAtomic(this.resultFile, JSON.stringify(result) + '\n', { folderSync: 'best-effort' }).catch((error: Error) =>
      this.options.log.warn(`cannot keep the roll-out outcome: ${error.message}`),
    );
    this.options.publish(result);
  }

  /** Aborts an install in progress (the current pack stays) and waits for it. */
  async stop(): Promise<void> {
    this.abort.abort(new Error('the kiosk is shutting down'));
    await this.queue;
  }
}
