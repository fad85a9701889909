// Bytes from the serial port -> protocol lines, in the style of the
// serialport parsers. A line is at most `maxLength` bytes counting everything
// up to and including its `\n` (a `\r` before the `\n` counts too, and is then
// removed). A longer line is dropped whole: the splitter skips to the next
// `\n` and counts it, so a noisy link never grows an unbounded buffer.

import { Transform, type TransformCallback, type TransformOptions } from 'node:stream';

/** Protocol 1.1: 128 bytes with the terminator (1.0 said 96). */
export const MAX_LINE_BYTES = 128;

export interface LineSplitterOptions extends Omit<TransformOptions, 'readableObjectMode' | 'transform' | 'flush'> {
  /** Longest accepted line, terminator included. */
  maxLength?: number;
}

/**
 * Emits each line as a string (latin1, so one character per byte and a CRC
 * over the characters equals the CRC over the bytes), without its `\r\n`.
 * Empty lines are skipped. Emits 'overlong' each time a line is dropped.
 */
export class LineSplitter extends Transform {
  readonly maxLength: number;
  private partial: Buffer = Buffer.alloc(0);
  private discarding = false;
  private overlong = 0;

  constructor(options: LineSplitterOptions = {}) {
    const { maxLength = MAX_LINE_BYTES, ...rest } = options;
    super({ ...rest, readableObjectMode: true });
    if (!Number.isInteger(maxLength) || maxLength < 2) throw new RangeError(`maxLength must be an integer >= 2, got ${maxLength}`);
    this.maxLength = maxLength;
  }

  /** Lines dropped for being too long since this splitter was made. */
  get overlongCount(): number {
    return this.overlong;
  }

  override _transform(chunk: Buffer | string, _encoding: BufferEncoding, done: TransformCallback): void {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'latin1') : chunk;
    let start = 0;
    while (start < bytes.length) {
      const nl = bytes.indexOf(0x0a, start);
      const end = nl === -1 ? bytes.length : nl;
      if (this.discarding) {
        if (nl === -1) break;
        this.discarding = false;
      } else if (nl === -1) {
        // No terminator yet: keep the bytes only while a terminator could still fit.
        if (this.partial.length + (end - start) + 1 > this.maxLength) this.dropOverlong(true);
        else this.partial = Buffer.concat([this.partial, bytes.subarray(start, end)]);
        break;
      } else if (this.partial.length + (end - start) + 1 > this.maxLength) {
        this.dropOverlong(false);
      } else {
        this.emitLine(Buffer.concat([this.partial, bytes.subarray(start, end)]));
        this.partial = Buffer.alloc(0);
      }
      start = end + 1;
    }
    done();
  }

  override _flush(done: TransformCallback): void {
    // An unterminated tail is not a line: it may be half of one cut by an unplug.
    this.partial = Buffer.alloc(0);
    this.discarding = false;
    done();
  }

  private dropOverlong(untilNextNewline: boolean): void {
    this.partial = Buffer.alloc(0);
    this.discarding = untilNextNewline;
    this.overlong++;
    this.emit('overlong');
  }

  private emitLine(line: Buffer): void {
    const length = line.length > 0 && line[line.length - 1] === 0x0d ? line.length - 1 : line.length;
    if (length === 0) return;
    this.push(line.toString('latin1', 0, length));
  }
}
