// Runs the virtual board as a child process and reads its machine-readable stdout.

import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { LineLog } from './line-log.js';


export class VirtualBoardProcess {
  readonly stderr: string[] = [];
  readonly exited: Promise<number | null>;
  private readonly log = new LineLog(() => `virtual board stdout:\n${this.lines.join('\n')}\nstderr: ${this.stderr.join('')}`);

  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    createInterface({ input: child.stdout }).on('line', (line) => this.onLine(line));
    child.stderr.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    child.stdin.on('error', () => {}); // the board may have quit already
  }

  static async start(binary: string, args: string[] = []): Promise<{ board: VirtualBoardProcess; path: string }> {
    const board = new VirtualBoardProcess(spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] }));
    const ready = await board.waitFor((line) => line.startsWith('READY '), 3000);
    return { board, path: ready.slice('READY '.length) };
  }

  /** Runs the board to its exit (for option errors); stdin is closed at once. */
  static runToExit(binary: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  private onLine(line: string): void {
    this.log.push(line);
  }

  /** The next line (after those already consumed) that passes `test`. */
  waitFor(test: (line: string) => boolean, timeoutMs = 2000): Promise<string> {
    return this.log.waitFor(test, timeoutMs);
  }

  get lines(): string[] {
    return this.log.lines;
  }

  /** Sends one stdin command and waits for its `OK` (or throws on `ERR`). */
  async command(text: string, timeoutMs = 3000): Promise<void> {
    const done = this.waitFor((line) => line === `OK ${text}` || line.startsWith('ERR '), timeoutMs);
    this.child.stdin.write(`${text}\n`);
    const line = await done;
    if (line.startsWith('ERR ')) throw new Error(`virtual board refused "${text}": ${line}`);
  }

  send(text: string): void {
    this.child.stdin.write(text);
  }

  endInput(): void {
    this.child.stdin.end();
  }

  signal(name: NodeJS.Signals): void {
    this.child.kill(name);
  }

  /** Stops the board (SIGTERM) and waits for it to exit. */
  async stop(): Promise<number | null> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGTERM');
    this.log.clear();
    return this.exited;
  }
}
