// The whole reference board around the emulated ATmega328P: 8 push buttons and 2 EC11
// knobs on the pins board-pins.h names (each line pulled up, low while its contact is
// closed), the 74HC595 that drives the lamps, power, the reset line and the USART.
// A Nano or an Uno resets when a host opens its port (the USB-serial chip's DTR pulses
// RESET); Optiboot then waits up to a second for an upload, and gives up 16 ms after a
// byte that is not one (the bridge's WHO), so the firmware starts and greets with HELLO.
// Power-on skips the wait. Everything is timed on one board clock, in CPU cycles since
// the first power-on; it keeps counting across resets and while the board is unplugged.

import { PinState } from 'avr8js';
import { Atmega328p, CYCLES_PER_MS, CYCLES_PER_US, SRAM_START } from './atmega328p.js';
import type { PinMap, PinRef } from './pin-map.js';
import { BoardFigures, type BoardStats } from './board-figures.js';
import { SerialWire, type WireListener } from './serial-wire.js';
import { ShiftRegister595 } from './shift-register-595.js';

export interface BoardListener extends WireListener {
  /** The lamps changed: bit n is lamp n lit. */
  onLamps(lit: number, cycle: number): void;
  /** The firmware starts (after power-on, or a reset and the bootloader). */
  onBoot(cycle: number): void;
  /** Something about the firmware a maker should know (an input without its pull-up). */
  onWarning(text: string, cycle: number): void;
}

interface Scheduled {
  cycle: number;
  order: number;
  apply(): void;
}

// Optiboot after an external reset: its wait for an upload, and its watchdog exit.
const BOOTLOADER_WAIT_CYCLES = 1000 * CYCLES_PER_MS;
const BOOTLOADER_EXIT_CYCLES = 16 * CYCLES_PER_MS;

export type BoardState = 'off' | 'bootloader' | 'running';

export type { BoardStats } from './board-figures.js';

export class EmulatedBoard {
  private mcu: Atmega328p | null = null;
  private state: BoardState = 'off';
  // Bumped at every power or reset change: a start-up scheduled before it is void.
  private generation = 0;
  private bootloaderLeaving = false;
  private offset = 0;
  private offCycles = 0;
  private readonly queue: Scheduled[] = [];
  private order = 0;
  private readonly buttonHigh: boolean[];
  private readonly knobPhase: number[];
  private readonly lamps = new ShiftRegister595();
  private lampsLit = 0;
  private readonly wire: SerialWire;
  private readonly figures: BoardFigures;
  constructor(
    private readonly program: Uint16Array,
    private readonly signature: Uint8Array,
    private readonly pins: PinMap,
    private readonly listener: BoardListener,
    /** First SRAM address past the image's static data, for the stack measure. */
    staticEnd: number = SRAM_START,
    /** False for a board without a bootloader (flashed over ISP): it starts at once after a reset. */
    private readonly bootloader: boolean = true,
  ) {
    this.wire = new SerialWire(listener, () => this.cycles);
    this.figures = new BoardFigures(staticEnd);
    this.buttonHigh = pins.buttons.map(() => true);
    this.knobPhase = pins.knobA.map(() => 3);
  }

  get cycles(): number {
    return this.mcu ? this.offset + this.mcu.cycles : this.offCycles;
  }

  get status(): BoardState {
    return this.state;
  }

  get buttons(): number {
    return this.pins.buttons.length;
  }

  get knobs(): number {
    return this.pins.knobA.length;
  }

  /** Lamps lit now (bit n: lamp n). */
  get lit(): number {
    return this.lampsLit;
  }

  /** Power on (plugging the USB cable in): the bootloader sees a power-on reset and starts the firmware at once. */
  powerOn(): void {
    if (this.state !== 'off') return;
    this.generation++;
    this.boot(this.cycles);
  }

  /** Power off (unplugging): the chip stops; the lamps go dark. */
  powerOff(): void {
    if (this.state === 'off') return;
    this.halt('off');
    this.lamps.clear();
    this.setLamps(0);
  }

  /** A pulse on RESET (the bridge chip's DTR when a host opens the port, or the reset button). */
  reset(): void {
    if (this.state === 'off') return;
    this.halt('bootloader');
    if (!this.bootloader) {
      this.boot(this.cycles);
      return;
    }
    this.bootloaderLeaving = false;
    this.startAfter(BOOTLOADER_WAIT_CYCLES);
  }

  private halt(next: BoardState): void {
    this.offCycles = this.cycles;
    this.figures.retire();
    this.mcu = null;
    this.wire.detach();
    this.state = next;
    this.generation++;
  }

  private startAfter(cycles: number): void {
    const generation = this.generation;
    this.at(this.cycles + cycles, () => {
      if (generation === this.generation && this.state === 'bootloader') this.boot(this.cycles);
    });
  }

  /** Sets a button's line: high is open (pulled up), low is pressed. */
  setButtonLine(index: number, high: boolean): void {
    this.buttonHigh[index] = high;
    this.drive(this.pins.buttons[index]!, high);
  }

  /** Sets a knob's two contacts: (A << 1) | B, 1 = open. */
  setKnobPhase(index: number, phase: number): void {
    this.knobPhase[index] = phase & 3;
    this.drive(this.pins.knobA[index]!, (phase & 2) !== 0);
    this.drive(this.pins.knobB[index]!, (phase & 1) !== 0);
  }

  /** A button's line now (true: open). */
  buttonLine(index: number): boolean {
    return this.buttonHigh[index]!;
  }

  knobContacts(index: number): number {
    return this.knobPhase[index]!;
  }

  /** Runs `apply` when the board clock reaches `cycle`; events at one cycle run in the order given. */
  at(cycle: number, apply: () => void): void {
    const event = { cycle, order: this.order++, apply };
    let i = this.queue.length;
    while (i > 0 && (this.queue[i - 1]!.cycle > cycle || (this.queue[i - 1]!.cycle === cycle && this.queue[i - 1]!.order > event.order))) i--;
    this.queue.splice(i, 0, event);
  }

  get pendingEvents(): number {
    return this.queue.length;
  }

  /** Bytes from the host, into the USART at the line's pace. */
  receive(bytes: Uint8Array): void {
    if (this.state === 'bootloader' && bytes.length > 0 && !this.bootloaderLeaving) {
      // Not an upload: Optiboot lets its watchdog reset the chip into the firmware.
      this.bootloaderLeaving = true;
      this.generation++;
      this.startAfter(BOOTLOADER_EXIT_CYCLES);
    }
    this.wire.receive(bytes);
  }

  /** Runs the board until its clock reaches `cycle`. */
  runUntil(cycle: number): void {
    while (this.cycles < cycle || (this.queue.length > 0 && this.queue[0]!.cycle <= this.cycles)) {
      const next = this.queue[0];
      if (next && next.cycle <= this.cycles) {
        this.queue.shift();
        next.apply();
        continue;
      }
      const until = Math.min(cycle, next?.cycle ?? Infinity);
      if (this.mcu) this.mcu.runUntil(until - this.offset);
      else this.offCycles = until;
    }
  }

  stats(): BoardStats {
    return this.figures.stats();
  }

  private boot(at: number): void {
    const mcu = new Atmega328p(this.program, this.signature);
    this.mcu = mcu;
    this.state = 'running';
    this.listener.onBoot(at);
    this.offset = at;
    this.wire.attach(mcu.usart, mcu.receiver);
    mcu.portB.addListener(() => this.onPortB());
    this.figures.boot(mcu);
    mcu.onSleep = (cycle) => this.figures.sleep(this.offset + cycle);
    this.buttonHigh.forEach((high, i) => this.drive(this.pins.buttons[i]!, high));
    this.knobPhase.forEach((phase, k) => this.setKnobPhase(k, phase));
    // Once the firmware is up, every input must have its pull-up, or a real board's
    // open contacts would float.
    this.at(at + 1000 * CYCLES_PER_US, () => this.checkPullUps(mcu));
  }

  private port(pin: PinRef): Atmega328p['portB'] {
    const mcu = this.mcu!;
    return pin.port === 'B' ? mcu.portB : pin.port === 'C' ? mcu.portC : mcu.portD;
  }

  private drive(pin: PinRef, high: boolean): void {
    if (this.mcu) this.port(pin).setPin(pin.bit, high);
  }

  private checkPullUps(mcu: Atmega328p): void {
    if (mcu !== this.mcu) return;
    const inputs = [
      ...this.pins.buttons.map((pin, i) => ({ name: `button ${i}`, pin })),
      ...this.pins.knobA.map((pin, k) => ({ name: `knob ${k} A`, pin })),
      ...this.pins.knobB.map((pin, k) => ({ name: `knob ${k} B`, pin })),
    ];
    for (const { name, pin } of inputs) {
      if (this.port(pin).pinState(pin.bit) !== PinState.InputPullUp) this.listener.onWarning(`${name} (P${pin.port}${pin.bit}) is not an input with its pull-up on`, this.cycles);
    }
  }

  private onPortB(): void {
    this.figures.pulse(this.level(this.pins.loopPulse), this.cycles);
    const data = this.level(this.pins.shiftData);
    const clock = this.level(this.pins.shiftClock);
    const latch = this.level(this.pins.shiftLatch);
    if (this.lamps.update(data, clock, latch)) {
      const outputs = this.lamps.outputs;
      this.setLamps(this.pins.ledActiveHigh ? outputs : ~outputs & 0xff);
    }
  }

  /** The level the chip drives on an output pin. */
  private level(pin: PinRef): boolean {
    return this.port(pin).pinState(pin.bit) === PinState.High;
  }

  private setLamps(lit: number): void {
    if (lit === this.lampsLit) return;
    this.lampsLit = lit;
    this.listener.onLamps(lit, this.cycles);
  }
}
