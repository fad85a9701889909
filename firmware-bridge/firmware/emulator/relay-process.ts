// The pty relay (relay/pty-relay.cpp) as a child of the emulator: the emulated board's
// USB-serial chip. It owns the pseudo-terminal; this class passes bytes to it and
// reports what the host does.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { encodeRelayFrame, RelayFrameReader } from './relay-frames.js';

export interface RelayEvents {
  /** The pty is there (at start and after a plug). */
  onPlugged(path: string): void;
  onUnplugged(): void;
  /** A host opened (true) or closed (false) the port. */
  onHost(open: boolean): void;
  onData(bytes: Buffer): void;
  onError(text: string): void;
}

export class RelayProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly reader = new RelayFrameReader();
  private stderrText = '';

  constructor(binary: string, link: string | undefined, private readonly events: RelayEvents) {
    this.child = spawn(binary, link ? ['--link', link] : [], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdin.on('error', () => {}); // it may have exited; `exited` says so
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.child.stdout.on('data', (chunk: Buffer) => this.onChunk(chunk));
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Bytes for the host; dropped by the relay while no host has the port open. */
  send(bytes: Uint8Array): void {
    for (let at = 0; at < bytes.length; at += 4096) this.child.stdin.write(encodeRelayFrame('D', bytes.subarray(at, at + 4096)));
  }

  unplug(): void {
    this.child.stdin.write(encodeRelayFrame('U'));
  }

  plug(): void {
    this.child.stdin.write(encodeRelayFrame('P'));
  }

  /** Ends its input: it removes its link and exits. */
  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGTERM'), 2000);
    await this.exited;
    clearTimeout(timer);
  }

  private onChunk(chunk: Buffer): void {
    for (const message of this.reader.push(chunk)) {
      const text = message.payload.toString('latin1');
      switch (message.type) {
        case 'R':
        case 'P':
          this.events.onPlugged(text);
          break;
        case 'U':
          this.events.onUnplugged();
          break;
        case 'O':
        case 'C':
          this.events.onHost(message.type === 'O');
          break;
        case 'D':
          this.events.onData(message.payload);
          break;
        case 'E':
          this.events.onError(text);
          break;
      }
    }
  }
}
