// An independent check of board frames for the firmware tests: CRC-8/SMBUS computed here,
// not taken from the bridge, so that the two ends are tested against the protocol itself.

export function crc8Smbus(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80 ? ((crc << 1) ^ 0x07) & 0xff : (crc << 1) & 0xff;
  }
  return crc;
}

/** `TYPE fields*CC` for a body, as the host sends it. */
export function withCrc(body: string): string {
  return `${body}*${crc8Smbus(Buffer.from(body, 'latin1')).toString(16).toUpperCase().padStart(2, '0')}`;
}

export interface CheckedFrame {
  line: string;
  type: string;
  fields: string[];
}

/** Splits a board line and verifies its CRC; throws with the line when it is wrong. */
export function checkFrame(line: string): CheckedFrame {
  const match = /^([A-Z]+)((?: [^ *]+)*)\*([0-9A-F]{2})$/.exec(line);
  if (!match) throw new Error(`not a frame: ${JSON.stringify(line)}`);
  const body = line.slice(0, line.length - 3);
  const expected = withCrc(body);
  if (expected !== line) throw new Error(`bad CRC in ${JSON.stringify(line)}: expected ${expected}`);
  return { line, type: match[1]!, fields: match[2]!.trim() === '' ? [] : match[2]!.trim().split(' ') };
}
