// USART0's receiver as the ATmega328P has it (datasheet, "USART0: Data Reception"), in
// place of avr8js's: a receive buffer (UDR0) of two characters behind the receive shift
// register; RXC0 set while the buffer holds a character and cleared only by reading UDR0,
// or by turning the receiver off, which flushes it; DOR0 with the character read after
// one was lost (the buffer full, a third character waiting in the shift register, and a
// new start bit on the line). The flags in UCSR0A are read-only: writing UCSR0A leaves
// them alone (TXC0 is cleared by writing a one to it).
//
// avr8js keeps one character and overwrites it unread, never sets DOR0, wipes the flags at
// any write to UCSR0A, and clears RXC0 at every write to UCSR0B that leaves the receiver
// on. The firmware writes UCSR0B whenever it turns its UDRE interrupt on or off (each
// frame it sends), so a character that came in just then was never read: a lost byte in
// a host's command, refused as a bad checksum, under a storm of frames.

import { usart0Config, type AVRUSART, type CPU } from 'avr8js';

type UsartConfig = typeof usart0Config;

const RXC = 0x80;
const TXC = 0x40;
const UDRE = 0x20;
const FE = 0x10;
const DOR = 0x08;
const UPE = 0x04;
const STATUS = RXC | TXC | UDRE | FE | DOR | UPE;
const RXEN = 0x10;
const BUFFER_CHARS = 2;

interface Frame {
  byte: number;
  /** One or more characters were lost before this one (DOR0 while it is at the head). */
  overrun: boolean;
}

// avr8js's (private) RX complete interrupt and the character time it works out from UBRR0.
interface UsartInternals {
  RXC: Parameters<CPU['setInterruptFlag']>[0];
  cyclesPerChar: number;
  bitsPerChar: number;
}

export class UsartReceiver {
  /** Called when a character's stop bit has been received (the line is free for the next). */
  onRxComplete: (() => void) | null = null;
  /** Characters lost to a full receive buffer. */
  overruns = 0;
  private readonly buffer: Frame[] = [];
  private waiting: Frame | null = null;
  private lostBefore = false;
  private busy = false;
  // Bumped when the receiver is turned off: a character on the line then is void.
  private generation = 0;
  private readonly internals: UsartInternals;

  constructor(
    private readonly cpu: CPU,
    usart: AVRUSART,
    private readonly config: UsartConfig = usart0Config,
  ) {
    this.internals = usart as unknown as UsartInternals;
    const writeUcsra = cpu.writeHooks[config.UCSRA]!;
    cpu.writeHooks[config.UCSRA] = (value, oldValue, address, mask) => {
      const keep = cpu.data[config.UCSRA]! & STATUS & ~(value & TXC);
      const handled = writeUcsra(value, oldValue, address, mask);
      cpu.data[config.UCSRA] = cpu.data[config.UCSRA]! | keep;
      return handled;
    };
    const writeUcsrb = cpu.writeHooks[config.UCSRB]!;
    cpu.writeHooks[config.UCSRB] = (value, oldValue, address, mask) => {
      const handled = writeUcsrb(value, oldValue, address, mask);
      if ((oldValue & RXEN) !== 0 && (value & RXEN) === 0) this.flush();
      this.showHead();
      return handled;
    };
    cpu.readHooks[config.UDR] = () => this.readUdr();
  }

  /** A character is on the line (or its stop bit still to come). */
  get rxBusy(): boolean {
    return this.busy;
  }

  get enabled(): boolean {
    return (this.cpu.data[this.config.UCSRB]! & RXEN) !== 0;
  }

  /** Characters in UDR0 now, not counting one waiting in the shift register. */
  get buffered(): number {
    return this.buffer.length;
  }

  /**
   * A character's start bit arrives now; it is in one character time later. False (and the
   * character lost) while the receiver is off, or while the one before is still coming.
   */
  writeByte(byte: number): boolean {
    if (this.busy || !this.enabled) return false;
    this.busy = true;
    if (this.buffer.length === BUFFER_CHARS && this.waiting !== null) {
      // The shift register is needed for this character: the one waiting in it is lost.
      this.waiting = null;
      this.lostBefore = true;
      this.overruns++;
    }
    const generation = this.generation;
    this.cpu.addClockEvent(() => {
      if (generation !== this.generation) return;
      this.busy = false;
      this.received({ byte, overrun: this.lostBefore });
      this.onRxComplete?.();
    }, this.internals.cyclesPerChar);
    return true;
  }

  private received(frame: Frame): void {
    this.lostBefore = false;
    if (this.buffer.length < BUFFER_CHARS) {
      this.buffer.push(frame);
      this.showHead();
    } else {
      this.waiting = frame;
    }
  }

  private readUdr(): number {
    const head = this.buffer.shift();
    if (this.waiting !== null) {
      this.buffer.push(this.waiting);
      this.waiting = null;
    }
    this.showHead();
    const bits = this.internals.bitsPerChar;
    return head === undefined ? 0 : head.byte & (bits >= 8 ? 0xff : (1 << bits) - 1);
  }

  private flush(): void {
    this.buffer.length = 0;
    this.waiting = null;
    this.lostBefore = false;
    this.busy = false;
    this.generation++;
  }

  /** RXC0 and DOR0 follow the character at the head of the buffer. */
  private showHead(): void {
    const { cpu, config } = this;
    const head = this.buffer[0];
    cpu.data[config.UCSRA] = (cpu.data[config.UCSRA]! & ~DOR) | (head?.overrun ? DOR : 0);
    if (head) cpu.setInterruptFlag(this.internals.RXC);
    else cpu.clearInterrupt(this.internals.RXC);
  }
}
