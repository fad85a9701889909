// The pty relay's pipe frames, split every way a pipe can split them.

import { describe, expect, it } from 'vitest';
import { encodeRelayFrame, MAX_RELAY_PAYLOAD, RelayFrameReader } from '../../../../firmware-bridge/firmware/emulator/relay-frames.js';

describe('relay frames', () => {
  it('encodes type, little-endian length and payload', () => {
    expect([...encodeRelayFrame('D', 'AB')]).toEqual([0x44, 2, 0, 0x41, 0x42]);
    expect([...encodeRelayFrame('U')]).toEqual([0x55, 0, 0]);
    expect(encodeRelayFrame('D', new Uint8Array(300)).subarray(1, 3)).toEqual(Buffer.from([44, 1]));
    expect(() => encodeRelayFrame('D', new Uint8Array(MAX_RELAY_PAYLOAD + 1))).toThrow(/over 65535/);
  });

  it('reads the same messages however the stream is cut', () => {
    const stream = Buffer.concat([encodeRelayFrame('R', '/dev/pts/7'), encodeRelayFrame('O'), encodeRelayFrame('D', Buffer.from([0, 10, 255])), encodeRelayFrame('C')]);
    for (let cut = 0; cut <= stream.length; cut++) {
      const reader = new RelayFrameReader();
      const messages = [...reader.push(stream.subarray(0, cut)), ...reader.push(stream.subarray(cut))];
      expect(messages.map((m) => `${m.type}:${m.payload.toString('hex')}`), `cut at ${cut}`).toEqual(['R:2f6465762f7074732f37', 'O:', 'D:000aff', 'C:']);
    }
    const bytewise = new RelayFrameReader();
    const one = [...stream].flatMap((byte) => bytewise.push(Buffer.from([byte])));
    expect(one.map((m) => m.type).join('')).toBe('RODC');
  });
});
