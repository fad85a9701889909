// The first exchange with a board: WHO, and a wait for a HELLO this bridge
// can speak to (a second WHO halfway, for a board still booting), cancelled
// by the bridge stopping or the port closing. The link feeds it what arrives
// and accepts the HELLO at once, before the next line of the same chunk.

import type { Logger } from '../core/logger.js';
import { PROTOCOL_MAJOR, type BoardFrame } from './frame-codec.js';

export type HelloFrame = Extract<BoardFrame, { type: 'HELLO' }>;

/** Why a board at a path could not be connected. */
export class ConnectError extends Error {
  constructor(
    readonly kind: 'open' | 'no-hello' | 'protocol' | 'closed',
    message: string,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

export interface BoardHandshakeOptions {
  path: string;
  log: Logger;
  timeoutMs: number;
  sendWho: () => void;
  /** Takes the board's good HELLO, synchronously. */
  accept: (hello: HelloFrame) => void;
}

export class BoardHandshake {
  private onHello: ((hello: HelloFrame) => void) | null = null;
  private onClose: (() => void) | null = null;

  constructor(private readonly options: BoardHandshakeOptions) {}

  /** True while a WHO waits for its HELLO. */
  get waiting(): boolean {
    return this.onHello !== null;
  }

  /** A HELLO arrived; false when none was awaited (the link's to handle). */
  hello(frame: HelloFrame): boolean {
    if (!this.onHello) return false;
    this.onHello(frame);
    return true;
  }

  /** The port closed; false when no handshake was under way. */
  closed(): boolean {
    if (!this.onClose) return false;
    this.onClose();
    return true;
  }

  run(signal?: AbortSignal): Promise<void> {
    const { path, log, timeoutMs, sendWho, accept } = this.options;
    return new Promise<void>((resolve, reject) => {
      const abort = (): void => finish(new ConnectError('closed', `connecting to ${path} was cancelled`));
      // A second WHO halfway covers a board that was still booting at the first.
      const retry = setTimeout(sendWho, timeoutMs / 2);
      const timeout = setTimeout(() => finish(new ConnectError('no-hello', `no HELLO from ${path} within ${timeoutMs} ms`)), timeoutMs);
      const finish = (error?: Error): void => {
        clearTimeout(retry);
        clearTimeout(timeout);
        signal?.removeEventListener('abort', abort);
        this.onHello = null;
        this.onClose = null;
        if (error) reject(error);
        else resolve();
      };
      this.onClose = () => finish(new ConnectError('closed', `${path} closed during the handshake`));
      this.onHello = (hello) => {
        if (hello.protoMajor !== PROTOCOL_MAJOR) {
          const message = `board ${hello.boardId} at ${path} speaks protocol ${hello.proto}; this bridge speaks ${PROTOCOL_MAJOR}: refusing it`;
          log.error(message);
          finish(new ConnectError('protocol', message));
          return;
        }
        accept(hello);
        finish();
      };
      if (signal?.aborted) return abort();
      signal?.addEventListener('abort', abort);
      sendWho();
    });
  }
}
