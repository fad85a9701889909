import { describe, expect, it } from 'vitest';
import { encodeBoardFrame, encodeHostFrame, frameLine, parseBoardLine, type RejectReason } from '../../../firmware-bridge/serial/frame-codec.js';
import { BOARD_VECTORS, HOST_VECTORS, REJECTED_VECTORS } from '../helpers/protocol-vectors.js';

const rejected = (line: string): RejectReason | 'accepted' => {
  const result = parseBoardLine(line);
  return result.ok ? 'accepted' : result.reason;
};

describe('parseBoardLine', () => {
  it('parses every board test vector', () => {
    for (const { line, frame } of BOARD_VECTORS) expect(parseBoardLine(line), line).toEqual({ ok: true, frame });
  });

  it('drops the rejection vectors for the documented reasons', () => {
    for (const { line, reason } of REJECTED_VECTORS) expect(rejected(line), line).toBe(reason);
  });

  it('round-trips the board vectors through the encoder', () => {
    for (const { line, frame } of BOARD_VECTORS) expect(encodeBoardFrame(frame)).toBe(line + '\n');
  });

  it('keeps LOG and ERR text verbatim', () => {
    expect(parseBoardLine(frameLine('LOG knob 1  stuck * maybe').trimEnd())).toEqual({
      ok: true,
      frame: { type: 'LOG', text: 'knob 1  stuck * maybe' },
    });
    expect(parseBoardLine(frameLine('LOG').trimEnd())).toEqual({ ok: true, frame: { type: 'LOG', text: '' } });
    expect(parseBoardLine(frameLine('ERR E2 led index out of range').trimEnd())).toEqual({
      ok: true,
      frame: { type: 'ERR', code: 'E2', text: 'led index out of range' },
    });
  });

  it('accepts a lower-case board id and reports it upper-case, and a minor protocol version', () => {
    const result = parseBoardLine(frameLine('HELLO 1.3 2.0.1-rc.1 abc 32 0').trimEnd());
    expect(result).toMatchObject({ ok: true, frame: { boardId: 'ABC', protoMajor: 1, proto: '1.3', firmware: '2.0.1-rc.1', buttons: 32, knobs: 0 } });
  });

  it('reports a missing checksum', () => {
    expect(rejected('BTN 17 3 1')).toBe('no-crc');
    expect(rejected('')).toBe('no-crc');
  });

  it('reports a wrong or malformed checksum', () => {
    expect(rejected('BTN 17 3 1*3E')).toBe('crc');
    expect(rejected('BTN 17 3 1*3d')).toBe('crc');
    expect(rejected('BTN 17 3 1*3')).toBe('crc');
    expect(rejected('BTN 17 3 1*3D ')).toBe('crc');
    expect(rejected('*')).toBe('crc');
  });

  it('reports an unknown type', () => {
    expect(rejected(frameLine('BEEP 1').trimEnd())).toBe('unknown-type');
    expect(rejected(frameLine('btn 17 3 1').trimEnd())).toBe('unknown-type');
    expect(rejected(frameLine('WHO').trimEnd())).toBe('unknown-type');
    expect(rejected(frameLine('').trimEnd())).toBe('unknown-type');
  });

  it('reports fields that do not parse', () => {
    const bad = [
      'BTN 256 3 1', 'BTN 17 32 1', 'BTN 17 3 2', 'BTN 17 3', 'BTN 17 3 1 0', 'BTN 17  3 1', 'BTN 017 3 1', 'BTN -1 3 1', 'BTN 17 3 1 ',
      'KNOB 19 0 0', 'KNOB 19 8 1', 'KNOB 19 0 +2', 'KNOB 19 0 -0', 'KNOB 19 0 2147483648', 'KNOB 19 0 1.5',
      'STATE 20', 'STATE 20 G008 1 2', 'STATE 20 123456789 0', 'STATE 20 0008 1 x', 'STATE 20 0008 1 2 3 4 5 6 7 8 9',
      'HELLO 1 1.0 E661 8 2', 'HELLO 1 1.0.0 XYZ 8 2', 'HELLO 1 1.0.0 E661 0 2', 'HELLO 1 1.0.0 E661 33 2', 'HELLO 1 1.0.0 E661 8 9',
      'HELLO 1 1.0.0 ' + '1'.repeat(33) + ' 8 2', 'HELLO x 1.0.0 E661 8 2', 'HELLO 1 1.0.0 E661 8',
      'PONG 65536', 'PONG', 'PONG 1 2', 'ERR', 'ERR  text', 'LOG tab\there', 'BTN 17 3 1\x00',
    ];
    for (const body of bad) expect(rejected(frameLine(body).trimEnd()), body).toBe('bad-fields');
  });

  it('accepts the field limits', () => {
    for (const body of ['BTN 255 31 0', 'KNOB 0 7 2147483647', 'KNOB 0 0 -2147483648', 'STATE 0 FFFFFFFF -2147483648 2147483647', 'STATE 1 0', 'PONG 65535', 'PONG 0']) {
      expect(rejected(frameLine(body).trimEnd()), body).toBe('accepted');
    }
    expect(parseBoardLine(frameLine('STATE 0 FFFFFFFF').trimEnd())).toMatchObject({ frame: { mask: 0xffffffff, counts: [] } });
  });

  it('carries the longest legal frame: a STATE for 32 buttons and 8 knobs at their extremes, 118 bytes', () => {
    const line = frameLine(`STATE 255 FFFFFFFF ${Array(8).fill('-2147483648').join(' ')}`);
    expect(line.length).toBe(118);
    expect(rejected(line.trimEnd())).toBe('accepted');
  });

  it('reports a line too long to have come through the splitter', () => {
    expect(rejected(frameLine('LOG ' + 'a'.repeat(121)).trimEnd())).toBe('overlong');
    const longest = frameLine('LOG ' + 'a'.repeat(120)).trimEnd();
    expect(longest.length).toBe(127);
    expect(rejected(longest)).toBe('accepted');
  });
});

describe('encodeHostFrame', () => {
  it('encodes every host test vector with its checksum and newline', () => {
    for (const { frame, line } of HOST_VECTORS) expect(encodeHostFrame(frame)).toBe(line + '\n');
  });

  it('refuses values the protocol cannot carry', () => {
    expect(() => encodeHostFrame({ type: 'LED', index: 32, mode: 1 })).toThrow(/LED index/);
    expect(() => encodeHostFrame({ type: 'LED', index: 1, mode: 4 })).toThrow(/LED mode/);
    expect(() => encodeHostFrame({ type: 'LED', index: 1.5, mode: 1 })).toThrow(/LED index/);
    expect(() => encodeHostFrame({ type: 'PING', n: 65536 })).toThrow(/PING/);
    expect(() => encodeHostFrame({ type: 'PING', n: -1 })).toThrow(/PING/);
  });
});
