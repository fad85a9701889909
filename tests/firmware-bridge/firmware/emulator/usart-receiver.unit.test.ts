// USART0's receiver on the emulated ATmega328P against the datasheet, driven through its
// registers as firmware would: RXC0 stays set until UDR0 is read, whatever is written to
// UCSR0B meanwhile (avr8js cleared it there, and the firmware writes UCSR0B with every
// frame it sends); two characters wait in UDR0 and a third in the shift register; the
// fourth's start bit loses the third and sets DOR0; writing UCSR0A leaves the read-only
// flags alone; turning the receiver off flushes it. The CPU spins with interrupts off, so
// nothing but the test reads UDR0; the last case lets the RX interrupt take each byte.

import { describe, expect, it } from 'vitest';
import { Atmega328p } from '../../../../firmware-bridge/firmware/emulator/atmega328p.js';
import { signatureRow } from '../../../../firmware-bridge/firmware/emulator/signature-row.js';

const UCSR0A = 0xc0;
const UCSR0B = 0xc1;
const UCSR0C = 0xc2;
const UBRR0L = 0xc4;
const UDR0 = 0xc6;
const RXC0 = 0x80;
const TXC0 = 0x40;
const UDRE0 = 0x20;
const DOR0 = 0x08;
const U2X0 = 0x02;
const RXCIE0 = 0x80;
const UDRIE0 = 0x20;
const RXEN0 = 0x10;
const TXEN0 = 0x08;
// 115200 baud as the firmware sets it: U2X0, UBRR0 16: 17 * 8 cycles a bit, 10 bits.
const CHAR_CYCLES = 17 * 8 * 10;

const rjmp = (from: number, to: number): number => 0xc000 | ((to - from - 1) & 0xfff);
const SEI = 0x9478;
const CLI = 0x94f8;
const NOP = 0x0000;
const RETI = 0x9518;
// lds r17, UDR0; inc r20; reti: the RX interrupt counts the bytes it takes.
const RX_ISR = [0x9110, UDR0, 0x9543, RETI];
// ldi r16, RXEN0 | TXEN0 | RXCIE0
const LDI_R16_RX_ON = 0xe000 | (((RXEN0 | TXEN0 | RXCIE0) & 0xf0) << 4) | ((RXEN0 | TXEN0 | RXCIE0) & 0x0f);

function chip(words: Record<number, number[]> = { 0: [rjmp(0, 0)] }): Atmega328p {
  const flash = new Uint16Array(16 * 1024);
  for (const [at, code] of Object.entries(words)) flash.set(code, Number(at));
  const mcu = new Atmega328p(flash, signatureRow('0000000000000000'));
  const { cpu } = mcu;
  cpu.writeData(UCSR0A, U2X0);
  cpu.writeData(UBRR0L, 16);
  cpu.writeData(UCSR0C, 0x06);
  cpu.writeData(UCSR0B, RXEN0 | TXEN0);
  return mcu;
}

/** Puts `byte` on the line and runs until its stop bit is in. */
function receive(mcu: Atmega328p, byte: number): void {
  expect(mcu.receiver.writeByte(byte), `the receiver takes ${byte.toString(16)}`).toBe(true);
  mcu.runUntil(mcu.cycles + CHAR_CYCLES + 1);
}

const flags = (mcu: Atmega328p): number => mcu.cpu.readData(UCSR0A);
const read = (mcu: Atmega328p): number => mcu.cpu.readData(UDR0);

describe('USART0 receiver', () => {
  it('keeps RXC0 and the character through writes to UCSR0B until UDR0 is read', () => {
    const mcu = chip();
    receive(mcu, 0x41);
    expect(flags(mcu) & RXC0).toBe(RXC0);
    // What the firmware's UartPort does around each frame: UDRIE0 on, then off.
    mcu.cpu.writeData(UCSR0B, RXEN0 | TXEN0 | UDRIE0);
    mcu.cpu.writeData(UCSR0B, RXEN0 | TXEN0);
    expect(flags(mcu) & RXC0, 'RXC0 after UCSR0B writes').toBe(RXC0);
    expect(read(mcu)).toBe(0x41);
    expect(flags(mcu) & RXC0, 'RXC0 once read').toBe(0);
  });

  it('holds two characters in UDR0 and a third in the shift register; the fourth loses the third and sets DOR0', () => {
    const mcu = chip();
    for (const byte of [1, 2, 3]) receive(mcu, byte);
    expect(mcu.receiver.overruns).toBe(0);
    expect(flags(mcu) & (RXC0 | DOR0)).toBe(RXC0);
    receive(mcu, 4);
    expect(mcu.receiver.overruns).toBe(1);
    expect(read(mcu)).toBe(1);
    expect(flags(mcu) & DOR0, 'no DOR0 while 2, received before the loss, is at the head').toBe(0);
    expect(read(mcu)).toBe(2);
    // DOR0 is set with the character read after the lost one, and read before UDR0.
    expect(flags(mcu) & (RXC0 | DOR0)).toBe(RXC0 | DOR0);
    expect(read(mcu)).toBe(4);
    expect(flags(mcu) & (RXC0 | DOR0)).toBe(0);
  });

  it('takes no character while one is still on the line, nor with the receiver off', () => {
    const mcu = chip();
    expect(mcu.receiver.writeByte(7)).toBe(true);
    expect(mcu.receiver.rxBusy).toBe(true);
    expect(mcu.receiver.writeByte(8)).toBe(false);
    mcu.cpu.writeData(UCSR0B, TXEN0);
    expect(mcu.receiver.writeByte(9)).toBe(false);
    mcu.runUntil(mcu.cycles + CHAR_CYCLES + 1);
    expect(flags(mcu) & RXC0, 'the character on the line when the receiver went off').toBe(0);
  });

  it('flushes UDR0 when the receiver is turned off', () => {
    const mcu = chip();
    receive(mcu, 1);
    receive(mcu, 2);
    mcu.cpu.writeData(UCSR0B, TXEN0);
    expect(flags(mcu) & RXC0).toBe(0);
    mcu.cpu.writeData(UCSR0B, RXEN0 | TXEN0);
    expect(flags(mcu) & RXC0).toBe(0);
    receive(mcu, 3);
    expect(read(mcu)).toBe(3);
  });

  it('leaves the read-only flags alone when UCSR0A is written, and clears TXC0 by writing a one', () => {
    const mcu = chip();
    receive(mcu, 0x55);
    mcu.cpu.writeData(UDR0, 0x33);
    mcu.runUntil(mcu.cycles + CHAR_CYCLES + 1);
    expect(flags(mcu) & (RXC0 | TXC0 | UDRE0)).toBe(RXC0 | TXC0 | UDRE0);
    mcu.cpu.writeData(UCSR0A, U2X0);
    expect(flags(mcu) & (RXC0 | TXC0 | UDRE0 | U2X0)).toBe(RXC0 | TXC0 | UDRE0 | U2X0);
    mcu.cpu.writeData(UCSR0A, U2X0 | TXC0);
    expect(flags(mcu) & (RXC0 | TXC0 | UDRE0)).toBe(RXC0 | UDRE0);
    expect(read(mcu)).toBe(0x55);
  });

  it('raises the RX interrupt once for each character, with UCSR0B written while it waits', () => {
    const START = 0x40;
    const LOOP = START + 3;
    // r16 = RXEN0 | TXEN0 | RXCIE0 into UCSR0B; then, again and again: the interrupts held
    // off for about 770 cycles (a character takes 1360), UCSR0B written (as the firmware's
    // UartPort does for each frame), the interrupts let in for an instruction.
    const wait = [0xef2f /* ldi r18, 255 */, 0x952a /* dec r18 */, 0xf7f1 /* brne .-2 */];
    const body = [CLI, ...wait, 0x9300, UCSR0B, SEI, NOP, rjmp(START + 11, LOOP)];
    const mcu = chip({ 0: [rjmp(0, START)], 0x24: RX_ISR, [START]: [LDI_R16_RX_ON, 0x9300, UCSR0B, ...body] });
    for (let byte = 0; byte < 50; byte++) receive(mcu, byte);
    mcu.runUntil(mcu.cycles + 1000); // the last one waits for the interrupts to be let in
    expect(mcu.cpu.data[20], 'bytes the interrupt took').toBe(50);
    expect(mcu.receiver.overruns).toBe(0);
  });
});
