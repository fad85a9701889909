// The pty relay's pipe protocol (relay/relay-frames.h): a type byte, a 16-bit
// little-endian length, the payload.

export interface RelayMessage {
  type: string;
  payload: Buffer;
}

export const MAX_RELAY_PAYLOAD = 0xffff;

export function encodeRelayFrame(type: string, payload: Uint8Array | string = ''): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload, 'latin1') : Buffer.from(payload);
  if (body.length > MAX_RELAY_PAYLOAD) throw new Error(`relay payload of ${body.length} bytes is over ${MAX_RELAY_PAYLOAD}`);
  const head = Buffer.from([type.charCodeAt(0), body.length & 0xff, body.length >> 8]);
  return Buffer.concat([head, body]);
}

/** Cuts the relay's output into messages, however the pipe splits it. */
export class RelayFrameReader {
  private pending: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): RelayMessage[] {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    const messages: RelayMessage[] = [];
    while (this.pending.length >= 3) {
      const length = this.pending[1]! | (this.pending[2]! << 8);
      if (this.pending.length < 3 + length) break;
      messages.push({ type: String.fromCharCode(this.pending[0]!), payload: Buffer.from(this.pending.subarray(3, 3 + length)) });
      this.pending = this.pending.subarray(3 + length);
    }
    return messages;
  }
}
