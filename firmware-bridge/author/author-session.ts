// The author's studio in the bridge: checks the pack folder on start and
// after every save, says what is wrong in the terminal and on the page, and
// puts each good pack on screen (a `pack.changed` fact, which the kiosk
// socket relays and greets new pages with). A broken save leaves the last
// good pack on screen, marked stale.

import { createHash } from 'node:crypto';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { AuthorProblem, BridgeMessage } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import { Subscriptions, type EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { AuthorChecks } from './author-checks.js';
import { FolderWatcher } from './folder-watcher.js';

export interface AuthorSessionOptions {
  dir: string;
  bus: EventBus;
  log: Logger;
  kioskVersion: string;
  /** Sends to every open page. */
  toPage: (message: BridgeMessage) => void;
  /** The terminal: one line each. */
  print: (line: string) => void;
  /** Quiet time after a burst of file events before the check, ms (the watcher's default when absent). */
  settleMs?: number;
}

type AuthorMessage = Extract<BridgeMessage, { type: 'author' }>;

export function formatAuthorProblem(p: AuthorProblem): string {
  const where = p.line ? `${p.file}:${p.line}:${p.column ?? 1}` : p.file;
  const field = p.field ? ` ${p.field}:` : '';
  return `${p.severity}: ${where}:${field} ${p.message}${p.fix ? ` (${p.fix})` : ''}`;
}

export class AuthorSession implements Capability {
  readonly name = 'author';
  private readonly checks: AuthorChecks;
  private readonly watcher: FolderWatcher;
  private readonly subscriptions: Subscriptions;
  private status: AuthorMessage;
  private shownHash = '';
  private shownPack: PackManifest | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly options: AuthorSessionOptions) {
    this.checks = new AuthorChecks(options.dir, options.kioskVersion);
    this.watcher = new FolderWatcher({ dir: options.dir, log: options.log, onChange: () => this.recheck(), ...(options.settleMs === undefined ? {} : { settleMs: options.settleMs }) });
    this.subscriptions = new Subscriptions(options.bus);
    this.status = { type: 'author', dir: options.dir, state: 'stale', seq: 0, problems: [] };
  }

  /** The last status sent, for tests. */
  get last(): AuthorMessage {
    return this.status;
  }

  /** The last good pack put on screen (the proof sheet's). */
  get pack(): PackManifest | null {
    return this.shownPack;
  }

  get watchers(): number {
    return this.watcher.active;
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.watcher.start();
    // A page that (re)connects says where it is: it gets the status again.
    this.subscriptions.on('page.view', () => this.options.toPage(this.status));
    this.recheck();
    await this.settled();
  }

  /** Resolves when no check is running (a check started meanwhile is waited for too). */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Checks again; a save during a check runs one more check after it. */
  recheck(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
      if (this.again) {
        this.again = false;
        this.recheck();
      }
    });
  }

  private async run(): Promise<void> {
    const { pack, problems } = await this.checks.check().catch((error: Error) => ({
      pack: null,
      problems: [{ severity: 'error' as const, file: this.options.dir, line: null, column: null, field: '', message: `could not be checked (${error.message})`, fix: '' }],
    }));
    if (this.stopped) return;
    this.status = { type: 'author', dir: this.options.dir, state: pack ? 'ok' : 'stale', seq: this.status.seq + 1, problems };
    for (const p of problems) this.options.print(formatAuthorProblem(p));
    this.options.print(pack ? `on screen: ${pack.id} ${pack.version} (${this.count(problems)})` : `not shown: the last good pack stays on screen (${this.count(problems)})`);
    // The status first: it tells the page to take the pack at once.
    this.options.toPage(this.status);
    if (pack) this.show(pack);
  }

  private show(pack: PackManifest): void {
    const hash = createHash('sha256').update(JSON.stringify(pack)).digest('hex');
    if (hash === this.shownHash) return;
    this.shownHash = hash;
    this.shownPack = pack;
    this.options.bus.emit('pack.changed', {
      pack, info: { id: pack.id, version: pack.version, source: 'installed', installedAt: null }, dir: this.options.dir, authoring: true,
    });
  }

  private count(problems: AuthorProblem[]): string {
    const errors = problems.filter((p) => p.severity === 'error').length;
    return `${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}`;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.watcher.stop();
    this.subscriptions.release();
    await this.settled();
  }
}
