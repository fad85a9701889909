// The emulated board's commands, one a line, run one after another on the board clock:
// each starts when the one before it is done and answers `OK <cycle> <command>` when its
// last pin edge has happened (or `ERR <reason>: <command>`).
//
//   press <i> [bounce-ms]     close button i's contact, bouncing (default 5 ms)
//   release <i> [bounce-ms]   open it again
//   tap <i> [hold-ms]         press, hold (default 60 ms), release
//   turn <k> <detents> [detents-per-second]   quadrature, 4 steps a detent (default 10/s)
//   steps <k> <quarter-steps> [detents-per-second]   part of a detent (the knob may be
//                             left between detents, as a hand can hold it)
//   sleep <ms>                let the board run
//   reset                     pulse RESET (the bootloader runs first)
//   unplug | plug             pull the USB cable / put it back (a new pty)
//   stats                     one STATS line of figures

import { CYCLES_PER_MS } from './atmega328p.js';
import type { EmulatedBoard } from './emulated-board.js';
import { bouncingEdges, seededRandom, turnEdges, type Random } from './input-waveforms.js';

export interface CommandHost {
  board: EmulatedBoard;
  /** An input whose frame should follow: its latency is measured from `cycle`. */
  markInput(key: string, cycle: number): void;
  unplug(): Promise<void>;
  plug(): Promise<void>;
  stats(): string;
  print(line: string): void;
  /** Each pin edge as it happens, when tracing (`PIN <cycle> button <i> <0|1>`, `PIN <cycle> knob <k> <phase>`). */
  trace: boolean;
}

const DEFAULT_BOUNCE_MS = 5;
const DEFAULT_HOLD_MS = 60;
const DEFAULT_SPEED = 10;
// Encoder contacts chatter too, though less than a push button's.
const KNOB_CHATTER_MS = 0.3;

type Outcome = number | Promise<void>;

export class BoardCommands {
  private readonly queue: string[] = [];
  private running = false;
  private readonly random: Random;

  constructor(private readonly host: CommandHost, seed: number) {
    this.random = seededRandom(seed);
  }

  /** True while a command is being carried out or waits its turn. */
  get busy(): boolean {
    return this.running || this.queue.length > 0;
  }

  enqueue(line: string): void {
    const command = line.trim();
    if (command === '' || command.startsWith('#')) return;
    this.queue.push(command);
    if (!this.running) this.next();
  }

  private next(): void {
    const command = this.queue.shift();
    if (command === undefined) {
      this.running = false;
      return;
    }
    this.running = true;
    const { board } = this.host;
    let outcome: Outcome;
    try {
      outcome = this.start(command);
    } catch (error) {
      this.host.print(`ERR ${(error as Error).message}: ${command}`);
      this.next();
      return;
    }
    const done = (): void => {
      this.host.print(`OK ${board.cycles} ${command}`);
      this.next();
    };
    if (typeof outcome === 'number') {
      board.at(outcome, done);
    } else {
      outcome.then(done, (error: Error) => {
        this.host.print(`ERR ${error.message}: ${command}`);
        this.next();
      });
    }
  }

  /** Schedules the command's pin edges; resolves to the cycle it is done at. */
  private start(command: string): Outcome {
    const [name, ...args] = command.split(/\s+/);
    const { board } = this.host;
    const now = board.cycles;
    const number = (text: string | undefined, what: string, low: number, high: number, fallback?: number): number => {
      if (text === undefined && fallback !== undefined) return fallback;
      const value = Number(text);
      if (text === undefined || !Number.isFinite(value) || value < low || value > high) throw new Error(`${what} must be a number from ${low} to ${high}`);
      return value;
    };
    const button = (text: string | undefined): number => number(text, 'the button', 0, board.buttons - 1);
    switch (name) {
      case 'press':
      case 'release': {
        const index = button(args[0]);
        return this.switchButton(index, name === 'press', now, number(args[1], 'the bounce', 0, 20, DEFAULT_BOUNCE_MS));
      }
      case 'tap': {
        const index = button(args[0]);
        const hold = number(args[1], 'the hold', 20, 60_000, DEFAULT_HOLD_MS);
        this.switchButton(index, true, now, DEFAULT_BOUNCE_MS);
        return this.switchButton(index, false, now + hold * CYCLES_PER_MS, DEFAULT_BOUNCE_MS);
      }
      case 'turn': {
        const knob = number(args[0], 'the knob', 0, board.knobs - 1);
        const detents = number(args[1], 'the detents', -10_000, 10_000);
        if (!Number.isInteger(detents) || detents === 0) throw new Error('the detents must be a whole number, not 0');
        return this.turn(knob, detents * 4, number(args[2], 'the speed', 0.1, 2000, DEFAULT_SPEED), now);
      }
      case 'steps': {
        const knob = number(args[0], 'the knob', 0, board.knobs - 1);
        const steps = number(args[1], 'the steps', -40_000, 40_000);
        if (!Number.isInteger(steps) || steps === 0) throw new Error('the steps must be a whole number, not 0');
        return this.turn(knob, steps, number(args[2], 'the speed', 0.1, 2000, DEFAULT_SPEED), now);
      }
      case 'sleep':
        return now + Math.round(number(args[0], 'the time', 0, 3_600_000) * CYCLES_PER_MS);
      case 'reset':
        board.reset();
        return now;
      case 'unplug':
        return this.host.unplug();
      case 'plug':
        return this.host.plug();
      case 'stats':
        this.host.print(this.host.stats());
        return now;
      default:
        throw new Error('unknown command');
    }
  }

  private switchButton(index: number, pressed: boolean, start: number, bounceMs: number): number {
    const { board } = this.host;
    const edges = bouncingEdges(!pressed, start, Math.round(bounceMs * CYCLES_PER_MS), this.random);
    edges.forEach((edge, i) =>
      board.at(edge.cycle, () => {
        if (i === 0) this.host.markInput(`BTN ${index}`, edge.cycle);
        if (this.host.trace) this.host.print(`PIN ${edge.cycle} button ${index} ${edge.high ? 1 : 0}`);
        board.setButtonLine(index, edge.high);
      }),
    );
    return Math.max(start + Math.round(bounceMs * CYCLES_PER_MS), edges[edges.length - 1]!.cycle);
  }

  /** Moves a knob by quarter steps from wherever it is now. */
  private turn(knob: number, steps: number, speed: number, start: number): number {
    const { board } = this.host;
    const from = board.knobContacts(knob);
    const edges = turnEdges(steps, from, start, { speed, bounceCycles: KNOB_CHATTER_MS * CYCLES_PER_MS }, this.random);
    // From rest, the first detent is complete when its fourth step first touches rest
    // (latency is measured only for turns from rest).
    const firstDetent = from === 3 ? edges.findIndex((edge) => edge.step === 3 && edge.phase === 3) : -1;
    edges.forEach((edge, i) =>
      board.at(edge.cycle, () => {
        if (i === firstDetent) this.host.markInput(`KNOB ${knob}`, edge.cycle);
        if (this.host.trace) this.host.print(`PIN ${edge.cycle} knob ${knob} ${edge.phase}`);
        board.setKnobPhase(knob, edge.phase);
      }),
    );
    return edges[edges.length - 1]!.cycle;
  }
}
