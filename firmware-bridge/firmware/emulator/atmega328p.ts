// An ATmega328P at 16 MHz on avr8js: the CPU, ports B, C and D, the three timers and
// USART0, plus what avr8js leaves out and this firmware uses: idle sleep (the CPU
// skips ahead to the next event instead of spinning, and the timers have events only at
// their compare matches and wraps: lazy-timers.ts), the one-instruction delay after
// `sei`, reading the signature row, and USART0's receiver as the chip has it
// (usart-receiver.ts: two characters of buffer, RXC0 cleared only by reading, DOR0).
// Time is counted in CPU cycles only, so a run gives the same result however busy the
// host is.

import { countLazily } from './lazy-timers.js';
import { UsartReceiver } from './usart-receiver.js';
import {
  AVRIOPort,
  AVRTimer,
  AVRUSART,
  CPU,
  avrInstruction,
  portBConfig,
  portCConfig,
  portDConfig,
  timer0Config,
  timer1Config,
  timer2Config,
  usart0Config,
} from 'avr8js';

export const CLOCK_HZ = 16_000_000;
export const FLASH_BYTES = 32 * 1024;
export const SRAM_BYTES = 2048;
export const SRAM_START = 0x100;

const OPCODE_SLEEP = 0x9588;
const OPCODE_SEI = 0x9478;
const SMCR = 0x53;
const SMCR_SE = 0x01;
const SPMCSR = 0x57;
const SIGRD_READ = 0x21; // SIGRD | SELFPRGEN
// Unused SRAM is filled with this, so that the stack's deepest point shows afterwards.
const STACK_PAINT = 0xa5;

/** Cycles per emulated millisecond and microsecond. */
export const CYCLES_PER_MS = CLOCK_HZ / 1000;
export const CYCLES_PER_US = CLOCK_HZ / 1_000_000;

interface ClockEventQueue {
  nextClockEvent: { cycles: number } | null;
}

export class Atmega328p {
  readonly cpu: CPU;
  readonly portB: AVRIOPort;
  readonly portC: AVRIOPort;
  readonly portD: AVRIOPort;
  readonly usart: AVRUSART;
  /** USART0's receive side: the host's bytes go in here, not through avr8js's `writeByte`. */
  readonly receiver: UsartReceiver;
  /** Cycles from reset to the first sleep: the firmware's start-up. */
  bootCycles: number | null = null;
  /** How many times the CPU woke from sleep. */
  wakeUps = 0;
  /** Called when the CPU goes to sleep, with the cycle. */
  onSleep: ((cycle: number) => void) | null = null;
  /** Cycles spent asleep, skipped rather than executed. */
  sleptCycles = 0;
  private sleeping = false;
  private awakeSince = 0;
  private signatureRead = false;
  private readonly events: ClockEventQueue;
  readonly timers: AVRTimer[];

  /** `signature` is the chip's signature row (device id, calibration, serial number). */
  constructor(program: Uint16Array, private readonly signature: Uint8Array) {
    this.cpu = new CPU(program, SRAM_BYTES);
    this.events = this.cpu as unknown as ClockEventQueue;
    this.cpu.data.fill(STACK_PAINT, SRAM_START);
    this.portB = new AVRIOPort(this.cpu, portBConfig);
    this.portC = new AVRIOPort(this.cpu, portCConfig);
    this.portD = new AVRIOPort(this.cpu, portDConfig);
    const timerConfigs = [timer0Config, timer1Config, timer2Config];
    this.timers = timerConfigs.map((config) => new AVRTimer(this.cpu, config));
    countLazily(this.cpu, this.timers, timerConfigs);
    this.usart = new AVRUSART(this.cpu, usart0Config, CLOCK_HZ);
    this.receiver = new UsartReceiver(this.cpu, this.usart, usart0Config);
    this.cpu.writeHooks[SPMCSR] = (value) => {
      this.signatureRead = (value & SIGRD_READ) === SIGRD_READ;
      return false;
    };
  }

  get cycles(): number {
    return this.cpu.cycles;
  }

  /** True while the CPU waits in idle sleep for an interrupt. */
  get asleep(): boolean {
    return this.sleeping;
  }

  /** Runs `callback` when the clock reaches `cycle` (at once if it has passed). */
  at(cycle: number, callback: () => void): void {
    this.cpu.addClockEvent(callback, cycle - this.cpu.cycles);
  }

  /** Executes until the clock reaches `cycle`; sleeping time is skipped, not spun. */
  runUntil(cycle: number): void {
    const { cpu } = this;
    const program = cpu.progMem;
    while (cpu.cycles < cycle) {
      if (this.sleeping) {
        this.sleepUntil(cycle);
        continue;
      }
      const opcode = program[cpu.pc]!;
      if (this.signatureRead) this.readSignatureByte(opcode);
      else avrInstruction(cpu);
      // The AVR always runs the instruction after `sei` before it takes an interrupt.
      if (opcode === OPCODE_SEI) continue;
      const sleeps = opcode === OPCODE_SLEEP && (cpu.data[SMCR]! & SMCR_SE) !== 0 && cpu.interruptsEnabled;
      if (sleeps) this.endPass();
      const pc = cpu.pc;
      cpu.tick();
      // An interrupt already pending wakes the CPU at once.
      if (sleeps) {
        if (cpu.pc !== pc) this.wake();
        else this.sleeping = true;
      }
    }
  }

  /** The deepest the stack has gone, in bytes, given where static data ends. */
  stackHighWater(staticEnd: number): number {
    const { data } = this.cpu;
    let lowest = staticEnd;
    while (lowest < data.length && data[lowest] === STACK_PAINT) lowest++;
    return data.length - lowest;
  }

  private endPass(): void {
    if (this.bootCycles === null) this.bootCycles = this.cpu.cycles - this.awakeSince;
    this.onSleep?.(this.cpu.cycles);
  }

  private wake(): void {
    this.sleeping = false;
    this.awakeSince = this.cpu.cycles;
    this.wakeUps++;
  }

  private sleepUntil(limit: number): void {
    const { cpu } = this;
    const pc = cpu.pc;
    if (cpu.nextInterrupt < 0) {
      const next = this.events.nextClockEvent?.cycles ?? Infinity;
      const wake = Math.min(Math.max(next, cpu.cycles), limit);
      this.sleptCycles += wake - cpu.cycles;
      cpu.cycles = wake;
      if (next > limit) return;
    }
    cpu.tick();
    if (cpu.pc !== pc) this.wake();
  }

  /** `lpm` right after SPMCSR asked for it reads the signature row instead of flash. */
  private readSignatureByte(opcode: number): void {
    this.signatureRead = false;
    const { cpu } = this;
    // LPM Rd, Z (1001 000d dddd 0100) and LPM Rd, Z+ (...0101).
    if ((opcode & 0xfe0e) !== 0x9004) {
      avrInstruction(cpu);
      return;
    }
    const z = cpu.dataView.getUint16(30, true);
    cpu.data[(opcode & 0x1f0) >> 4] = this.signature[z] ?? 0xff;
    if (opcode & 1) cpu.dataView.setUint16(30, (z + 1) & 0xffff, true);
    cpu.pc += 1;
    cpu.cycles += 3;
  }
}
