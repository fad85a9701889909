import { describe, expect, it } from 'vitest';
import { crc8, crc8Hex } from '../../../firmware-bridge/serial/crc8.js';
import { BOARD_VECTORS, CRC_CHECK, HOST_VECTORS } from '../helpers/protocol-vectors.js';

// A bit-by-bit reference, written independently of the table-driven code.
function slowCrc(bytes: Buffer): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let i = 0; i < 8; i++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

describe('crc8 (CRC-8/SMBUS)', () => {
  it('gives the standard check value', () => {
    expect(crc8(Buffer.from(CRC_CHECK.input))).toBe(CRC_CHECK.crc);
    expect(crc8(CRC_CHECK.input)).toBe(CRC_CHECK.crc);
    expect(crc8Hex(CRC_CHECK.input)).toBe('F4');
  });

  it('is 0 for no bytes and pads single-digit values', () => {
    expect(crc8(Buffer.alloc(0))).toBe(0);
    expect(crc8Hex(Buffer.from([0x01]))).toBe('07');
  });

  it('matches every protocol test vector', () => {
    for (const { line } of [...BOARD_VECTORS, ...HOST_VECTORS]) {
      const star = line.lastIndexOf('*');
      expect(crc8Hex(Buffer.from(line.slice(0, star), 'latin1')), line).toBe(line.slice(star + 1));
    }
  });

  it('agrees with a bitwise reference on bytes and on latin1 strings', () => {
    for (let n = 0; n < 300; n++) {
      const bytes = Buffer.from(Array.from({ length: n % 40 }, (_, i) => (i * 37 + n * 11) & 0xff));
      expect(crc8(bytes)).toBe(slowCrc(bytes));
      expect(crc8(bytes.toString('latin1'))).toBe(slowCrc(bytes));
    }
  });
});
