// A long-lived python3 child that forwards sd_notify messages to systemd's
// AF_UNIX datagram socket (Node's dgram speaks only UDP). One JSON string a
// line goes in on stdin; each becomes one datagram. The relay exits when the
// bridge closes its stdin or dies, so it never outlives the bridge.

import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Logger } from '../core/logger.js';

// -I: isolated (no user site, no env vars), -u: unbuffered. Paths starting
// with '@' are abstract-namespace sockets, spelled with a leading NUL.
const RELAY_SCRIPT = `
import json, socket, sys
address = sys.argv[1]
if address.startswith('@'):
    address = '\\0' + address[1:]
sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sys.stdout.write('ready\\n')
sys.stdout.flush()
while True:
    line = sys.stdin.buffer.readline()
    if not line:
        break
    try:
        sock.sendto(json.loads(line.decode('utf-8')).encode('utf-8'), address)
    except (OSError, ValueError) as error:
        sys.stderr.write('send failed: %s\\n' % error)
        sys.stderr.flush()
`;

export interface NotifyRelayOptions {
  /** NOTIFY_SOCKET: an absolute path, or '@name' for the abstract namespace. */
  socket: string;
  log: Logger;
  /** The environment to look python3 up in (PATH). */
  env?: NodeJS.ProcessEnv;
  python?: string;
  startTimeoutMs?: number;
}

export class NotifyRelay {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly options: NotifyRelayOptions) {}

  async start(): Promise<void> {
    const { socket, log } = this.options;
    if (!socket.startsWith('/') && !socket.startsWith('@')) {
      throw new Error(`cannot notify systemd: NOTIFY_SOCKET '${socket}' is neither a path nor an abstract socket`);
    }
    const python = this.options.python ?? 'python3';
    const child = spawn(python, ['-I', '-u', '-c', RELAY_SCRIPT, socket], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: (this.options.env ?? process.env).PATH ?? '/usr/bin:/bin' },
    });
    this.child = child;
    this.exited = new Promise((resolve) => child.once('close', () => resolve()));
    // A dead relay makes stdin writes fail with EPIPE; the exit handler below says why.
    child.stdin?.on('error', () => undefined);
    createInterface({ input: child.stderr! }).on('line', (line) => log.warn(`notify relay: ${line}`));

    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('the notify relay did not start in time')), this.options.startTimeoutMs ?? 10_000);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        child.kill('SIGKILL');
        reject(error);
      };
      child.once('error', (error: NodeJS.ErrnoException) =>
        fail(
          new Error(
            error.code === 'ENOENT'
              ? `cannot notify systemd: ${python} is not installed (sudo apt-get install python3)`
              : `cannot notify systemd: ${error.message}`,
          ),
        ),
      );
      child.once('exit', (code) => fail(new Error(`the notify relay exited at start (code ${code})`)));
      child.stdout!.once('data', () => {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        child.once('exit', (code, signal) => {
          if (this.child === child) {
            this.child = null;
            log.error(`notify relay exited (${signal ?? code}); watchdog pings stop, so systemd will restart the bridge`);
          }
        });
        resolve();
      });
    });
  }

  /** Queues one notify message (assignments separated by newlines). */
  send(message: string): void {
    const stdin = this.child?.stdin;
    if (stdin && stdin.writable) stdin.write(JSON.stringify(message) + '\n');
  }

  /** Flushes what was sent, then lets the relay exit; kills it if it lingers. */
  async close(timeoutMs = 2000): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child) return this.exited;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await this.exited;
    clearTimeout(timer);
  }
}
