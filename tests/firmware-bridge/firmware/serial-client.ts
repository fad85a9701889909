// The host end for the firmware tests: a real `serialport` SerialPort on the virtual
// board's pty, collecting complete lines.

import { SerialPort } from 'serialport';
import { LineLog } from '../helpers/line-log.js';


export class SerialClient {
  readonly errors: Error[] = [];
  closedByDisconnect = false;
  readonly closed: Promise<void>;
  private partial = '';
  private readonly log = new LineLog(() => `received:\n${this.lines.join('\n')}`);

  private constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.onData(chunk));
    port.on('error', (error: Error) => this.errors.push(error));
    this.closed = new Promise((resolve) =>
      port.on('close', (error?: Error & { disconnected?: boolean }) => {
        this.closedByDisconnect = error?.disconnected === true;
        resolve();
      }),
    );
  }

  static open(path: string): Promise<SerialClient> {
    return new Promise((resolve, reject) => {
      const port = new SerialPort({ path, baudRate: 115200, autoOpen: false });
      const client = new SerialClient(port);
      port.open((error) => (error ? reject(error) : resolve(client)));
    });
  }

  private onData(chunk: Buffer): void {
    this.partial += chunk.toString('latin1');
    for (let end = this.partial.indexOf('\n'); end >= 0; end = this.partial.indexOf('\n')) {
      const line = this.partial.slice(0, end);
      this.partial = this.partial.slice(end + 1);
      this.log.push(line);
    }
  }

  /** The next line (after those already consumed) that passes `test`. */
  waitFor(test: (line: string) => boolean, timeoutMs = 2000): Promise<string> {
    return this.log.waitFor(test, timeoutMs);
  }

  get lines(): string[] {
    return this.log.lines;
  }

  /** Forgets what arrived so far: later waits see only new lines. */
  skipReceived(): void {
    this.log.skipReceived();
  }

  write(text: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.port.write(text, (error) => (error ? reject(error) : this.port.drain((e) => (e ? reject(e) : resolve()))));
    });
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  async close(): Promise<void> {
    this.log.clear();
    if (!this.port.isOpen) return;
    await new Promise<void>((resolve) => this.port.close(() => resolve()));
  }
}
