// The bridge's part of <crossroads-app>, as a Lit reactive controller: it
// opens the BridgeConnection when the host joins the page and closes it
// (socket and retry timer) when the host leaves, so a moved element keeps one
// socket, never two. It also owns the page's timers toward the bridge: the
// heartbeat, and the status requests while the maintenance screen is open.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { PAGE_LIMITS, type BridgeMessage, type PageMessage } from '../../firmware-bridge/api/messages.js';
import { BridgeConnection } from '../connection/bridge-connection.js';

export interface BridgeControllerOptions {
  /** The bridge's WebSocket URL; '' for this page's own /ws, 'none' for no bridge (component tests). */
  url: () => string;
  onMessage: (message: BridgeMessage) => void;
  /** What the page tells the bridge every few seconds, so its watchdog knows the page is alive. */
  heartbeat: () => PageMessage;
}

const HEARTBEAT_MS = 5_000;
const STATUS_EVERY_MS = 5_000;

export class BridgeController implements ReactiveController {
  private connection: BridgeConnection | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  /** Status requests wanted (the maintenance screen is open); kept across a move. */
  private polling = false;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: BridgeControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.connected = true;
    const url = this.options.url();
    if (url !== 'none') {
      this.connection = new BridgeConnection({ url: url || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`, onMessage: this.options.onMessage });
      this.connection.start();
    }
    this.heartbeat = setInterval(() => this.send(this.options.heartbeat()), HEARTBEAT_MS);
    this.pollStatus(this.polling);
  }

  hostDisconnected(): void {
    this.connected = false;
    this.connection?.stop();
    this.connection = null;
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    this.stopStatus();
  }

  /** Sends when the socket is open; otherwise the message is not needed later (the page repeats its state). */
  send(message: PageMessage): void {
    this.connection?.send(message);
  }

  /** A line for the bridge's log, cut to what its schema accepts (it drops a longer one). */
  log(level: 'warn' | 'error', message: string): void {
    this.send({ type: 'log', level, message: message.slice(0, PAGE_LIMITS.logMessage) });
  }

  /** The maintenance screen's figures: asked for now and every few seconds while `on`. */
  pollStatus(on: boolean): void {
    this.polling = on;
    this.stopStatus();
    if (!on || !this.connected) return;
    this.send({ type: 'status-request' });
    this.statusTimer = setInterval(() => this.send({ type: 'status-request' }), STATUS_EVERY_MS);
  }

  private stopStatus(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
  }
}
