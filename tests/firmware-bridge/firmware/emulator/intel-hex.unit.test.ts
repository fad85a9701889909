// Intel HEX, as avr-objcopy writes it: tested on raw records.

import { describe, expect, it } from 'vitest';
import { parseIntelHex, programWords } from '../../../../firmware-bridge/firmware/emulator/intel-hex.js';

/** One record with its checksum. */
function record(type: number, address: number, data: number[]): string {
  const bytes = [data.length, address >> 8, address & 0xff, type, ...data];
  const sum = (0x100 - (bytes.reduce((a, b) => a + b, 0) & 0xff)) & 0xff;
  return `:${[...bytes, sum].map((b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}`;
}
const EOF = ':00000001FF';

describe('parseIntelHex', () => {
  it('places data records and leaves the rest erased (0xFF)', () => {
    const image = parseIntelHex([record(0, 0x0000, [0x0c, 0x94, 0x34, 0x00]), record(0, 0x0010, [0xaa]), EOF].join('\n'), 32);
    expect([...image.bytes.subarray(0, 5)]).toEqual([0x0c, 0x94, 0x34, 0x00, 0xff]);
    expect(image.bytes[0x10]).toBe(0xaa);
    expect(image.usedBytes).toBe(0x11);
    expect([...programWords(image).subarray(0, 2)]).toEqual([0x940c, 0x0034]);
  });

  it('takes a real avr-objcopy line and CRLF line ends', () => {
    const image = parseIntelHex(':100000000C9435000C945D000C945D000C947A0DFA\r\n:00000001FF\r\n', 64);
    expect(image.usedBytes).toBe(16);
    expect(programWords(image)[0]).toBe(0x940c);
  });

  it('follows extended segment and linear addresses', () => {
    const segment = parseIntelHex([record(2, 0, [0x00, 0x10]), record(0, 0x0002, [1]), EOF].join('\n'), 0x200);
    expect(segment.bytes[0x102]).toBe(1);
    const linear = parseIntelHex([record(4, 0, [0x00, 0x01]), record(0, 0x0000, [2]), EOF].join('\n'), 0x20000);
    expect(linear.bytes[0x10000]).toBe(2);
  });

  it('refuses a bad checksum, a short record, data beyond the flash, and a file cut short', () => {
    expect(() => parseIntelHex(':0100000001FF\n:00000001FF', 16)).toThrow(/line 1: bad checksum/);
    expect(() => parseIntelHex(':0200000001FD\n:00000001FF', 16)).toThrow(/line 1: the length byte says 2/);
    expect(() => parseIntelHex([record(0, 0x20, [1]), EOF].join('\n'), 16)).toThrow(/beyond the 16-byte flash/);
    expect(() => parseIntelHex(record(0, 0, [1]), 16)).toThrow(/no end-of-file record/);
    expect(() => parseIntelHex(`${EOF}\n${record(0, 0, [1])}`, 16)).toThrow(/after the end-of-file/);
    expect(() => parseIntelHex('hello\n:00000001FF', 16)).toThrow(/line 1: not an Intel HEX record/);
  });
});
