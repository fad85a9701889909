// The WebSocket side of the kiosk server: greets each page with the pack and
// the controls, relays bus events to every page, and turns page messages into
// bus events (facts) or direct calls (the rollback command). Every message is
// read through its schema first; what fails is dropped and counted. It also
// watches the pages' heartbeats.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { BoardStatus, BridgeLogLine, BridgeMessage, ControlMap, InstallStatus, PackInfo } from '../api/messages.js';
import { readPageMessage, type PageMessage } from '../api/messages.js';
import { Subscriptions, type EventBus, type PackShown } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { DroppedMessages, type DroppedCounts } from '../core/dropped-messages.js';
import { isLoopback } from './peer-address.js';

export interface KioskSocketOptions {
  bus: EventBus;
  log: Logger;
  versions: { bridge: string; kiosk: string };
  controls: () => ControlMap;
  board: () => BoardStatus;
  pack: () => PackShown;
  /** Installed and built-in packs, for the maintenance screen. */
  packList: () => PackInfo[];
  /** Recent warnings and errors, for the maintenance screen. */
  recentErrors: () => BridgeLogLine[];
  idleResetS: number;
  /** Origins allowed to connect, e.g. http://127.0.0.1:8080. */
  allowedOrigins: () => Set<string>;
  /** The maintenance screen's rollback button: a command, taken only from a page on this machine. */
  rollback: () => void;
}

const MAX_MESSAGE_BYTES = 64 * 1024;

export class KioskSocket {
  private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  private readonly subscriptions: Subscriptions;
  private lastHeartbeatAt: number | null = null;
  private lastRenderer: string | null = null;
  private lastInstall: InstallStatus | null = null;
  private inputCount = 0;
  private readonly dropped: DroppedMessages;

  constructor(private readonly options: KioskSocketOptions) {
    const { bus } = options;
    this.dropped = new DroppedMessages(options.log);
    this.subscriptions = new Subscriptions(bus)
      .on('kiosk.intent', (intent) => this.broadcast({ type: 'intent', intent }))
      .on('panel.input', (input) => this.broadcast({ type: 'input', input, n: ++this.inputCount, at: performance.timeOrigin + performance.now() }))
      .on('panel.status', (board) => this.broadcast({ type: 'board', board }))
      .on('pack.changed', ({ pack, info }) => {
        this.broadcast({ type: 'pack', pack, packInfo: info });
        this.broadcast({ type: 'packs', packs: this.options.packList() });
      })
      .on('install.status', (install) => {
        this.lastInstall = install;
        this.broadcast({ type: 'install', install });
      });
  }

  /** Milliseconds since a page last said it is alive, or null if none ever did. */
  heartbeatAgeMs(now = Date.now()): number | null {
    return this.lastHeartbeatAt === null ? null : now - this.lastHeartbeatAt;
  }

  /** The WebGL renderer the page last reported (the real GPU, or a software fallback). */
  renderer(): string | null {
    return this.lastRenderer;
  }

  /** Page messages dropped as malformed, for /health. */
  droppedCounts(): DroppedCounts {
    return this.dropped.counts();
  }

  clientCount(): number {
    return this.wss.clients.size;
  }

  /** Called by the HTTP server for `Upgrade` requests on /ws. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const origin = req.headers.origin;
    if (!origin || !this.options.allowedOrigins().has(origin)) {
      this.options.log.warn(`refused a WebSocket from origin ${origin ?? '(none)'}`);
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws, req.socket.remoteAddress ?? ''));
  }

  private accept(ws: WebSocket, peer: string): void {
    const { pack, info } = this.options.pack();
    this.send(ws, {
      type: 'hello',
      bridgeVersion: this.options.versions.bridge,
      kioskVersion: this.options.versions.kiosk,
      pack,
      packInfo: info,
      controls: this.options.controls(),
      board: this.options.board(),
      idleResetS: this.options.idleResetS,
    });
    if (this.lastInstall && this.lastInstall.phase !== 'idle') this.send(ws, { type: 'install', install: this.lastInstall });
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        this.dropped.drop('binary', 'a binary frame');
        return;
      }
      const read = readPageMessage(data.toString());
      if (!read.ok) {
        this.dropped.drop(read.kind, read.detail);
        return;
      }
      this.take(ws, read.message, peer);
    });
    ws.on('error', (error) => this.options.log.warn(`page socket error: ${error.message}`));
  }

  /** A message that passed the schema: every field is there, typed and within its length. */
  private take(ws: WebSocket, message: PageMessage, peer: string): void {
    if (message.type === 'rollback') {
      if (isLoopback(peer)) this.options.rollback();
      else this.dropped.drop('rollback-not-local', `a rollback from ${peer}: only a page on this machine may change the pack`);
      return;
    }
    if (message.type === 'heartbeat') {
      this.lastHeartbeatAt = Date.now();
      if (message.renderer !== undefined) this.lastRenderer = message.renderer;
    }
    if (message.type === 'status-request') {
      this.send(ws, { type: 'packs', packs: this.options.packList() });
      this.send(ws, { type: 'errors', errors: this.options.recentErrors() });
    }
    if (message.type === 'log') {
      // One journal line per message, whatever the page put in it.
      const line = message.message.slice(0, 500).replace(/[\x00-\x1f\x7f]/g, ' ');
      this.options.log[message.level === 'error' ? 'error' : 'warn'](`page: ${line}`);
    }
    this.options.bus.emit('page.message', message);
    if (message.type === 'view') this.options.bus.emit('page.view', { mode: message.mode, scenario: message.scenario, scenarioIndex: message.scenarioIndex });
  }

  /** Sends a message to every connected page (a fleet command); returns how many got it. */
  sendToPages(message: BridgeMessage): number {
    this.broadcast(message);
    return [...this.wss.clients].filter((ws) => ws.readyState === ws.OPEN).length;
  }

  private send(ws: WebSocket, message: BridgeMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  private broadcast(message: BridgeMessage): void {
    if (this.wss.clients.size === 0) return;
    const text = JSON.stringify(message);
    for (const ws of this.wss.clients) if (ws.readyState === ws.OPEN) ws.send(text);
  }

  async close(): Promise<void> {
    this.subscriptions.release();
    for (const ws of this.wss.clients) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }
}
