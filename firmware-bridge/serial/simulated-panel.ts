// The control panel when there is none: for `npm start` on a laptop and for
// end-to-end tests. It runs the firmware's virtual board (the real firmware
// core behind a pseudo-terminal) and supervises it like a real board; without
// a C++ compiler it falls back to an in-process simulation. Either way, lines
// like `tap 2` or `turn 0 -3` typed into `commands` act on the panel.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface, type Interface } from 'node:readline';
import { noLosses, type BoardStatus, type PanelInput } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { buildVirtualBoard } from '../firmware/build-host.js';
import { PanelSupervisor } from './panel-supervisor.js';
import { parsePanelCommand, PANEL_COMMAND_HELP, type PanelCommand } from './panel-command.js';

export interface SimulatedPanelOptions {
  bus: EventBus;
  log: Logger;
  /** Where commands come from (the bridge's stdin), or null for none. */
  commands: NodeJS.ReadableStream | null;
  /** The virtual board binary, or null for the in-process simulation. */
  build?: () => Promise<string | null>;
  buttons?: number;
  knobs?: number;
}

const TAP_MS = 30;

export class SimulatedPanel implements Capability {
  readonly name = 'simulated-panel';
  private readonly bus: EventBus;
  private readonly log: Logger;
  private readonly options: SimulatedPanelOptions;
  private readonly buttons: number;
  private readonly knobs: number;
  private child: ChildProcessWithoutNullStreams | null = null;
  private childExit: Promise<void> | null = null;
  private supervisor: PanelSupervisor | null = null;
  private reader: Interface | null = null;
  private readonly pressed = new Set<number>();
  private readonly tapTimers = new Set<NodeJS.Timeout>();
  private lastSeen: number | null = null;
  private running = false;

  constructor(options: SimulatedPanelOptions) {
    this.options = options;
    this.bus = options.bus;
    this.log = options.log.child('simulated-panel');
    this.buttons = options.buttons ?? 8;
    this.knobs = options.knobs ?? 2;
  }

  /** 'virtual-board' when the firmware runs behind a pty, 'in-process' otherwise. */
  get mode(): 'virtual-board' | 'in-process' | 'stopped' {
    if (!this.running) return 'stopped';
    return this.supervisor ? 'virtual-board' : 'in-process';
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    const binary = await (this.options.build ?? buildVirtualBoard)().catch((error: Error) => {
      this.log.warn(`cannot build the virtual board (${error.message.split('\n')[0]}); simulating in-process`);
      return null;
    });
    const pty = binary ? await this.spawnBoard(binary) : null;
    if (pty) {
      this.supervisor = new PanelSupervisor({ bus: this.bus, log: this.log, serial: pty, simulated: true });
      await this.supervisor.start();
      this.log.info(`virtual board on ${pty}; type commands: ${PANEL_COMMAND_HELP}`);
    } else {
      this.log.info(`no virtual board: simulating the panel in-process; type commands: ${PANEL_COMMAND_HELP}`);
      this.emitStatus();
    }
    if (this.options.commands) {
      this.reader = createInterface({ input: this.options.commands, terminal: false });
      this.reader.on('line', (line) => this.onCommand(line));
    }
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.reader?.close();
    this.reader = null;
    for (const timer of this.tapTimers) clearTimeout(timer);
    this.tapTimers.clear();
    await this.supervisor?.stop();
    this.supervisor = null;
    if (this.child) {
      this.child.kill('SIGTERM');
      await this.childExit;
      this.child = null;
    }
    for (const index of [...this.pressed]) this.setButton(index, false);
    this.emitStatus();
  }

  status(): BoardStatus {
    if (this.supervisor) return this.supervisor.status();
    return {
      connected: this.running,
      simulated: true,
      boardId: this.running ? 'SIMULATED' : null,
      firmware: null,
      lastSeenMs: this.lastSeen,
      port: null,
      framesDropped: {},
      losses: noLosses(),
    };
  }

  ping(): Promise<number> {
    return this.supervisor ? this.supervisor.ping() : Promise.resolve(0);
  }

  /** Runs one command line, as if typed; returns the error text for a bad one. */
  run(line: string): string | null {
    const command = parsePanelCommand(line, this.buttons, this.knobs);
    if ('error' in command) return command.error;
    if (this.child) this.child.stdin.write(`${command.text}\n`);
    else this.simulate(command);
    return null;
  }

  private onCommand(line: string): void {
    if (line.trim() === '') return;
    const error = this.run(line);
    if (error) this.log.warn(`${error}; commands: ${PANEL_COMMAND_HELP}`);
  }

  private simulate(command: Exclude<PanelCommand, { error: string }>): void {
    switch (command.kind) {
      case 'press':
      case 'release':
        return this.setButton(command.index, command.kind === 'press');
      case 'tap': {
        this.setButton(command.index, true);
        const timer = setTimeout(() => {
          this.tapTimers.delete(timer);
          this.setButton(command.index, false);
        }, TAP_MS);
        this.tapTimers.add(timer);
        return;
      }
      case 'turn':
        return this.emitInput({ kind: 'knob', index: command.index, delta: command.delta });
    }
  }

  private setButton(index: number, down: boolean): void {
    if (this.pressed.has(index) === down) return;
    if (down) this.pressed.add(index);
    else this.pressed.delete(index);
    this.emitInput({ kind: 'button', index, pressed: down });
  }

  private emitInput(input: PanelInput): void {
    this.lastSeen = Date.now();
    this.bus.emit('panel.input', input);
  }

  private emitStatus(): void {
    this.bus.emit('panel.status', this.status());
  }

  /** Starts the virtual board; resolves to its pty, or null if it would not start. */
  private spawnBoard(binary: string): Promise<string | null> {
    const child = spawn(binary, ['--buttons', String(this.buttons), '--knobs', String(this.knobs)], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child = child;
    this.childExit = new Promise((resolve) => child.once('close', () => resolve()));
    child.stderr.on('data', (chunk: Buffer) => this.log.warn(`virtual board: ${chunk.toString().trim()}`));
    child.stdin.on('error', () => undefined);
    return new Promise((resolve) => {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (line) => {
        const ready = /^READY (\S+)$/.exec(line);
        if (ready) return resolve(ready[1]!);
        if (line.startsWith('ERR')) this.log.warn(`virtual board: ${line}`);
        else this.log.debug(`virtual board: ${line}`);
      });
      child.once('error', (error) => {
        this.log.warn(`cannot run the virtual board ${binary}: ${error.message}`);
        this.child = null;
        resolve(null);
      });
      child.once('close', (code) => {
        if (this.running && this.child === child) this.log.warn(`the virtual board exited (${code ?? 'signal'})`);
        if (this.child === child) this.child = null;
        resolve(null);
      });
    });
  }
}
