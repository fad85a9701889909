import { describe, expect, it } from 'vitest';
import { BoardState } from '../../../firmware-bridge/serial/board-state.js';

const btn = (seq: number, index: number, pressed: boolean) => ({ type: 'BTN' as const, seq, index, pressed });
const knob = (seq: number, index: number, delta: number) => ({ type: 'KNOB' as const, seq, index, delta });
const state = (seq: number, mask: number, counts: number[]) => ({ type: 'STATE' as const, seq, mask, counts });

describe('BoardState', () => {
  it('turns BTN and KNOB frames into inputs, once per change', () => {
    const s = new BoardState(8, 2);
    expect(s.apply(btn(0, 3, true))).toEqual({ ok: true, gap: false, inputs: [{ kind: 'button', index: 3, pressed: true }] });
    // A repeated press is no new input.
    expect(s.apply(btn(1, 3, true))).toEqual({ ok: true, gap: false, inputs: [] });
    expect(s.apply(knob(2, 1, -4))).toEqual({ ok: true, gap: false, inputs: [{ kind: 'knob', index: 1, delta: -4 }] });
    expect(s.pressedButtons()).toEqual([3]);
  });

  it('takes a first STATE as the knob baseline and a consistent one as no change', () => {
    const s = new BoardState(8, 2);
    expect(s.apply(state(10, 0, [100, -7]))).toMatchObject({ inputs: [] });
    s.apply(knob(11, 0, 3));
    expect(s.apply(state(12, 0, [103, -7]))).toMatchObject({ inputs: [], gap: false });
  });

  it('without a gap, does not double a KNOB that a STATE counted before it was sent', () => {
    const s = new BoardState(8, 1);
    s.apply(state(0, 0, [0]));
    s.apply(knob(1, 0, 2));
    // The board turned 3 more detents and sent STATE before their KNOB.
    expect(s.apply(state(2, 0, [5]))).toMatchObject({ inputs: [], gap: false });
    expect(s.apply(knob(3, 0, 3))).toMatchObject({ inputs: [{ kind: 'knob', index: 0, delta: 3 }] });
    // Totals emitted: 2 + 3 = 5, the board's count.
    expect(s.apply(state(4, 0, [5]))).toMatchObject({ inputs: [] });
  });

  it('after a seq gap, reconciles lost releases, presses and knob deltas from STATE', () => {
    const s = new BoardState(8, 2);
    s.apply(state(250, 0, [0, 0]));
    s.apply(btn(251, 2, true));
    s.apply(btn(252, 5, true));
    // Lost: BTN 253 2 0, KNOB 254 0 5, BTN 255 6 1, KNOB 0 1 -3.
    const result = s.apply(state(1, 0b0110_0000, [5, -3]));
    expect(result).toEqual({
      ok: true,
      gap: true,
      inputs: [
        { kind: 'button', index: 2, pressed: false },
        { kind: 'button', index: 6, pressed: true },
        { kind: 'knob', index: 0, delta: 5 },
        { kind: 'knob', index: 1, delta: -3 },
      ],
    });
    expect(s.gaps).toBe(1);
    expect(s.pressedButtons()).toEqual([5, 6]);
  });

  it('wraps seq at 255 without calling it a gap', () => {
    const s = new BoardState(4, 0);
    s.apply(btn(255, 0, true));
    expect(s.apply(btn(0, 0, false))).toMatchObject({ gap: false });
    expect(s.gaps).toBe(0);
  });

  it('takes knob deltas across the signed 32-bit wrap', () => {
    const s = new BoardState(1, 1);
    s.apply(state(0, 0, [2147483646]));
    expect(s.apply(state(5, 0, [-2147483647])).ok && s.apply(state(6, 0, [-2147483647]))).toMatchObject({ inputs: [] });
    const s2 = new BoardState(1, 1);
    s2.apply(state(0, 0, [2147483646]));
    expect(s2.apply(state(5, 0, [-2147483647]))).toMatchObject({ gap: true, inputs: [{ kind: 'knob', index: 0, delta: 3 }] });
    s2.apply(knob(6, 0, -5));
    expect(s2.apply(state(9, 0, [2147483640]))).toMatchObject({ gap: true, inputs: [{ kind: 'knob', index: 0, delta: -4 }] });
  });

  it('restarts the sequence and the knob baseline on a new HELLO, keeping buttons', () => {
    const s = new BoardState(8, 1);
    s.apply(state(40, 1, [50]));
    s.restart();
    expect(s.apply(state(0, 1, [0]))).toEqual({ ok: true, gap: false, inputs: [] });
    expect(s.apply(state(1, 0, [0]))).toMatchObject({ inputs: [{ kind: 'button', index: 0, pressed: false }] });
  });

  it('releases everything it believed pressed', () => {
    const s = new BoardState(8, 0);
    s.apply(btn(0, 1, true));
    s.apply(btn(1, 7, true));
    expect(s.releaseAll()).toEqual([
      { kind: 'button', index: 1, pressed: false },
      { kind: 'button', index: 7, pressed: false },
    ]);
    expect(s.pressedButtons()).toEqual([]);
    expect(s.releaseAll()).toEqual([]);
  });

  it('refuses frames that do not fit the board it announced', () => {
    const s = new BoardState(8, 2);
    s.apply(btn(5, 1, true));
    expect(s.apply(btn(0, 8, true))).toMatchObject({ ok: false, detail: expect.stringMatching(/button 8/) });
    expect(s.apply(knob(0, 2, 1))).toMatchObject({ ok: false, detail: expect.stringMatching(/knob 2/) });
    expect(s.apply(state(0, 0, [1]))).toMatchObject({ ok: false, detail: expect.stringMatching(/1 knob counts/) });
    expect(s.apply(state(0, 0x100, [1, 2]))).toMatchObject({ ok: false, detail: expect.stringMatching(/mask 100/) });
    expect(new BoardState(32, 0).apply(state(0, 0xffffffff, []))).toMatchObject({ ok: true });
    // A refused frame does not move the sequence.
    expect(s.apply(btn(6, 0, true))).toMatchObject({ gap: false });
    expect(s.gaps).toBe(0);
  });
});
