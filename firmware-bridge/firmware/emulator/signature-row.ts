// The ATmega328P's signature row as the firmware reads it: the device signature
// (1E 95 0F), the oscillator calibration, and the 10 serial-number bytes at 0x0E..0x17
// that board-id.cpp folds into the 16-digit board id. The last two are left 0, so the
// id read back is `id` itself.

export const SIGNATURE_ROW_BYTES = 0x18;

export function signatureRow(id: string): Uint8Array {
  if (!/^[0-9A-Fa-f]{16}$/.test(id)) throw new Error(`a board id is 16 hex digits, not ${JSON.stringify(id)}`);
  const row = new Uint8Array(SIGNATURE_ROW_BYTES).fill(0xff);
  row[0x00] = 0x1e;
  row[0x02] = 0x95;
  row[0x04] = 0x0f;
  row[0x01] = 0x9c; // the RC oscillator's calibration: unused with a crystal
  row.set(Buffer.from(id, 'hex'), 0x0e);
  row[0x16] = 0;
  row[0x17] = 0;
  return row;
}
