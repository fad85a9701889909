// Reads an Intel HEX file (what avr-objcopy writes and avrdude flashes) into a flash
// image: the emulator runs exactly the bytes a technician would flash.

export interface FlashImage {
  /** Flash contents; bytes no record wrote stay 0xFF, as on an erased chip. */
  bytes: Uint8Array;
  /** One past the highest address a record wrote. */
  usedBytes: number;
}

/** Parses `text` into a flash image of `flashBytes`; throws naming the line on any fault. */
export function parseIntelHex(text: string, flashBytes: number): FlashImage {
  const bytes = new Uint8Array(flashBytes).fill(0xff);
  let base = 0;
  let usedBytes = 0;
  let ended = false;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.trim();
    if (line === '') continue;
    const where = `line ${n + 1}`;
    if (ended) throw new Error(`${where}: a record after the end-of-file record`);
    if (!/^:([0-9A-Fa-f]{2})+$/.test(line) || line.length < 11) throw new Error(`${where}: not an Intel HEX record: ${JSON.stringify(line.slice(0, 40))}`);
    const record = Buffer.from(line.slice(1), 'hex');
    const count = record[0]!;
    if (record.length !== count + 5) throw new Error(`${where}: the length byte says ${count} data bytes, the record has ${record.length - 5}`);
    const sum = record.reduce((total, byte) => (total + byte) & 0xff, 0);
    if (sum !== 0) throw new Error(`${where}: bad checksum`);
    const offset = (record[1]! << 8) | record[2]!;
    const type = record[3]!;
    const data = record.subarray(4, 4 + count);
    switch (type) {
      case 0x00: {
        const address = base + offset;
        if (address + count > flashBytes) throw new Error(`${where}: data at 0x${address.toString(16)} beyond the ${flashBytes}-byte flash`);
        bytes.set(data, address);
        usedBytes = Math.max(usedBytes, address + count);
        break;
      }
      case 0x01:
        ended = true;
        break;
      case 0x02:
        base = ((data[0]! << 8) | data[1]!) * 16;
        break;
      case 0x04:
        base = ((data[0]! << 8) | data[1]!) * 65536;
        break;
      case 0x03:
      case 0x05:
        break; // start addresses: the AVR always starts at 0
      default:
        throw new Error(`${where}: unknown record type ${type}`);
    }
  }
  if (!ended) throw new Error('no end-of-file record: the file is cut short');
  return { bytes, usedBytes };
}

/** The image as 16-bit program words (little-endian), as the AVR fetches them. */
export function programWords(image: FlashImage): Uint16Array {
  const words = new Uint16Array(image.bytes.length / 2);
  for (let i = 0; i < words.length; i++) words[i] = image.bytes[2 * i]! | (image.bytes[2 * i + 1]! << 8);
  return words;
}
