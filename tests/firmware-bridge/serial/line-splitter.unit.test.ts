import { describe, expect, it } from 'vitest';
import { LineSplitter } from '../../../firmware-bridge/serial/line-splitter.js';
import { everySplit, splitLines } from '../helpers/split-lines.js';
import { BOARD_VECTORS } from '../helpers/protocol-vectors.js';

const bytes = (text: string): Buffer => Buffer.from(text, 'latin1');

describe('LineSplitter', () => {
  it('splits on \\n, drops a \\r before it, skips empty lines', async () => {
    const { lines, overlong } = await splitLines([bytes('A 1\nB 2\r\n\n\r\nC 3\n')]);
    expect(lines).toEqual(['A 1', 'B 2', 'C 3']);
    expect(overlong).toBe(0);
  });

  it('keeps a lone \\r that is not right before the \\n', async () => {
    const { lines } = await splitLines([bytes('A\r1\n')]);
    expect(lines).toEqual(['A\r1']);
  });

  it('gives the same lines for every chunk boundary of the test vectors', async () => {
    const stream = bytes(BOARD_VECTORS.map((v) => v.line + '\r\n').join(''));
    for (const chunks of everySplit(stream)) {
      const { lines } = await splitLines(chunks);
      expect(lines).toEqual(BOARD_VECTORS.map((v) => v.line));
    }
  });

  it('accepts a line of exactly 128 bytes with its terminator and drops one of 129 (protocol 1.1)', async () => {
    const ok = 'x'.repeat(127);
    const okCr = 'y'.repeat(126);
    const tooLong = 'z'.repeat(128);
    const tooLongCr = 'w'.repeat(127);
    const stream = bytes(`${ok}\n${okCr}\r\n${tooLong}\n${tooLongCr}\r\nnext\n`);
    for (const chunks of everySplit(stream)) {
      const { lines, overlong } = await splitLines(chunks);
      expect(lines).toEqual([ok, okCr, 'next']);
      expect(overlong).toBe(2);
    }
  });

  it('drops an over-long line whole, however long, and counts it once', async () => {
    const junk = bytes('J'.repeat(5000));
    const { lines, overlong } = await splitLines([bytes('A\n'), junk, junk, bytes('TAIL OF JUNK\nB\n')]);
    expect(lines).toEqual(['A', 'B']);
    expect(overlong).toBe(1);
  });

  it('never holds more than a line in memory', async () => {
    const splitter = new LineSplitter();
    splitter.write(bytes('Q'.repeat(10_000)));
    splitter.write(bytes('\nok\n'));
    splitter.end();
    const lines: string[] = [];
    for await (const line of splitter) lines.push(line as string);
    expect(lines).toEqual(['ok']);
    expect(splitter.overlongCount).toBe(1);
  });

  it('drops an unterminated tail at the end of the stream', async () => {
    const { lines } = await splitLines([bytes('A\nhalf a li')]);
    expect(lines).toEqual(['A']);
  });

  it('passes non-ASCII bytes through one character per byte', async () => {
    const { lines } = await splitLines([Buffer.from([0x41, 0xff, 0x00, 0x80, 0x0a])]);
    expect(lines).toEqual(['A\xff\x00\x80']);
  });

  it('honours a custom maximum and refuses a silly one', async () => {
    const { lines, overlong } = await splitLines([bytes('abc\nabcd\nab\n')], { maxLength: 4 });
    expect(lines).toEqual(['abc', 'ab']);
    expect(overlong).toBe(1);
    expect(() => new LineSplitter({ maxLength: 1 })).toThrow(/maxLength/);
  });
});
