// The AVR image's outputs seen where a maker would put a probe: the lamps on the
// 74HC595's pins after LED commands (on, off, blinking at 1 Hz and 2.5 Hz, together),
// and the STATE heartbeat on the USART at least once a second, idle or busy. Times are
// on the emulated board's clock.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkFrame, withCrc } from '../frame-check.js';
import { describeAvr } from '../helpers/avr-gate.js';
import { avrImage, CYCLES_PER_MS, EmulatedBoardProcess } from '../helpers/emulated-board-process.js';
import { SerialClient } from '../serial-client.js';

const BUILD_TIMEOUT_MS = 180_000;

describeAvr('the AVR image on its lamp and serial pins', () => {
  let board: EmulatedBoardProcess;
  let host: SerialClient;

  beforeAll(async () => {
    await avrImage();
    board = await EmulatedBoardProcess.start({ seed: 3 });
    host = await SerialClient.open(board.pty);
    await host.write('WHO\n');
    await host.waitFor((line) => line.startsWith('HELLO '), 5000);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await host?.close();
    await board?.close();
  });

  /** Sends LED commands and waits until the board has taken the last. */
  async function leds(...commands: string[]): Promise<number> {
    const mark = board.lines.length;
    for (const command of commands) await host.write(`${withCrc(command)}\n`);
    const last = commands[commands.length - 1]!;
    const taken = await board.waitFor((line) => line.startsWith('RX ') && line.endsWith(` ${withCrc(last)}`), { since: mark });
    return Number(taken.split(' ')[1]);
  }

  /** Lamp `i` over [from, to): the cycles at which it changed, and its level before the first. */
  function lampEdges(i: number, from: number, to: number): { start: boolean; edges: number[] } {
    const changes = board.lamps();
    const bit = (lit: number): boolean => ((lit >> i) & 1) === 1;
    let level = false;
    for (const change of changes) if (change.cycle < from) level = bit(change.lit);
    const start = level;
    const edges: number[] = [];
    for (const change of changes) {
      if (change.cycle < from || change.cycle >= to) continue;
      if (bit(change.lit) !== level) edges.push(change.cycle);
      level = bit(change.lit);
    }
    return { start, edges };
  }

  it('lights a lamp steadily for LED i 1, and puts it out for LED i 0', async () => {
    const on = await leds('LED 5 1');
    const from = await board.send('sleep 1500');
    expect(lampEdges(5, on - CYCLES_PER_MS, from)).toEqual({ start: false, edges: [expect.any(Number)] });
    const lit = lampEdges(5, on - CYCLES_PER_MS, from).edges[0]!;
    expect(lit - on, 'lit within a millisecond of the command').toBeLessThan(CYCLES_PER_MS);
    const off = await leds('LED 5 0');
    const to = await board.send('sleep 500');
    expect(lampEdges(5, off - CYCLES_PER_MS, to).edges).toHaveLength(1);
    expect((board.lamps().pop()?.lit ?? 0) & (1 << 5)).toBe(0);
  });

  it('blinks slowly at 1 Hz (LED i 2) and fast at 2.5 Hz (LED i 3), each half on, half off', async () => {
    for (const [mode, periodMs] of [
      [2, 1000],
      [3, 400],
    ] as const) {
      const from = await leds(`LED 1 ${mode}`);
      const to = await board.send('sleep 4100');
      const { edges } = lampEdges(1, from, to);
      expect(edges.length, `mode ${mode}`).toBeGreaterThanOrEqual(Math.floor(4000 / (periodMs / 2)) - 1);
      // Blinks follow the clock, not the command: the first half period may be cut short.
      for (let i = 2; i < edges.length; i++) {
        const halfMs = (edges[i]! - edges[i - 1]!) / CYCLES_PER_MS;
        expect(halfMs, `mode ${mode}, half period ${i}`).toBeGreaterThan(periodMs / 2 - 2);
        expect(halfMs, `mode ${mode}, half period ${i}`).toBeLessThan(periodMs / 2 + 2);
      }
      // The museum's rule: never more than 3 flashes a second.
      expect(1000 / periodMs).toBeLessThanOrEqual(3);
    }
    await leds('LED 1 0');
  });

  it('blinks lamps in the same mode together, and leaves the others alone', async () => {
    const from = await leds('LED 0 2', 'LED 7 2', 'LED 4 1');
    const to = await board.send('sleep 3100');
    const a = lampEdges(0, from + 50 * CYCLES_PER_MS, to).edges;
    const b = lampEdges(7, from + 50 * CYCLES_PER_MS, to).edges;
    expect(a.length).toBeGreaterThanOrEqual(5);
    expect(b).toEqual(a);
    expect(lampEdges(4, from + 50 * CYCLES_PER_MS, to).edges).toEqual([]);
    expect(lampEdges(2, from, to).edges).toEqual([]);
    await leds('LED 0 0', 'LED 7 0', 'LED 4 0');
  });

  it('keeps the STATE heartbeat at least once a second while idle', async () => {
    const mark = board.lines.length;
    await board.send('sleep 10500');
    const states = board.sent(mark).filter((l) => l.text.startsWith('STATE '));
    expect(states.length).toBeGreaterThanOrEqual(10);
    for (let i = 1; i < states.length; i++) expect(states[i]!.cycle - states[i - 1]!.cycle).toBeLessThanOrEqual(1000 * CYCLES_PER_MS + 2 * CYCLES_PER_MS);
  });

  it('keeps the heartbeat while knobs spin and buttons are hammered', async () => {
    const mark = board.lines.length;
    const commands: string[] = [];
    for (let n = 0; n < 30; n++) commands.push(`turn ${n % 2} ${n % 3 === 0 ? -5 : 4} 150`, `press ${n % 8} 3`, 'sleep 15', `release ${n % 8} 3`, 'sleep 15');
    await board.sendMany(commands);
    await board.send('sleep 1000');
    const sent = board.sent(mark);
    for (const line of sent) checkFrame(line.text);
    const states = sent.filter((l) => l.text.startsWith('STATE '));
    const span = (sent[sent.length - 1]!.cycle - sent[0]!.cycle) / CYCLES_PER_MS;
    expect(states.length).toBeGreaterThanOrEqual(Math.floor(span / 1000));
    for (let i = 1; i < states.length; i++) expect(states[i]!.cycle - states[i - 1]!.cycle).toBeLessThanOrEqual(1002 * CYCLES_PER_MS);
    expect(board.lines.filter((line) => line.startsWith('WARN '))).toEqual([]);
  });
});
