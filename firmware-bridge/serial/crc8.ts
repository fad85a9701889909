// CRC-8/SMBUS (polynomial 0x07, init 0x00, not reflected, no final xor), the
// checksum every protocol frame carries as `*CC`. Table-driven: the bridge
// checks every line the board sends.

const TABLE = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let bit = 0; bit < 8; bit++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
    table[n] = c;
  }
  return table;
}

/** CRC of bytes, or of a string's characters taken as single bytes (latin1). */
export function crc8(data: Uint8Array | string): number {
  let crc = 0;
  if (typeof data === 'string') {
    for (let i = 0; i < data.length; i++) crc = TABLE[(crc ^ data.charCodeAt(i)) & 0xff]!;
  } else {
    for (const byte of data) crc = TABLE[crc ^ byte]!;
  }
  return crc;
}

/** The CRC as the two upper-case hex digits written after `*`. */
export function crc8Hex(data: Uint8Array | string): string {
  return crc8(data).toString(16).toUpperCase().padStart(2, '0');
}
