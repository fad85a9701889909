// Runs the firmware's virtual board (the real firmware core behind a real
// pseudo-terminal) as a child process for tests: waits for READY, sends stdin
// commands and resolves each on its OK, and records everything it prints.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { buildVirtualBoard } from '../../../firmware-bridge/firmware/build-host.js';
import { LineLog, type LineTest } from './line-log.js';

export interface VirtualBoardOptions {
  link?: string;
  id?: string;
  fw?: string;
  proto?: number;
  buttons?: number;
  knobs?: number;
  /** A file of commands the board runs before those from stdin. */
  script?: string;
  noHello?: boolean;
  heartbeatMs?: number;
}

export interface SendOptions {
  /** How long each command may take once the one before it is done. */
  timeoutMs?: number;
}

export interface WaitOptions {
  /** Index in `lines` to search from (0: all output); by default, after the last line a wait consumed. */
  since?: number;
  timeoutMs?: number;
}

export interface BoardRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

// Each command gets this long once the one before it is done; longer commands
// (a deliberate silence) pass their own.
const COMMAND_TIMEOUT_MS = 10_000;
const WAIT_TIMEOUT_MS = 10_000;
const READY_TIMEOUT_MS = 10_000;
// A load test prints tens of thousands of lines: a timeout's message shows the last ones.
const SHOWN_LINES = 40;

interface PendingCommand {
  command: string;
  timeoutMs: number;
  resolve(): void;
  reject(error: Error): void;
}

let binary: Promise<string> | null = null;

/** The virtual-board binary, built once per test file; fails loudly without a compiler. */
export function virtualBoardBinary(): Promise<string> {
  binary ??= buildVirtualBoard().then((path) => {
    if (path === null) throw new Error('no C++ compiler found (tried $CXX, g++, clang++, c++): install g++ to build the virtual board');
    return path;
  });
  return binary;
}

function commandLine(options: VirtualBoardOptions): string[] {
  const args: string[] = [];
  if (options.link) args.push('--link', options.link);
  if (options.id) args.push('--id', options.id);
  if (options.fw) args.push('--fw', options.fw);
  if (options.proto !== undefined) args.push('--proto', String(options.proto));
  if (options.buttons !== undefined) args.push('--buttons', String(options.buttons));
  if (options.knobs !== undefined) args.push('--knobs', String(options.knobs));
  if (options.script) args.push('--script', options.script);
  if (options.heartbeatMs !== undefined) args.push('--heartbeat-ms', String(options.heartbeatMs));
  if (options.noHello) args.push('--no-hello');
  return args;
}

export class VirtualBoardProcess {
  /** The exit code (null after a signal it did not handle). */
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly log = new LineLog(() => this.describe());
  private readonly pending: PendingCommand[] = [];
  private commandTimer: NodeJS.Timeout | undefined;
  private stderrText = '';
  private ptyPath = '';

  /** Starts a board and waits for its READY. */
  static async start(options: VirtualBoardOptions = {}): Promise<VirtualBoardProcess> {
    const board = new VirtualBoardProcess(await virtualBoardBinary(), commandLine(options));
    try {
      const ready = await Promise.race([
        board.waitFor(/^READY \S+$/, { timeoutMs: READY_TIMEOUT_MS }),
        board.exited.then((code) => {
          throw new Error(`virtual board exited with code ${code} before READY; ${board.describe()}`);
        }),
      ]);
      board.ptyPath = ready.slice('READY '.length);
    } catch (error) {
      await board.close();
      throw error;
    }
    return board;
  }

  /** Runs the board on raw arguments to its exit (for option errors); stdin is closed at once. */
  static async runToExit(args: string[]): Promise<BoardRun> {
    const path = await virtualBoardBinary();
    return new Promise((resolve) => {
      const child = spawn(path, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  private constructor(path: string, args: string[]) {
    this.child = spawn(path, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.child.stdin.on('error', () => {}); // the board may have quit already
    // 'close' rather than 'exit': by then every line the board printed has been read.
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
    void this.exited.then((code) => {
      clearTimeout(this.commandTimer);
      for (const p of this.pending.splice(0)) p.reject(new Error(`virtual board exited with code ${code} before OK ${p.command}; ${this.describe()}`));
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
  }

  /** The pseudo-terminal the board is on now (it changes at each plug). */
  get pty(): string {
    return this.ptyPath;
  }

  /** Every line the board printed, in order. */
  get lines(): string[] {
    return this.log.lines;
  }

  get stderr(): string {
    return this.stderrText;
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Sends one command; resolves on its OK, rejects on its ERR or when it takes too long. */
  send(command: string, options: SendOptions = {}): Promise<void> {
    return this.sendMany([command], options);
  }

  /** Sends commands in one write; resolves when the last is done, rejects on the first ERR. */
  sendMany(commands: string[], { timeoutMs = COMMAND_TIMEOUT_MS }: SendOptions = {}): Promise<void> {
    const bad = commands.find((c) => c.trim() === '' || c.trim().startsWith('#') || c.includes('\n'));
    if (bad !== undefined) return Promise.reject(new Error(`not a command: ${JSON.stringify(bad)}`));
    if (commands.length === 0) return Promise.resolve();
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.reject(new Error(`virtual board has exited; ${this.describe()}`));
    const wasIdle = this.pending.length === 0;
    const done = commands.map((command) => new Promise<void>((resolve, reject) => this.pending.push({ command: command.trim(), timeoutMs, resolve, reject })));
    if (wasIdle) this.startCommandTimer();
    this.child.stdin.write(commands.join('\n') + '\n');
    return Promise.all(done).then(() => undefined);
  }

  /** Writes raw text to stdin, expecting no answer (for malformed input). */
  write(text: string): void {
    this.child.stdin.write(text);
  }

  /** Closes stdin: the board exits once it has run what it read. */
  endInput(): void {
    this.child.stdin.end();
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  /** The next printed line that passes `test` (see WaitOptions for where the search starts). */
  waitFor(test: LineTest, { since, timeoutMs = WAIT_TIMEOUT_MS }: WaitOptions = {}): Promise<string> {
    return this.log.waitFor(test, timeoutMs, since);
  }

  /** Lines the board received from the host (HOST ...), without the prefix. */
  hostLines(): string[] {
    return this.lines.filter((l) => l.startsWith('HOST ')).map((l) => l.slice(5));
  }

  /** Stops the board (SIGTERM, unless it has exited) and waits for it; `exited` has the code. */
  async close(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    this.log.clear();
    await this.exited;
    this.child.stdin.destroy();
  }

  private onLine(line: string): void {
    this.log.push(line);
    const plugged = /^PLUGGED (\S+)$/.exec(line);
    if (plugged) this.ptyPath = plugged[1]!;
    const result = /^(OK|ERR) (.*)$/.exec(line);
    const head = this.pending[0];
    if (!result || !head) return;
    // ERR lines read `ERR <reason>: <command>`.
    if (result[1] === 'OK' ? result[2] !== head.command : !result[2]!.endsWith(`: ${head.command}`)) return;
    this.pending.shift();
    this.startCommandTimer();
    if (result[1] === 'OK') head.resolve();
    else head.reject(new Error(`virtual board refused ${head.command}: ${line}`));
  }

  /** Times the command at the head of the queue. */
  private startCommandTimer(): void {
    clearTimeout(this.commandTimer);
    const head = this.pending[0];
    if (!head) return;
    this.commandTimer = setTimeout(() => {
      // Checked again after pending output is read: a stalled event loop runs timers first.
      setImmediate(() => {
        if (this.pending[0] !== head) return;
        const error = new Error(`virtual board did not finish ${head.command} within ${head.timeoutMs} ms; ${this.describe()}`);
        for (const p of this.pending.splice(0)) p.reject(error);
      });
    }, head.timeoutMs);
  }

  private describe(): string {
    const shown = this.lines.slice(-SHOWN_LINES);
    const which = shown.length < this.lines.length ? ` (last ${shown.length} of ${this.lines.length} lines)` : '';
    return `virtual board stdout${which}:\n${shown.join('\n')}\nstderr: ${this.stderrText}`;
  }
}
