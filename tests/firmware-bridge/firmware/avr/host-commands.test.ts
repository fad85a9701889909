// The AVR image taking the host's commands while a visitor's hands keep it busy: bursts
// of LED commands, each closed by a PING, arrive at the line's full pace while buttons
// bounce and knobs spin, so the firmware sends frames (and turns its UDRE interrupt on
// and off) all the while. Every command must be taken whole (no ERR, every PONG once and
// in order, the lamps as the last burst said) and every input reported once, in order.
// The board runs in this process, on its own clock, with no pty: the same bytes in the
// same cycles every run, however busy the host. (A receiver that lost RXC0 whenever
// UCSR0B was written dropped a byte now and then: "ERR CRC bad checksum".)

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { firmwareDir } from '../../../../firmware-bridge/firmware/build-host.js';
import { BoardCommands } from '../../../../firmware-bridge/firmware/emulator/board-commands.js';
import { CYCLES_PER_MS, FLASH_BYTES } from '../../../../firmware-bridge/firmware/emulator/atmega328p.js';
import { EmulatedBoard } from '../../../../firmware-bridge/firmware/emulator/emulated-board.js';
import { parseIntelHex, programWords } from '../../../../firmware-bridge/firmware/emulator/intel-hex.js';
import { parsePinMap } from '../../../../firmware-bridge/firmware/emulator/pin-map.js';
import { signatureRow } from '../../../../firmware-bridge/firmware/emulator/signature-row.js';
import { checkFrame, withCrc } from '../frame-check.js';
import { describeAvr } from '../helpers/avr-gate.js';
import { avrImage } from '../helpers/emulated-board-process.js';

const BUILD_TIMEOUT_MS = 180_000;
const STORM_MS = 3000;
const BURST_EVERY_MS = 10;

describeAvr('the AVR image taking commands during a storm of inputs', () => {
  let program: Uint16Array;
  let staticEnd: number;
  let pins: ReturnType<typeof parsePinMap>;

  beforeAll(async () => {
    const image = await avrImage();
    program = programWords(parseIntelHex(await readFile(image.hex, 'utf8'), FLASH_BYTES));
    staticEnd = image.staticEnd;
    pins = parsePinMap(await readFile(join(firmwareDir(), 'avr', 'board-pins.h'), 'utf8'));
  }, BUILD_TIMEOUT_MS);

  it(`takes every command whole through ${STORM_MS / 1000} s of frames, and reports every input once, in order`, () => {
    const sent: string[] = [];
    const board = new EmulatedBoard(program, signatureRow('1E950F0042AB17C3'), pins, {
      onLine: (line) => sent.push(line),
      onBytes: () => {},
      onLamps: () => {},
      onHostLine: () => {},
      onBoot: () => {},
      onWarning: (text) => sent.push(`WARN ${text}`),
    }, staticEnd, false);
    const hands = new BoardCommands({ board, markInput: () => {}, unplug: async () => {}, plug: async () => {}, stats: () => '', print: () => {}, trace: false }, 5);
    board.powerOn();
    board.runUntil(50 * CYCLES_PER_MS);

    const expectedButtons: string[] = [];
    const down = new Array<boolean>(8).fill(false);
    let lastModes: number[] = [];
    let pings = 0;
    let knobTotal = 0;
    for (let ms = 50; ms < 50 + STORM_MS; ms += BURST_EVERY_MS) {
      const burst = ms / BURST_EVERY_MS;
      // Eight LED commands and a PING: 105 bytes, 9 ms of the line.
      lastModes = Array.from({ length: 8 }, (_, i) => (burst + i) % 4);
      const text = lastModes.map((mode, i) => `${withCrc(`LED ${i} ${mode}`)}\n`).join('') + `${withCrc(`PING ${pings++}`)}\n`;
      board.receive(Buffer.from(text, 'latin1'));
      // A button changes every other burst (its lock-out is 10 ms), a knob turns between.
      if (burst % 2 === 0) {
        const button = (burst / 2) % 8;
        down[button] = !down[button];
        hands.enqueue(`${down[button] ? 'press' : 'release'} ${button} 2`);
        expectedButtons.push(`${button} ${down[button] ? 1 : 0}`);
      } else {
        hands.enqueue(`turn 1 ${burst % 3 === 0 ? -1 : 1} 300`);
        knobTotal += burst % 3 === 0 ? -1 : 1;
      }
      board.runUntil((ms + BURST_EVERY_MS) * CYCLES_PER_MS);
    }
    board.runUntil((100 + STORM_MS) * CYCLES_PER_MS);

    const frames = sent.map((line) => checkFrame(line));
    expect(frames.filter((f) => f.type === 'ERR').map((f) => f.line), 'refusals').toEqual([]);
    expect(frames.filter((f) => f.type === 'PONG').map((f) => Number(f.fields[0])), 'every PING answered once, in order').toEqual(Array.from({ length: pings }, (_, n) => n));
    expect(frames.filter((f) => f.type === 'BTN').map((f) => `${f.fields[1]} ${f.fields[2]}`), 'buttons').toEqual(expectedButtons);
    expect(frames.filter((f) => f.type === 'KNOB' && f.fields[1] === '1').reduce((sum, f) => sum + Number(f.fields[2]), 0), 'knob 1').toBe(knobTotal);
    const seqs = frames.filter((f) => ['BTN', 'KNOB', 'STATE'].includes(f.type)).map((f) => Number(f.fields[0]));
    expect(seqs.filter((s, i) => i > 0 && s !== (seqs[i - 1]! + 1) % 256), 'seq jumps').toEqual([]);
    // Off and on as the last burst said (the blinking ones may be either).
    const mask = (want: number): number => lastModes.reduce((bits, mode, i) => bits | (mode === want ? 1 << i : 0), 0);
    expect(board.lit & (mask(0) | mask(1)), 'lamps off and on').toBe(mask(1));
  }, 120_000);
});
