// Keeps the bridge connected to the control panel for as long as it runs:
// opens the configured port (or searches for one), turns the board's frames
// into 'panel.input' events, re-applies the LEDs after every reconnect, and
// when the board is lost releases every button it believed pressed, so no
// input is ever left stuck down.

import { noLosses, type BoardStatus } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { BoardLink, ConnectError, type LostReason } from './board-link.js';
import { Discovery, type ListedPort } from './discovery.js';
import { REJECT_REASONS, type RejectReason } from './frame-codec.js';

export interface PanelSupervisorOptions {
  bus: EventBus;
  log: Logger;
  /** 'auto' searches, 'none' never connects, anything else is a port path. */
  serial: 'auto' | 'none' | string;
  /** Reported in status: the board is the virtual one. */
  simulated?: boolean;
  retryMs?: number;
  helloTimeoutMs?: number;
  silenceMs?: number;
  /** For auto: where to search, and how to list ports (tests replace both). */
  devRoot?: string;
  listPorts?: () => Promise<ListedPort[]>;
}

/** How long auto-search leaves alone a port that did not answer like a board. */
const NOT_A_BOARD_MS = 10_000;
/** Frames and drops change the status all the time: it goes out at most this often. */
const STATUS_THROTTLE_MS = 500;

export class PanelSupervisor implements Capability {
  readonly name = 'panel-supervisor';
  private readonly bus: EventBus;
  private readonly log: Logger;
  private readonly options: PanelSupervisorOptions;
  private readonly discovery: Discovery;
  private readonly droppedBefore: Record<RejectReason, number>;
  private readonly losses = noLosses();
  private readonly notABoard = new Map<string, number>();
  private link: BoardLink | null = null;
  private leds: number[] = [];
  private running = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private attempt: Promise<void> | null = null;
  private abort: AbortController | null = null;
  private unsubscribe: (() => void) | null = null;
  private lastFailure = '';
  private lastSeen: number | null = null;

  constructor(options: PanelSupervisorOptions) {
    this.options = options;
    this.bus = options.bus;
    this.log = options.log.child('panel');
    this.discovery = new Discovery({ log: this.log, devRoot: options.devRoot, listPorts: options.listPorts });
    this.droppedBefore = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    this.unsubscribe = this.bus.on('panel.leds', ({ modes }) => {
      this.leds = modes.slice();
      this.applyLeds();
    });
    if (this.options.serial === 'none') {
      this.log.info('serial disabled: no control panel');
    } else {
      this.scheduleConnect(0);
    }
    this.emitStatus();
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.abort?.abort();
    this.unsubscribe?.();
    this.unsubscribe = null;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.retryTimer = this.statusTimer = null;
    await this.attempt;
    const link = this.link;
    if (link) {
      this.link = null;
      await link.close();
      // Whoever still listens must not keep a button down forever.
      for (const input of link.releaseAll()) this.bus.emit('panel.input', input);
      this.retire(link);
      this.emitStatus();
    }
  }

  status(): BoardStatus {
    const link = this.link;
    const dropped: Record<string, number> = { ...this.droppedBefore };
    if (link) for (const [reason, n] of Object.entries(link.framesDropped())) dropped[reason] = (dropped[reason] ?? 0) + n;
    return {
      connected: link !== null,
      simulated: this.options.simulated ?? false,
      boardId: link?.hello.boardId ?? null,
      firmware: link?.hello.firmware ?? null,
      lastSeenMs: link?.lastSeenMs ?? this.lastSeen,
      port: link?.path ?? null,
      framesDropped: dropped,
      losses: { ...this.losses },
    };
  }

  /** Round trip to the board in ms; rejects when there is none. */
  ping(): Promise<number> {
    return this.link ? this.link.ping() : Promise.reject(new Error('no control panel connected'));
  }

  private scheduleConnect(delayMs: number): void {
    if (!this.running || this.retryTimer || this.attempt) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.attempt = this.connect().finally(() => {
        this.attempt = null;
        if (!this.link) this.scheduleConnect(this.options.retryMs ?? 300);
      });
    }, delayMs);
  }

  private async connect(): Promise<void> {
    const paths = this.options.serial === 'auto' ? await this.searchPaths() : [this.options.serial];
    if (paths.length === 0) return this.failed('no serial port that could be a control panel');
    for (const path of paths) {
      if (!this.running) return;
      // Handlers can run during the handshake, before `link` is assigned.
      let link: BoardLink | null = null;
      try {
        link = await BoardLink.connect({
          path,
          log: this.log,
          signal: this.abort?.signal,
          helloTimeoutMs: this.options.helloTimeoutMs,
          silenceMs: this.options.silenceMs,
          handlers: {
            input: (input) => this.bus.emit('panel.input', input),
            hello: () => this.link === link && this.applyLeds(),
            seen: () => this.link === link && this.throttledStatus(),
            dropped: () => this.link === link && this.throttledStatus(),
            lost: (reason) => link && this.onLost(link, reason),
          },
        });
        if (!link.isOpen) {
          this.retire(link);
          this.failed(`${path} went away right after its HELLO`);
          continue;
        }
        if (!this.running) {
          await link.close();
          this.retire(link);
          return;
        }
        this.link = link;
        this.lastFailure = '';
        this.notABoard.delete(path);
        this.applyLeds();
        this.emitStatus();
        return;
      } catch (error) {
        // A handshake cut short by stop() is no failure, and nothing is retried.
        if (!this.running) return;
        if (this.options.serial === 'auto') this.notABoard.set(path, Date.now());
        this.failed(error instanceof ConnectError ? error.message : `${path}: ${(error as Error).message}`);
      }
    }
  }

  private async searchPaths(): Promise<string[]> {
    const now = Date.now();
    const paths = await this.discovery.candidates();
    return paths.filter((path) => now - (this.notABoard.get(path) ?? -Infinity) > NOT_A_BOARD_MS);
  }

  private failed(message: string): void {
    // A board that stays away would otherwise repeat the same line several times a second.
    if (message !== this.lastFailure) this.log.warn(`${message}; retrying`);
    else this.log.debug(message);
    this.lastFailure = message;
  }

  private onLost(link: BoardLink, reason: LostReason): void {
    if (this.link !== link) return;
    this.link = null;
    this.losses[reason]++;
    for (const input of link.releaseAll()) this.bus.emit('panel.input', input);
    this.retire(link);
    this.emitStatus();
    // Straight away: an unplugged USB board usually comes back as soon as it can.
    if (reason !== 'protocol') this.scheduleConnect(0);
    else this.scheduleConnect(this.options.retryMs ?? 300);
  }

  /** Folds a closed link's counters into the totals. */
  private retire(link: BoardLink): void {
    for (const [reason, n] of Object.entries(link.framesDropped())) this.droppedBefore[reason as RejectReason] += n;
    this.lastSeen = link.lastSeenMs ?? this.lastSeen;
  }

  private applyLeds(): void {
    const link = this.link;
    if (!link) return;
    this.leds.forEach((mode, index) => {
      if (index < link.hello.buttons) link.setLed(index, mode);
    });
  }

  private throttledStatus(): void {
    if (this.statusTimer || !this.running) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.emitStatus();
    }, STATUS_THROTTLE_MS);
  }

  private emitStatus(): void {
    this.bus.emit('panel.status', this.status());
  }
}
