// Timers counted from one compare match to the next give the same program, cycle for
// cycle, as avr8js's tick-by-tick count: the same interrupts at the same cycles and the
// same TCNT reads, across new compare values, a TCNT write and a change of mode; with
// far fewer clock events.

import { AVRTimer, CPU, avrInstruction, timer0Config } from 'avr8js';
import { describe, expect, it } from 'vitest';
import { countLazily } from '../../../../firmware-bridge/firmware/emulator/lazy-timers.js';

const ldi = (d: number, k: number): number => 0xe000 | ((k & 0xf0) << 4) | ((d - 16) << 4) | (k & 0x0f);
const out = (a: number, r: number): number => 0xb800 | ((a & 0x30) << 5) | (r << 4) | (a & 0x0f);
const inp = (r: number, a: number): number => 0xb000 | ((a & 0x30) << 5) | (r << 4) | (a & 0x0f);
const inc = (d: number): number => 0x9403 | (d << 4);
const rjmp = (from: number, to: number): number => 0xc000 | ((to - from - 1) & 0xfff);
const SEI = 0x9478;
const RETI = 0x9518;
const TIMER0_COMPA = 0x1c;
const TIMER0_OVF = 0x20;

function program(): Uint16Array {
  const flash = new Uint16Array(16 * 1024);
  const START = 0x22;
  const LOOP = START + 11;
  flash.set([rjmp(0, START)], 0);
  flash.set([inc(21), RETI], TIMER0_COMPA);
  flash.set([inc(23), RETI], TIMER0_OVF);
  // CTC, OCR0A 99, both interrupts on, clk/64.
  flash.set([ldi(16, 0x02), out(0x24, 16), ldi(16, 99), out(0x27, 16), ldi(16, 0x03), 0x9300, 0x006e, ldi(16, 0x03), out(0x25, 16), SEI, 0x0000], START);
  flash.set([inp(20, 0x26), inc(22), rjmp(LOOP + 2, LOOP)], LOOP);
  return flash;
}

interface Run {
  interrupts: string[];
  reads: number[];
  events: number;
}

function run(lazy: boolean): Run {
  const cpu = new CPU(program());
  const timer = new AVRTimer(cpu, timer0Config);
  if (lazy) countLazily(cpu, [timer], [timer0Config]);
  let events = 0;
  const add = cpu.addClockEvent.bind(cpu);
  cpu.addClockEvent = (callback, cycles) => {
    events++;
    return add(callback, cycles);
  };
  // What a program could do to the timer, from outside, at set cycles.
  const writes: [number, number, number][] = [
    [40_000, 0x47, 30], // OCR0A nearer: the next match comes sooner
    [80_000, 0x48, 10], // OCR0B
    [120_000, 0x46, 200], // TCNT0 past OCR0A: the next match is after the wrap
    [160_000, 0x44, 0x00], // TCCR0A: normal mode, overflows at 255
    [220_000, 0x47, 250],
  ];
  const interrupts: string[] = [];
  const reads: number[] = [];
  while (cpu.cycles < 300_000) {
    if (writes.length > 0 && cpu.cycles >= writes[0]![0]) {
      const [, address, value] = writes.shift()!;
      cpu.writeData(address, value);
    }
    const before = cpu.data[20];
    avrInstruction(cpu);
    cpu.tick();
    if (cpu.pc === TIMER0_COMPA || cpu.pc === TIMER0_OVF) interrupts.push(`${cpu.cycles} ${cpu.pc === TIMER0_COMPA ? 'COMPA' : 'OVF'}`);
    if (cpu.data[20] !== before) reads.push(cpu.data[20]!);
  }
  return { interrupts, reads, events };
}

describe('countLazily', () => {
  it('gives the interrupts and TCNT reads of the tick-by-tick count, with a fraction of its clock events', () => {
    const eager = run(false);
    const lazy = run(true);
    expect(eager.interrupts.filter((i) => i.endsWith('OVF')).length, 'overflows in normal mode').toBeGreaterThan(5);
    expect(eager.interrupts.length).toBeGreaterThan(50);
    expect(lazy.interrupts).toEqual(eager.interrupts);
    expect(lazy.reads).toEqual(eager.reads);
    expect(lazy.events, `${lazy.events} clock events, against ${eager.events} tick by tick`).toBeLessThan(eager.events / 20);
  });
});
