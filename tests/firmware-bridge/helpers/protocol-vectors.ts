// The test vectors of control protocol version 1, copied into the project so
// tests never depend on anything outside it. Each is a full line as sent.

import type { BoardFrame, HostFrame, RejectReason } from '../../../firmware-bridge/serial/frame-codec.js';

export const CRC_CHECK = { input: '123456789', crc: 0xf4 };

export const BOARD_VECTORS: { line: string; frame: BoardFrame }[] = [
  {
    line: 'HELLO 1 1.0.0 E6614C311B7A4F2C 8 2*D8',
    frame: { type: 'HELLO', proto: '1', protoMajor: 1, firmware: '1.0.0', boardId: 'E6614C311B7A4F2C', buttons: 8, knobs: 2 },
  },
  { line: 'BTN 17 3 1*3D', frame: { type: 'BTN', seq: 17, index: 3, pressed: true } },
  { line: 'BTN 18 3 0*0A', frame: { type: 'BTN', seq: 18, index: 3, pressed: false } },
  { line: 'KNOB 19 0 -2*E4', frame: { type: 'KNOB', seq: 19, index: 0, delta: -2 } },
  { line: 'STATE 20 0008 -2 15*5D', frame: { type: 'STATE', seq: 20, mask: 8, counts: [-2, 15] } },
  { line: 'PONG 42*63', frame: { type: 'PONG', n: 42 } },
];

export const HOST_VECTORS: { frame: HostFrame; line: string }[] = [
  { frame: { type: 'WHO' }, line: 'WHO*2B' },
  { frame: { type: 'LED', index: 3, mode: 2 }, line: 'LED 3 2*C4' },
  { frame: { type: 'PING', n: 42 }, line: 'PING 42*95' },
];

/** Lines a host must drop, with the reason (also listed in PROTOCOL.md). */
export const REJECTED_VECTORS: { line: string; reason: RejectReason }[] = [
  { line: 'BTN 17 3 1', reason: 'no-crc' },
  { line: 'BTN 17 3 1*3E', reason: 'crc' },
  { line: 'BTN 17 3 1*3d', reason: 'crc' },
  { line: 'BEEP 1*C9', reason: 'unknown-type' },
  { line: 'BTN 17  3 1*24', reason: 'bad-fields' },
  { line: 'KNOB 19 0 0*2C', reason: 'bad-fields' },
];
