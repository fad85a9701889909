// The AVR image reading a visitor's hands on its pins: push buttons whose contacts bounce,
// EC11 knobs as quadrature waveforms from a slow turn to a fast spin. Every count and
// time here is on the emulated board's clock, so a busy host changes nothing.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { checkFrame } from '../frame-check.js';
import { describeAvr } from '../helpers/avr-gate.js';
import { avrImage, CYCLES_PER_MS, CYCLES_PER_US, EmulatedBoardProcess, type TimedLine } from '../helpers/emulated-board-process.js';
import { SerialClient } from '../serial-client.js';

const BUILD_TIMEOUT_MS = 180_000;

function frames(lines: TimedLine[], type: string): { cycle: number; fields: string[] }[] {
  return lines.filter((l) => l.text.startsWith(`${type} `)).map((l) => ({ cycle: l.cycle, fields: checkFrame(l.text).fields }));
}

describeAvr('the AVR image reading buttons and knobs', () => {
  let board: EmulatedBoardProcess;
  let host: SerialClient;

  beforeAll(async () => {
    await avrImage();
    board = await EmulatedBoardProcess.start({ seed: 7, trace: true });
    host = await SerialClient.open(board.pty);
    await host.write('WHO\n');
    await host.waitFor((line) => line.startsWith('HELLO '), 5000);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await host?.close();
    await board?.close();
  });

  /** Edges a command put on button `i` from line index `since`. */
  const buttonEdges = (i: number, since: number): TimedLine[] => board.stamped('PIN', since).filter((l) => l.text.startsWith(`button ${i} `));

  it('turns a 5 ms burst of contact bounce into one press, and one release', async () => {
    await board.send('sleep 30'); // a quiet line: nothing queued ahead of the press
    const mark = board.lines.length;
    const pressedAt = await board.send('press 4 5');
    const pressEdges = buttonEdges(4, mark);
    expect(pressEdges.length, 'the burst really bounces').toBeGreaterThanOrEqual(5);
    const first = pressEdges[0]!.cycle;
    expect(pressEdges[pressEdges.length - 1]!.cycle - first).toBeLessThanOrEqual(5 * CYCLES_PER_MS);
    await board.send('sleep 30');
    await board.send('release 4 5');
    await board.send('sleep 30');
    const sent = frames(board.sent(mark), 'BTN');
    expect(sent.map((f) => f.fields.slice(1).join(' '))).toEqual(['4 1', '4 0']);
    // The first touch is reported at once, not after the bounce.
    expect(sent[0]!.cycle - first).toBeLessThan(pressedAt - first);
    expect(sent[0]!.cycle - first).toBeLessThan(1 * CYCLES_PER_MS);
  });

  it('gives one press and one release for each of 40 bouncing presses of random length', async () => {
    const mark = board.lines.length;
    const commands: string[] = [];
    for (let n = 0; n < 40; n++) commands.push(`press ${n % 8} ${1 + (n % 5)}`, 'sleep 25', `release ${n % 8} ${1 + ((n + 2) % 5)}`, 'sleep 25');
    await board.sendMany(commands);
    const sent = frames(board.sent(mark), 'BTN').map((f) => f.fields.slice(1).join(' '));
    expect(sent).toEqual(Array.from({ length: 40 }, (_, n) => [`${n % 8} 1`, `${n % 8} 0`]).flat());
    // Consecutive seq numbers: nothing was dropped on the way out.
    const seqs = frames(board.sent(mark), 'BTN').map((f) => Number(f.fields[0]));
    for (let i = 1; i < seqs.length; i++) expect((seqs[i]! - seqs[i - 1]! + 256) % 256).toBeGreaterThanOrEqual(1);
  });

  it('counts a detent per 4 quadrature steps, and nothing for a part turn that comes back', async () => {
    const mark = board.lines.length;
    await board.sendMany(['steps 0 3 10', 'steps 0 -3 10', 'sleep 50']);
    expect(frames(board.sent(mark), 'KNOB'), 'three steps and back are no detent').toEqual([]);
    const one = board.lines.length;
    await board.sendMany(['steps 0 4 10', 'sleep 50']);
    const steps = board.stamped('PIN', one).filter((l) => l.text.startsWith('knob 0 '));
    const phases = steps.map((l) => Number(l.text.split(' ')[2]));
    // Four different contact states, one contact moving at a time, back at rest.
    expect(new Set(phases)).toEqual(new Set([0, 1, 2, 3]));
    expect(phases[phases.length - 1]).toBe(3);
    expect(frames(board.sent(one), 'KNOB').map((f) => f.fields.slice(1).join(' '))).toEqual(['0 1']);
  });

  it('loses no detent at 10 detents a second, either way, and the count in STATE agrees', async () => {
    const mark = board.lines.length;
    const start = board.sent(mark).length;
    await board.sendMany(['turn 1 20 10', 'sleep 50', 'turn 1 -7 10', 'sleep 1100']);
    const knob = frames(board.sent(mark).slice(start), 'KNOB').filter((f) => f.fields[1] === '1');
    // At 100 ms a detent every detent is its own report.
    expect(knob.map((f) => Number(f.fields[2]))).toEqual([...Array(20).fill(1), ...Array(7).fill(-1)]);
    const states = frames(board.sent(mark), 'STATE');
    const before = frames(board.sent(0, mark), 'STATE').pop()!;
    expect(Number(states[states.length - 1]!.fields[3]) - Number(before.fields[3])).toBe(13);
  });

  it('loses no detent in a fast spin (200 and 400 detents a second), and sums the reports', async () => {
    for (const speed of [200, 400]) {
      const mark = board.lines.length;
      await board.sendMany([`turn 0 -60 ${speed}`, 'sleep 50']);
      const knob = frames(board.sent(mark), 'KNOB');
      expect(knob.reduce((sum, f) => sum + Number(f.fields[2]), 0), `at ${speed}/s`).toBe(-60);
      // Reports come at most every 20 ms, so a spin is one frame per 20 ms, not one per
      // detent (and a heartbeat in the middle sends what has built up before its STATE).
      const spinMs = (60 / speed) * 1000;
      expect(knob.length, `at ${speed}/s`).toBeLessThanOrEqual(Math.ceil(spinMs / 20) + 2);
    }
  });

  it('sends a press on the USART within a millisecond of its first contact', async () => {
    const mark = board.lines.length;
    await board.sendMany(['sleep 10', 'tap 2', 'sleep 10', 'turn 0 1 50', 'sleep 30']);
    const latencies = board.latencies(mark);
    expect(latencies.map((l) => l.line.split(' ').slice(0, 1).join())).toEqual(['BTN', 'BTN', 'KNOB']);
    for (const { cycles, line } of latencies) {
      expect(cycles, line).toBeGreaterThan(0);
      expect(cycles, line).toBeLessThan(1000 * CYCLES_PER_US);
    }
  });
});
