// Runs the emulated AVR board (the firmware's real .hex on an emulated ATmega328P behind
// a real pseudo-terminal) as a child process for tests: waits for READY, sends commands
// and resolves each on its OK with the board-clock cycle it finished at, and keeps
// everything it printed, stamped in emulated cycles.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { buildAvrFirmware, type AvrImage } from '../../../../firmware-bridge/firmware/build-avr.js';
import { buildPtyRelay } from '../../../../firmware-bridge/firmware/build-host.js';
import { LineLog, type LineTest } from '../../helpers/line-log.js';

export { CYCLES_PER_MS, CYCLES_PER_US } from '../../../../firmware-bridge/firmware/emulator/atmega328p.js';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../../firmware-bridge/firmware/emulator/emulated-board-cli.ts', import.meta.url));
const READY_TIMEOUT_MS = 20_000;
const COMMAND_TIMEOUT_MS = 20_000;
const SHOWN_LINES = 40;

export interface EmulatedBoardOptions {
  link?: string;
  /** 16 hex digits: the serial number the chip's signature row holds. */
  id?: string;
  pace?: 'auto' | 'fast' | 'real';
  seed?: number;
  /** false: a host opening the port does not reset the board. */
  autoReset?: boolean;
  /** false: no bootloader, the firmware starts at once after a reset. */
  bootloader?: boolean;
  /** Print every pin edge the commands make (`PIN ...` lines). */
  trace?: boolean;
}

export interface TimedLine {
  cycle: number;
  text: string;
}

let image: Promise<AvrImage> | null = null;

/** The firmware image and the pty relay, built once per test file; fails loudly without the toolchains. */
export function avrImage(): Promise<AvrImage> {
  image ??= (async () => {
    const built = await buildAvrFirmware();
    if (built === null) throw new Error('the AVR toolchain is missing: apt-get install gcc-avr avr-libc binutils-avr');
    if ((await buildPtyRelay()) === null) throw new Error('no C++ compiler for the pty relay: install g++');
    return built;
  })();
  return image;
}

function commandLine(options: EmulatedBoardOptions, hex: string): string[] {
  const args = ['--import', 'tsx', CLI, '--hex', hex, '--pace', options.pace ?? 'auto', '--seed', String(options.seed ?? 1)];
  if (options.link) args.push('--link', options.link);
  if (options.id) args.push('--id', options.id);
  if (options.autoReset === false) args.push('--no-auto-reset');
  if (options.bootloader === false) args.push('--no-bootloader');
  if (options.trace) args.push('--trace-pins');
  return args;
}

interface Pending {
  command: string;
  /** How long it may take once the command before it is done. */
  timeoutMs: number;
  resolve(cycle: number): void;
  reject(error: Error): void;
}

export class EmulatedBoardProcess {
  readonly exited: Promise<number | null>;
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly log = new LineLog(() => this.describe());
  private readonly pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private stderrText = '';
  private ptyPath = '';

  static async start(options: EmulatedBoardOptions = {}): Promise<EmulatedBoardProcess> {
    const built = await avrImage();
    const board = new EmulatedBoardProcess(commandLine(options, built.hex));
    try {
      const ready = await Promise.race([
        board.waitFor(/^READY \S+$/, { timeoutMs: READY_TIMEOUT_MS }),
        board.exited.then((code) => {
          throw new Error(`the emulated board exited with code ${code} before READY; ${board.describe()}`);
        }),
      ]);
      board.ptyPath = ready.slice('READY '.length);
    } catch (error) {
      await board.close();
      throw error;
    }
    return board;
  }

  private constructor(args: string[]) {
    this.child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (chunk: Buffer) => (this.stderrText += chunk.toString()));
    this.child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => this.child.once('close', (code) => resolve(code)));
    void this.exited.then((code) => {
      clearTimeout(this.timer);
      for (const p of this.pending.splice(0)) p.reject(new Error(`the emulated board exited with code ${code} before OK ${p.command}; ${this.describe()}`));
    });
    createInterface({ input: this.child.stdout }).on('line', (line) => this.onLine(line));
  }

  /** The pty the board is on now (a new one after each plug). */
  get pty(): string {
    return this.ptyPath;
  }

  get lines(): string[] {
    return this.log.lines;
  }

  get stderr(): string {
    return this.stderrText;
  }

  /** Runs one command; resolves with the cycle it finished at. */
  send(command: string, timeoutMs = COMMAND_TIMEOUT_MS): Promise<number> {
    return this.sendMany([command], timeoutMs);
  }

  /** Runs commands in order (one write); resolves with the cycle the last finished at. */
  async sendMany(commands: string[], timeoutMs = COMMAND_TIMEOUT_MS): Promise<number> {
    const wasIdle = this.pending.length === 0;
    const done = commands.map((command) => new Promise<number>((resolve, reject) => this.pending.push({ command: command.trim(), timeoutMs, resolve, reject })));
    if (wasIdle) this.armTimer();
    this.child.stdin.write(commands.join('\n') + '\n');
    const cycles = await Promise.all(done);
    return cycles[cycles.length - 1] ?? 0;
  }

  /** The next printed line that passes `test` (from `since` when given). */
  waitFor(test: LineTest, { since, timeoutMs = COMMAND_TIMEOUT_MS }: { since?: number; timeoutMs?: number } = {}): Promise<string> {
    return this.log.waitFor(test, timeoutMs, since);
  }

  /** Lines with a cycle stamp of one kind (`TX`, `RX`, `LAMPS`, `BOOT`, `HOST`, `PIN`, `WARN`), between two line indexes. */
  stamped(kind: string, since = 0, until = this.lines.length): TimedLine[] {
    const prefix = `${kind} `;
    const out: TimedLine[] = [];
    for (let i = since; i < until; i++) {
      const line = this.lines[i]!;
      if (!line.startsWith(prefix)) continue;
      const space = line.indexOf(' ', prefix.length);
      out.push({ cycle: Number(line.slice(prefix.length, space < 0 ? undefined : space)), text: space < 0 ? '' : line.slice(space + 1) });
    }
    return out;
  }

  /** What the firmware sent on its USART, with the cycle of each line's first byte. */
  sent(since = 0, until = this.lines.length): TimedLine[] {
    return this.stamped('TX', since, until);
  }

  /** The lamps over time: bit n is lamp n. */
  lamps(since = 0): { cycle: number; lit: number }[] {
    return this.stamped('LAMPS', since).map(({ cycle, text }) => ({ cycle, lit: Number.parseInt(text, 16) }));
  }

  /** Edge-to-frame latencies, in cycles. */
  latencies(since = 0): { cycles: number; line: string }[] {
    return this.stamped('LATENCY', since).map(({ cycle, text }) => ({ cycles: cycle, line: text }));
  }

  async stats(): Promise<Record<string, number>> {
    const mark = this.lines.length;
    await this.send('stats');
    const line = await this.waitFor(/^STATS /, { since: mark });
    return Object.fromEntries(line.slice(6).split(' ').map((pair) => [pair.split('=')[0]!, Number(pair.split('=')[1])]));
  }

  async close(): Promise<void> {
    clearTimeout(this.timer);
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    this.log.clear();
    await this.exited;
  }

  /** Times the command at the head of the queue. */
  private armTimer(): void {
    clearTimeout(this.timer);
    const head = this.pending[0];
    if (!head) return;
    this.timer = setTimeout(() => {
      const error = new Error(`the emulated board did not finish ${head.command} within ${head.timeoutMs} ms; ${this.describe()}`);
      for (const p of this.pending.splice(0)) p.reject(error);
    }, head.timeoutMs);
  }

  private onLine(line: string): void {
    this.log.push(line);
    const plugged = /^PLUGGED \d+ (\S+)$/.exec(line);
    if (plugged) this.ptyPath = plugged[1]!;
    const head = this.pending[0];
    if (!head) return;
    const ok = /^OK (\d+) (.*)$/.exec(line);
    const failed = line.startsWith('ERR ') && line.endsWith(`: ${head.command}`);
    if (!(ok && ok[2] === head.command) && !failed) return;
    this.pending.shift();
    this.armTimer();
    if (ok) head.resolve(Number(ok[1]));
    else head.reject(new Error(`the emulated board refused ${head.command}: ${line}`));
  }

  private describe(): string {
    const shown = this.lines.slice(-SHOWN_LINES);
    const which = shown.length < this.lines.length ? ` (last ${shown.length} of ${this.lines.length} lines)` : '';
    return `emulated board stdout${which}:\n${shown.join('\n')}\nstderr: ${this.stderrText}`;
  }
}
