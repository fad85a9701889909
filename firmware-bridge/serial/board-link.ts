// One open connection to a board that answered WHO with a good HELLO. It owns
// the port, the line splitter and its timers; it turns frames into panel
// inputs (via BoardState), counts what it drops, and reports when the board
// is lost (silence, unplug, read error), after which it is closed for good.
// The first WHO and its HELLO are board-handshake.ts's.

import { SerialPort } from 'serialport';
import type { PanelInput, LossReason } from '../api/messages.js';
import type { Logger } from '../core/logger.js';
import { BoardState } from './board-state.js';
import { BoardHandshake, ConnectError, type HelloFrame } from './board-handshake.js';
import { encodeHostFrame, parseBoardLine, PROTOCOL_MAJOR, REJECT_REASONS, type HostFrame, type RejectReason } from './frame-codec.js';
import { hangupAwareBinding } from './hangup-aware-binding.js';
import { LineSplitter, MAX_LINE_BYTES } from './line-splitter.js';
import { PingTracker } from './ping-tracker.js';

export { ConnectError, type HelloFrame } from './board-handshake.js';
export type LostReason = LossReason;

export interface BoardLinkHandlers {
  input?(input: PanelInput): void;
  /** A (new) HELLO: at connect, and when the board restarts; its LEDs are blank again. */
  hello?(hello: HelloFrame): void;
  /** A good frame arrived (lastSeenMs moved). */
  seen?(): void;
  /** A line was dropped; the counters changed. */
  dropped?(reason: RejectReason): void;
  /** The link ended by itself; it is already closing. Not called after close(). */
  lost?(reason: LostReason, detail: string): void;
}

export interface BoardLinkOptions {
  path: string;
  log: Logger;
  handlers?: BoardLinkHandlers;
  baudRate?: number;
  helloTimeoutMs?: number;
  silenceMs?: number;
  pingTimeoutMs?: number;
  /** Aborts the handshake (the bridge is stopping). */
  signal?: AbortSignal;
}

export class BoardLink {
  readonly path: string;
  private readonly log: Logger;
  private readonly handlers: BoardLinkHandlers;
  private readonly port: SerialPort;
  private readonly splitter = new LineSplitter();
  private readonly silenceMs: number;
  private readonly dropped: Record<RejectReason, number>;
  private readonly pings: PingTracker;
  private state: BoardState | null = null;
  private helloInfo: HelloFrame | null = null;
  private readonly handshake: BoardHandshake;
  private silenceTimer: NodeJS.Timeout | null = null;
  private lastSeen: number | null = null;
  private readonly helloTimeoutMs: number;
  private lastWhoAt = -Infinity;
  private closed = false;
  private closing: Promise<void> | null = null;

  /** Opens `path`, sends WHO and waits for a HELLO this bridge can speak to. */
  static async connect(options: BoardLinkOptions): Promise<BoardLink> {
    const link = new BoardLink(options);
    try {
      await link.open();
      await link.handshake.run(options.signal);
      return link;
    } catch (error) {
      await link.close();
      throw error;
    }
  }

  private constructor(options: BoardLinkOptions) {
    this.path = options.path;
    this.log = options.log;
    this.handlers = options.handlers ?? {};
    this.silenceMs = options.silenceMs ?? 3000;
    this.pings = new PingTracker(options.pingTimeoutMs ?? 1000, options.path);
    this.helloTimeoutMs = options.helloTimeoutMs ?? 1500;
    this.handshake = new BoardHandshake({ path: this.path, log: this.log, timeoutMs: this.helloTimeoutMs, sendWho: () => this.send({ type: 'WHO' }), accept: (hello) => this.accept(hello) });
    this.dropped = Object.fromEntries(REJECT_REASONS.map((r) => [r, 0])) as Record<RejectReason, number>;
    const portOptions = { path: options.path, baudRate: options.baudRate ?? 115200, autoOpen: false, binding: hangupAwareBinding };
    // SerialPort's options type hides `binding`, but the constructor honours it.
    this.port = new SerialPort(portOptions as unknown as ConstructorParameters<typeof SerialPort>[0]);
  }

  get hello(): HelloFrame {
    if (!this.helloInfo) throw new Error('no HELLO yet');
    return this.helloInfo;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Time (ms since the epoch) of the last good frame. */
  get lastSeenMs(): number | null {
    return this.lastSeen;
  }

  framesDropped(): Record<RejectReason, number> {
    return { ...this.dropped };
  }

  get gaps(): number {
    return this.state?.gaps ?? 0;
  }

  pressedButtons(): number[] {
    return this.state?.pressedButtons() ?? [];
  }

  /** Releases every button believed pressed, as inputs, e.g. when the board is lost. */
  releaseAll(): PanelInput[] {
    return this.state?.releaseAll() ?? [];
  }

  setLed(index: number, mode: number): void {
    if (index >= this.hello.buttons) throw new RangeError(`LED ${index}: the board has ${this.hello.buttons} buttons`);
    this.send({ type: 'LED', index, mode });
  }

  /** Round trip of a PING, in ms. */
  ping(): Promise<number> {
    if (this.closed) return Promise.reject(new Error(`link to ${this.path} is closed`));
    const { n, roundTrip } = this.pings.start();
    this.send({ type: 'PING', n });
    return roundTrip;
  }

  /** Closes the port and releases every timer; safe to call more than once. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    this.closed = true;
    if (this.silenceTimer) clearTimeout(this.silenceTimer);
    this.silenceTimer = null;
    this.pings.cancelAll(`link to ${this.path} closed`);
    this.port.unpipe(this.splitter);
    this.splitter.removeAllListeners('data');
    this.splitter.destroy();
    if (this.port.isOpen) await new Promise<void>((resolve) => this.port.close(() => resolve()));
    this.port.removeAllListeners();
    // A late 'error' from the native binding must not become an uncaught exception.
    this.port.on('error', () => undefined);
  }

  private open(): Promise<void> {
    this.port.on('error', (error: Error) => this.lose('error', error.message));
    this.port.on('close', (error: Error | null) => this.lose('unplugged', error ? error.message : 'port closed'));
    this.splitter.on('data', (line: string) => this.onLine(line));
    this.splitter.on('overlong', () => this.drop('overlong', `line longer than ${MAX_LINE_BYTES} bytes`));
    this.port.pipe(this.splitter);
    return new Promise((resolve, reject) => {
      this.port.open((error) => (error ? reject(new ConnectError('open', `cannot open ${this.path}: ${error.message}`)) : resolve()));
    });
  }

  private accept(hello: HelloFrame, quiet = false): void {
    const fresh = this.helloInfo === null;
    this.helloInfo = hello;
    if (fresh || !this.state || this.state.buttons !== hello.buttons || this.state.knobs !== hello.knobs) {
      this.state = new BoardState(hello.buttons, hello.knobs);
    } else {
      this.state.restart();
    }
    const line = `board ${hello.boardId} firmware ${hello.firmware} (${hello.buttons} buttons, ${hello.knobs} knobs) on ${this.path}`;
    if (quiet) this.log.debug(`HELLO again: ${line}`);
    else this.log.info(line);
    this.silenceTimer ??= setTimeout(() => this.lose('silence', `no frame for ${this.silenceMs} ms`), this.silenceMs);
    this.handlers.hello?.(hello);
  }

  private onLine(line: string): void {
    if (this.closed) return;
    const result = parseBoardLine(line);
    if (!result.ok) {
      this.drop(result.reason, `${result.detail}: ${JSON.stringify(line.slice(0, 40))}`);
      return;
    }
    const frame = result.frame;
    if (frame.type === 'HELLO') {
      if (!this.handshake.hello(frame) && this.helloInfo) this.rehello(frame);
      return;
    }
    // Before the HELLO the board's size is unknown: its frames are only noise.
    if (!this.helloInfo || !this.state) return;
    this.lastSeen = Date.now();
    this.silenceTimer?.refresh();
    this.handlers.seen?.();
    switch (frame.type) {
      case 'PONG':
        this.pings.answer(frame.n);
        return;
      case 'LOG':
        this.log.info(`board says: ${frame.text}`);
        return;
      case 'ERR':
        this.log.warn(`board refused a command: ${frame.code} ${frame.text}`);
        return;
      default: {
        const applied = this.state.apply(frame);
        if (!applied.ok) return this.drop('bad-fields', applied.detail);
        if (applied.gap) this.log.debug(`seq gap before ${frame.type} ${frame.seq}: frames were lost`);
        for (const input of applied.inputs) this.handlers.input?.(input);
      }
    }
  }

  private rehello(hello: HelloFrame): void {
    if (hello.protoMajor !== PROTOCOL_MAJOR) {
      this.log.error(`board at ${this.path} restarted speaking protocol ${hello.proto}; this bridge speaks ${PROTOCOL_MAJOR}: refusing it`);
      this.lose('protocol', `protocol ${hello.proto}`);
      return;
    }
    this.lastSeen = Date.now();
    this.silenceTimer?.refresh();
    // A board that sent its boot HELLO when the port opened also answers the WHO:
    // not news. Either way the board may have restarted, so its seq starts over.
    const answer = performance.now() - this.lastWhoAt < this.helloTimeoutMs && sameBoard(hello, this.helloInfo);
    this.accept(hello, answer);
  }

  private drop(reason: RejectReason, detail: string): void {
    this.dropped[reason]++;
    this.log.debug(`dropped a line (${reason}): ${detail}`);
    this.handlers.dropped?.(reason);
  }

  private send(frame: HostFrame): void {
    if (this.closed || !this.port.isOpen) return;
    if (frame.type === 'WHO') this.lastWhoAt = performance.now();
    this.port.write(encodeHostFrame(frame));
  }

  private lose(reason: LostReason, detail: string): void {
    if (this.closed) return;
    if (this.handshake.closed()) return;
    if (!this.helloInfo) return;
    this.log.warn(`lost the board at ${this.path}: ${reason} (${detail})`);
    void this.close();
    this.handlers.lost?.(reason, detail);
  }
}

function sameBoard(a: HelloFrame, b: HelloFrame | null): boolean {
  return b !== null && a.boardId === b.boardId && a.firmware === b.firmware && a.buttons === b.buttons && a.knobs === b.knobs;
}
