// The page's link to the bridge: reconnects with backoff for as long as the
// page lives, so a restarted bridge is picked up without a reload or an error
// on screen. The exhibit keeps running on keyboard input meanwhile.

import { readBridgeMessage, type BridgeMessage, type PageMessage } from '../../firmware-bridge/api/messages.js';

export interface BridgeConnectionOptions {
  url: string;
  onMessage: (message: BridgeMessage) => void;
  onOpenChange?: (open: boolean) => void;
  /** A frame that is not a bridge message (checked against its schema), dropped whole. */
  onDropped?: (detail: string) => void;
  /** First retry delay; doubles up to maxDelayMs. */
  minDelayMs?: number;
  maxDelayMs?: number;
}

export class BridgeConnection {
  private socket: WebSocket | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private delay: number;
  private stopped = true;

  constructor(private readonly options: BridgeConnectionOptions) {
    this.delay = options.minDelayMs ?? 500;
  }

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.connect();
  }

  send(message: PageMessage): boolean {
    if (!this.open) return false;
    this.socket!.send(JSON.stringify(message));
    return true;
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      socket.onopen = socket.onclose = socket.onmessage = socket.onerror = null;
      socket.close();
    }
  }

  private connect(): void {
    let socket: WebSocket;
    try {
      socket = new WebSocket(this.options.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.delay = this.options.minDelayMs ?? 500;
      this.options.onOpenChange?.(true);
    };
    socket.onmessage = (event) => {
      const read = typeof event.data === 'string' ? readBridgeMessage(event.data) : ({ ok: false, detail: 'binary frame' } as const);
      if (read.ok) this.options.onMessage(read.message);
      else this.options.onDropped?.(read.detail);
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.options.onOpenChange?.(false);
      this.scheduleRetry();
    };
    // An error is always followed by close; nothing to show a visitor.
    socket.onerror = () => undefined;
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retryTimer) return;
    const max = this.options.maxDelayMs ?? 10_000;
    // Jitter keeps several kiosks from hammering a restarted bridge in step.
    const wait = this.delay * (0.75 + Math.random() * 0.5);
    this.delay = Math.min(this.delay * 2, max);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) this.connect();
    }, wait);
  }
}
