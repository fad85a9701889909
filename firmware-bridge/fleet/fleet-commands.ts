// What a verified fleet command does on this kiosk. Each command reuses the
// bridge's own way of doing it: the pack store's rollback, the page
// watchdog's restart command, the LED state on the bus, and messages to the
// page. Each returns a plain outcome for crossroads/<id>/cmd-result.

import { execFile, type ChildProcess } from 'node:child_process';
import type { BridgeMessage, RemoteMode } from '../api/messages.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import type { RollbackResult } from '../packs/pack-store.js';
import type { FleetCommand } from './command-signing.js';
import { IdentifyBlink } from './identify-blink.js';

export interface CommandOutcome {
  status: 'done' | 'refused' | 'failed';
  message: string;
  data?: unknown;
}

export interface FleetCommandsOptions {
  bus: EventBus;
  log: Logger;
  kioskId: string;
  ledCount: number;
  rollback: () => Promise<RollbackResult>;
  toPage: (message: BridgeMessage) => number;
  /** argv that restarts the browser (the --restart-browser command); null when none is set. */
  restartBrowser: string[] | null;
  /** Publishes the health now and returns it. */
  publishHealth: () => unknown;
  restartTimeoutMs?: number;
}

export const IDENTIFY_SECONDS = 10;
const MODES: readonly RemoteMode[] = ['attract', 'class', 'maintenance-off'];

export class FleetCommands {
  private readonly blink: IdentifyBlink;
  private readonly children = new Set<ChildProcess>();
  private closed = false;

  constructor(private readonly options: FleetCommandsOptions) {
    this.blink = new IdentifyBlink(options);
  }

  start(): void {
    this.closed = false;
    this.blink.start();
  }

  async run(command: FleetCommand): Promise<CommandOutcome> {
    if (this.closed) return { status: 'failed', message: 'the kiosk is shutting down' };
    const [first, ...more] = command.args;
    switch (command.command) {
      case 'identify': {
        const seconds = first === undefined ? IDENTIFY_SECONDS : Number(first);
        if (!Number.isInteger(seconds) || seconds < 1 || seconds > 300 || more.length > 0) return refused('identify takes one optional number of seconds, 1-300');
        const pages = this.blink.identify(seconds);
        return { status: 'done', message: `blinking the panel LEDs for ${seconds} s; the id is on ${pages} page(s)` };
      }
      case 'mode': {
        const mode = MODES.find((m) => m === first);
        if (!mode || more.length > 0) return refused(`mode takes one of ${MODES.join(', ')}`);
        const pages = this.options.toPage({ type: 'mode', mode });
        return pages > 0 ? { status: 'done', message: `asked ${pages} page(s) for ${mode}` } : { status: 'failed', message: 'no page is connected to this kiosk' };
      }
      case 'rollback': {
        if (command.args.length > 0) return refused('rollback takes no arguments');
        const result = await this.options.rollback();
        return result.info
          ? { status: 'done', message: `rolled back to ${result.info.id} ${result.info.version}`, data: result.info }
          : refused(result.reason ?? 'there is no previous pack');
      }
      case 'restart-browser':
        if (command.args.length > 0) return refused('restart-browser takes no arguments');
        return this.restartBrowser();
      case 'status':
        return { status: 'done', message: 'health published', data: this.options.publishHealth() };
    }
  }

  private restartBrowser(): Promise<CommandOutcome> {
    const argv = this.options.restartBrowser;
    if (!argv) return Promise.resolve(refused('this kiosk has no --restart-browser command'));
    const [file, ...args] = argv;
    return new Promise((resolve) => {
      // No shell: the words of --restart-browser are passed as they are, as the page watchdog does.
      const child = execFile(file!, args, { timeout: this.options.restartTimeoutMs ?? 30_000 }, (error, _stdout, stderr) => {
        this.children.delete(child);
        if (error) resolve({ status: 'failed', message: `the restart command failed: ${(stderr.trim() || error.message).slice(0, 300)}` });
        else resolve({ status: 'done', message: `ran ${argv.join(' ')}` });
      });
      this.children.add(child);
    });
  }

  /** Refuses new commands, ends a blink and kills a restart command still running. */
  async stop(): Promise<void> {
    this.closed = true;
    this.blink.stop();
    await Promise.all(
      [...this.children].map((child) => {
        if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
        const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
        child.kill('SIGTERM');
        return closed;
      }),
    );
  }
}

function refused(message: string): CommandOutcome {
  return { status: 'refused', message };
}
