// Restarts the browser when the kiosk page stops sending heartbeats (a hung
// tab, a GPU reset, a crashed renderer that Chromium leaves on screen). The
// command runs without a shell, once per stall; after a restart the page gets
// a grace period to come back, and while it does not, retries back off.

import { execFile, type ChildProcess } from 'node:child_process';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';

export interface PageWatchdogOptions {
  bus: EventBus;
  log: Logger;
  /** Milliseconds since a page's last heartbeat, or null when none ever came. */
  heartbeatAgeMs: () => number | null;
  /** Silence longer than this counts as a stall. */
  stallMs: number;
  /** argv of the restart command, e.g. ['systemctl', 'restart', 'crossroads-screen.service']; null only reports. */
  restartCommand: string[] | null;
  checkEveryMs?: number;
  /** Time a restarted browser gets before its silence counts again; doubles while it stays silent. */
  graceMs?: number;
  maxGraceMs?: number;
  commandTimeoutMs?: number;
}

/**
 * Parses `--restart-browser "systemctl restart crossroads-screen.service"` into
 * an argument array. Quotes group words; nothing is ever given to a shell.
 * An empty text or `none` means no restart command.
 */
export function parseRestartCommand(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (const char of text) {
    if (quote) {
      if (char === quote) quote = null;
      else word += char;
    } else if (char === '"' || char === "'") {
      quote = char;
      inWord = true;
    } else if (/\s/.test(char)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += char;
      inWord = true;
    }
  }
  if (quote) throw new Error(`--restart-browser has an unclosed ${quote} quote: ${text}`);
  if (inWord) words.push(word);
  if (words.length === 0 || (words.length === 1 && words[0] === 'none')) return null;
  if (words[0] === '') throw new Error('--restart-browser needs a command name first');
  return words;
}

export class PageWatchdog implements Capability {
  readonly name = 'page-watchdog';
  private readonly log: Logger;
  private timer: NodeJS.Timeout | null = null;
  private child: ChildProcess | null = null;
  /** Silence is counted from no earlier than this (start, or a restart plus its grace). */
  private silentFrom = 0;
  private lastRestartAt: number | null = null;
  private restartsWithoutHeartbeat = 0;
  private restarts = 0;

  constructor(private readonly options: PageWatchdogOptions) {
    if (!(options.stallMs > 0)) throw new Error('the page stall time must be positive');
    this.log = options.log.child('page-watchdog');
  }

  async start(): Promise<void> {
    this.silentFrom = Date.now();
    const every = this.options.checkEveryMs ?? Math.min(1000, Math.max(50, Math.floor(this.options.stallMs / 4)));
    this.timer = setInterval(() => this.check(), every);
    this.timer.unref();
  }

  /** How many times the browser was restarted (for health and tests). */
  restartCount(): number {
    return this.restarts;
  }

  /** One look at the heartbeat; the timer calls it, tests may too. */
  check(now = Date.now()): void {
    const age = this.options.heartbeatAgeMs();
    const lastBeatAt = age === null ? null : now - age;
    if (lastBeatAt !== null && this.lastRestartAt !== null && lastBeatAt > this.lastRestartAt) {
      // The restarted page is back: the next stall gets a full, fresh grace again.
      this.restartsWithoutHeartbeat = 0;
    }
    const since = Math.max(lastBeatAt ?? -Infinity, this.silentFrom);
    const silentMs = now - since;
    if (silentMs < this.options.stallMs || this.child) return;
    this.stalled(now, silentMs, lastBeatAt);
  }

  private stalled(now: number, silentMs: number, lastBeatAt: number | null): void {
    const what = lastBeatAt === null ? 'no page has sent a heartbeat' : `the page has been silent for ${Math.round(silentMs / 1000)} s`;
    this.options.bus.emit('page.stalled', { silentMs });
    const grace = Math.min(
      (this.options.graceMs ?? 60_000) * 2 ** this.restartsWithoutHeartbeat,
      this.options.maxGraceMs ?? 15 * 60_000,
    );
    this.restartsWithoutHeartbeat += 1;
    this.lastRestartAt = now;
    this.silentFrom = now + grace;
    const command = this.options.restartCommand;
    if (!command) {
      this.log.warn(`${what}; no restart command is set, so the browser is left as it is`);
      return;
    }
    this.log.warn(`${what}; restarting the browser: ${command.join(' ')}`);
    this.restarts += 1;
    const [file, ...args] = command;
    this.child = execFile(file!, args, { timeout: this.options.commandTimeoutMs ?? 30_000 }, (error, _stdout, stderr) => {
      this.child = null;
      if (error) {
        const detail = stderr.trim() || error.message;
        this.log.error(`the browser restart command failed: ${detail.slice(0, 300)}`);
      } else {
        this.log.info('browser restart requested; waiting for the page to come back');
      }
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const child = this.child;
    this.child = null;
    if (child && child.exitCode === null && child.signalCode === null) {
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGTERM');
      await closed;
    }
  }
}
