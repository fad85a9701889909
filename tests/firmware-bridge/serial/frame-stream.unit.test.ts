// Properties of splitter + codec over random and corrupted input: they never
// throw, never turn a corrupted line into a frame, and pick up again at the
// next good line.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { crc8Hex } from '../../../firmware-bridge/serial/crc8.js';
import { encodeBoardFrame, parseBoardLine, type BoardFrame } from '../../../firmware-bridge/serial/frame-codec.js';
import { splitLines } from '../helpers/split-lines.js';

const seq = fc.integer({ min: 0, max: 255 });
const frameArb: fc.Arbitrary<BoardFrame> = fc.oneof(
  fc.record({ type: fc.constant('BTN' as const), seq, index: fc.integer({ min: 0, max: 31 }), pressed: fc.boolean() }),
  fc.record({
    type: fc.constant('KNOB' as const),
    seq,
    index: fc.integer({ min: 0, max: 7 }),
    delta: fc.integer({ min: -0x80000000, max: 0x7fffffff }).filter((d) => d !== 0),
  }),
  fc.record({
    type: fc.constant('STATE' as const),
    seq,
    mask: fc.integer({ min: 0, max: 0xffffffff }),
    counts: fc.array(fc.integer({ min: -0x80000000, max: 0x7fffffff }), { maxLength: 8 }),
  }),
  fc.record({ type: fc.constant('PONG' as const), n: fc.integer({ min: 0, max: 65535 }) }),
  fc.record({ type: fc.constant('LOG' as const), text: fc.stringMatching(/^[ -~]{1,40}$/) }),
);

const lineOf = (frame: BoardFrame): string => encodeBoardFrame(frame).slice(0, -1);

describe('frame parsing properties', () => {
  it('every encoded frame parses back to itself', () => {
    fc.assert(
      fc.property(frameArb, (frame) => {
        expect(parseBoardLine(lineOf(frame))).toEqual({ ok: true, frame });
      }),
      { numRuns: 2000 },
    );
  });

  it('never throws on arbitrary lines, and accepts only lines whose checksum is right', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 120 }), (bytes) => {
        const line = Buffer.from(bytes).toString('latin1');
        const result = parseBoardLine(line);
        if (result.ok) {
          const star = line.lastIndexOf('*');
          expect(line.slice(star + 1)).toBe(crc8Hex(line.slice(0, star)));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects every single-byte substitution of a valid frame', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), fc.integer({ min: 1, max: 255 }), (frame, at, xor) => {
        const bytes = Buffer.from(lineOf(frame), 'latin1');
        const i = at % bytes.length;
        bytes[i] = bytes[i]! ^ xor;
        expect(parseBoardLine(bytes.toString('latin1')).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('after an inserted or deleted byte, accepts only a line whose checksum is still right', () => {
    fc.assert(
      fc.property(frameArb, fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean(), (frame, at, byte, insert) => {
        const bytes = [...Buffer.from(lineOf(frame), 'latin1')];
        const i = at % bytes.length;
        if (insert) bytes.splice(i, 0, byte);
        else bytes.splice(i, 1);
        const line = Buffer.from(bytes).toString('latin1');
        const result = parseBoardLine(line);
        if (result.ok) expect(line.slice(-2)).toBe(crc8Hex(line.slice(0, line.lastIndexOf('*'))));
      }),
      { numRuns: 5000 },
    );
  });

  it('a stream with garbage between good frames yields exactly the good frames, however it is chunked', async () => {
    const garbage = fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b.filter((x) => x !== 0x0a)));
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(garbage, frameArb), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 16 }),
        async (parts, cuts) => {
          // Garbage ends at a newline, so the frame after it starts a fresh line.
          const stream = Buffer.concat(parts.flatMap(([junk, frame]) => [junk, Buffer.from('\n'), Buffer.from(encodeBoardFrame(frame), 'latin1')]));
          const chunks: Buffer[] = [];
          for (let at = 0, c = 0; at < stream.length; c++) {
            const size = cuts[c % cuts.length]!;
            chunks.push(stream.subarray(at, at + size));
            at += size;
          }
          const { lines } = await splitLines(chunks);
          const frames = lines.map(parseBoardLine).filter((r) => r.ok).map((r) => (r.ok ? r.frame : null));
          const expected = parts.map(([, frame]) => frame);
          // A garbage line may by chance be a valid frame (2^-8 odds for a right-looking tail); none here carries one.
          const goodFrames = frames.filter((f) => expected.some((e) => JSON.stringify(e) === JSON.stringify(f)));
          expect(goodFrames).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
