// Runs the firmware's virtual board (the real firmware core behind a real
// pseudo-terminal) as a child process for tests: waits for READY, sends stdin
// commands and resolves each on its OK, and records everything it prints.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildVirtualBoard } from '../../../firmware-bridge/firmware/build-host.js';

export interface VirtualBoardOptions {
  link?: string;
  id?: string;
  fw?: string;
  proto?: number;
  buttons?: number;
  knobs?: number;
  noHello?: boolean;
  heartbeatMs?: number;
}

interface Waiter {
  pattern: RegExp;
  resolve(match: RegExpMatchArray): void;
}

let binary: Promise<string> | null = null;

/** The virtual-board binary, built once per test file; fails loudly without a compiler. */
export function virtualBoardBinary(): Promise<string> {
  binary ??= buildVirtualBoard().then((path) => {
    if (path === null) throw new Error('no C++ compiler: the virtual board cannot be built (install g++)');
    return path;
  });
  return binary;
}

export class VirtualBoardProcess {
  /** Every line the board printed, in order. */
  readonly lines: string[] = [];
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly pending: { command: string; resolve(): void; reject(error: Error): void }[] = [];
  private waiters: Waiter[] = [];
  private stderr = '';
  private exited: Promise<void>;
  private ptyPath = '';

  static async start(options: VirtualBoardOptions = {}): Promise<VirtualBoardProcess> {
    const board = new VirtualBoardProcess(await virtualBoardBinary(), options);
    const ready = await Promise.race([
      board.waitFor(/^READY (\S+)$/),
      board.exited.then(() => {
        throw new Error(`virtual board exited before READY: ${board.stderr}`);
      }),
    ]);
    board.ptyPath = ready[1]!;
    return board;
  }

  private constructor(path: string, options: VirtualBoardOptions) {
    const args: string[] = [];
    if (options.link) args.push('--link', options.link);
    if (options.id) args.push('--id', options.id);
    if (options.fw) args.push('--fw', options.fw);
    if (options.proto !== undefined) args.push('--proto', String(options.proto));
    if (options.buttons !== undefined) args.push('--buttons', String(options.buttons));
    if (options.knobs !== undefined) args.push('--knobs', String(options.knobs));
    if (options.heartbeatMs !== undefined) args.push('--heartbeat-ms', String(options.heartbeatMs));
    if (options.noHello) args.push('--no-hello');
    this.child = spawn(path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    void this.exited.then(() => {
      for (const p of this.pending.splice(0)) p.reject(new Error(`virtual board exited before OK ${p.command}: ${this.stderr}`));
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
  }

  /** The pseudo-terminal the board is on now (it changes at each plug). */
  get pty(): string {
    return this.ptyPath;
  }

  /** Sends one command; resolves on its OK, rejects on its ERR. */
  send(command: string): Promise<void> {
    return this.sendMany([command]);
  }

  /** Sends commands in one write; resolves when the last is done. */
  sendMany(commands: string[]): Promise<void> {
    if (commands.length === 0) return Promise.resolve();
    const done = commands.map((command) => {
      if (command.trim() === '' || command.trim().startsWith('#') || command.includes('\n')) throw new Error(`not a command: ${JSON.stringify(command)}`);
      return new Promise<void>((resolve, reject) => this.pending.push({ command: command.trim(), resolve, reject }));
    });
    this.child.stdin.write(commands.join('\n') + '\n');
    return Promise.all(done).then(() => undefined);
  }

  /** Resolves on the first printed line (from now on, or already printed after `since`) matching. */
  waitFor(pattern: RegExp, since?: number): Promise<RegExpMatchArray> {
    if (since !== undefined) {
      for (const line of this.lines.slice(since)) {
        const match = pattern.exec(line);
        if (match) return Promise.resolve(match);
      }
    }
    return new Promise((resolve) => this.waiters.push({ pattern, resolve }));
  }

  /** Lines the board received from the host (HOST ...), without the prefix. */
  hostLines(): string[] {
    return this.lines.filter((l) => l.startsWith('HOST ')).map((l) => l.slice(5));
  }

  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    await this.exited;
    this.child.stdin.destroy();
  }

  private onLine(line: string): void {
    this.lines.push(line);
    const plugged = /^PLUGGED (\S+)$/.exec(line);
    if (plugged) this.ptyPath = plugged[1]!;
    const result = /^(OK|ERR) (.*)$/.exec(line);
    if (result && this.pending.length > 0) {
      const head = this.pending[0]!;
      // ERR lines read `ERR <reason>: <command>`.
      if (result[1] === 'OK' ? result[2] === head.command : result[2]!.endsWith(`: ${head.command}`)) {
        this.pending.shift();
        if (result[1] === 'OK') head.resolve();
        else head.reject(new Error(`virtual board refused ${head.command}: ${result[2]}`));
      }
    }
    this.waiters = this.waiters.filter((w) => {
      const match = w.pattern.exec(line);
      if (match) w.resolve(match);
      return !match;
    });
  }
}
