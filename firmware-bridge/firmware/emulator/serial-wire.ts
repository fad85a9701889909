// The wire between the ATmega328P's USART and its USB-serial chip, both ways: the
// firmware's bytes gathered into lines (stamped with the cycle of each line's first
// byte), and the host's bytes fed in one at a time at the line's pace.

import type { AVRUSART } from 'avr8js';
import type { UsartReceiver } from './usart-receiver.js';

export interface WireListener {
  /** A whole line left the USART: `start` is the cycle its first byte went out. */
  onLine(line: string, start: number, end: number): void;
  /** The bytes of that line, for the USB-serial chip. */
  onBytes(bytes: Uint8Array): void;
  /** A whole line arrived from the host. */
  onHostLine(line: string, cycle: number): void;
}

// Past this, bytes without a newline go out anyway: the firmware never sends such lines.
const LINE_LIMIT = 4096;

export class SerialWire {
  private receiver: UsartReceiver | null = null;
  private txLine: number[] = [];
  private txStart = 0;
  private readonly rxQueue: number[] = [];
  private rxLine = '';

  constructor(
    private readonly listener: WireListener,
    /** The board clock now. */
    private readonly now: () => number,
  ) {}

  /** Connects a (new) chip's USART; whatever was in flight is lost, as on a reset. */
  attach(usart: AVRUSART, receiver: UsartReceiver): void {
    this.receiver = receiver;
    this.txLine = [];
    this.rxQueue.length = 0;
    this.rxLine = '';
    usart.onByteTransmit = (byte) => this.onTransmit(byte);
    receiver.onRxComplete = () => this.onReceived();
  }

  detach(): void {
    this.receiver = null;
    this.rxQueue.length = 0;
  }

  /** Bytes from the host, into the USART one at a time at the line's pace. */
  receive(bytes: Uint8Array): void {
    if (!this.receiver) return;
    for (const byte of bytes) this.rxQueue.push(byte);
    this.feed();
  }

  private onTransmit(byte: number): void {
    if (this.txLine.length === 0) this.txStart = this.now();
    this.txLine.push(byte);
    if (byte !== 0x0a && this.txLine.length < LINE_LIMIT) return;
    const bytes = Uint8Array.from(this.txLine);
    this.txLine = [];
    this.listener.onBytes(bytes);
    const text = Buffer.from(bytes).toString('latin1');
    this.listener.onLine(text.endsWith('\n') ? text.slice(0, -1) : text, this.txStart, this.now());
  }

  private feed(): void {
    const receiver = this.receiver;
    while (receiver && this.rxQueue.length > 0 && !receiver.rxBusy) {
      const byte = this.rxQueue.shift()!;
      // Until the firmware enables its receiver, bytes on the line are lost.
      if (!receiver.writeByte(byte)) continue;
      this.rxLine += String.fromCharCode(byte);
      return; // the next one goes when this one is in (onRxComplete)
    }
  }

  private onReceived(): void {
    const end = this.rxLine.indexOf('\n');
    if (end >= 0) {
      this.listener.onHostLine(this.rxLine.slice(0, end).replace(/\r$/, ''), this.now());
      this.rxLine = this.rxLine.slice(end + 1);
    }
    this.feed();
  }
}
