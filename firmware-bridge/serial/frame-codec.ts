// Protocol version 1 frames: parse a board line into a typed frame or a typed
// reason for rejecting it, and encode the host's frames. Pure: no I/O, never
// throws on input, so every byte the board sends is either a frame or a count.

import { isSemVer } from '../core/semver.js';
import { crc8Hex } from './crc8.js';
import { MAX_LINE_BYTES } from './line-splitter.js';

export const PROTOCOL_MAJOR = 1;

export type BoardFrame =
  | { type: 'HELLO'; proto: string; protoMajor: number; firmware: string; boardId: string; buttons: number; knobs: number }
  | { type: 'BTN'; seq: number; index: number; pressed: boolean }
  | { type: 'KNOB'; seq: number; index: number; delta: number }
  | { type: 'STATE'; seq: number; mask: number; counts: number[] }
  | { type: 'PONG'; n: number }
  | { type: 'LOG'; text: string }
  | { type: 'ERR'; code: string; text: string };

export type HostFrame = { type: 'WHO' } | { type: 'LED'; index: number; mode: number } | { type: 'PING'; n: number };

export type RejectReason = 'crc' | 'unknown-type' | 'bad-fields' | 'overlong' | 'no-crc';
export const REJECT_REASONS: readonly RejectReason[] = ['crc', 'unknown-type', 'bad-fields', 'overlong', 'no-crc'];

export type ParseResult = { ok: true; frame: BoardFrame } | { ok: false; reason: RejectReason; detail: string };

const CRC_SUFFIX = /\*([0-9A-F]{2})$/;
const PRINTABLE = /^[\x20-\x7e]*$/;
const INT = /^-?(0|[1-9][0-9]*)$/;
const UINT = /^(0|[1-9][0-9]*)$/;
const HEX_ID = /^[0-9A-Fa-f]{1,32}$/;
const HEX_MASK = /^[0-9A-Fa-f]{1,8}$/;
const PROTO = /^(0|[1-9]\d*)(\.(0|[1-9]\d*))*$/;
const INT32_MIN = -0x80000000;
const INT32_MAX = 0x7fffffff;

const reject = (reason: RejectReason, detail: string): ParseResult => ({ ok: false, reason, detail });

function uint(text: string | undefined, max: number): number | null {
  if (text === undefined || !UINT.test(text)) return null;
  const value = Number(text);
  return value <= max ? value : null;
}

function int32(text: string | undefined): number | null {
  if (text === undefined || !INT.test(text)) return null;
  const value = Number(text);
  return value >= INT32_MIN && value <= INT32_MAX ? value : null;
}

/** Parses one line (without its `\n`) sent by a board. */
export function parseBoardLine(line: string): ParseResult {
  if (line.length + 1 > MAX_LINE_BYTES) return reject('overlong', `${line.length + 1} bytes`);
  const suffix = CRC_SUFFIX.exec(line);
  if (!suffix) return line.includes('*') ? reject('crc', 'malformed checksum') : reject('no-crc', 'no *CC');
  const body = line.slice(0, suffix.index);
  const expected = crc8Hex(body);
  if (suffix[1] !== expected) return reject('crc', `sent ${suffix[1]}, computed ${expected}`);
  if (!PRINTABLE.test(body)) return reject('bad-fields', 'non-printable byte');
  const space = body.indexOf(' ');
  const type = space === -1 ? body : body.slice(0, space);
  const rest = space === -1 ? '' : body.slice(space + 1);
  // LOG and ERR carry free text: it is kept verbatim, spaces and all.
  if (type === 'LOG') return { ok: true, frame: { type: 'LOG', text: rest } };
  const fields = rest === '' ? [] : rest.split(' ');
  const frame = parseFields(type, fields, rest);
  if (frame === undefined) return reject('unknown-type', JSON.stringify(type));
  if (frame === null) return reject('bad-fields', body);
  return { ok: true, frame };
}

/** undefined: unknown type; null: known type with bad fields. */
function parseFields(type: string, f: string[], rest: string): BoardFrame | null | undefined {
  switch (type) {
    case 'HELLO': {
      if (f.length !== 5) return null;
      const [proto, firmware, boardId] = f as [string, string, string];
      const buttons = uint(f[3], 32);
      const knobs = uint(f[4], 8);
      if (!PROTO.test(proto) || !isSemVer(firmware) || !HEX_ID.test(boardId)) return null;
      if (buttons === null || buttons < 1 || knobs === null) return null;
      return { type, proto, protoMajor: Number(proto.split('.')[0]), firmware, boardId: boardId.toUpperCase(), buttons, knobs };
    }
    case 'BTN': {
      const seq = uint(f[0], 255);
      const index = uint(f[1], 31);
      if (f.length !== 3 || seq === null || index === null || (f[2] !== '0' && f[2] !== '1')) return null;
      return { type, seq, index, pressed: f[2] === '1' };
    }
    case 'KNOB': {
      const seq = uint(f[0], 255);
      const index = uint(f[1], 7);
      const delta = int32(f[2]);
      if (f.length !== 3 || seq === null || index === null || delta === null || delta === 0) return null;
      return { type, seq, index, delta };
    }
    case 'STATE': {
      const seq = uint(f[0], 255);
      if (f.length < 2 || f.length > 10 || seq === null || !HEX_MASK.test(f[1]!)) return null;
      const counts = f.slice(2).map(int32);
      if (counts.some((c) => c === null)) return null;
      return { type, seq, mask: Number.parseInt(f[1]!, 16) >>> 0, counts: counts as number[] };
    }
    case 'PONG': {
      const n = uint(f[0], 65535);
      return f.length === 1 && n !== null ? { type, n } : null;
    }
    case 'ERR': {
      if (f.length < 1 || f[0] === '') return null;
      return { type, code: f[0]!, text: rest.slice(f[0]!.length + 1) };
    }
    default:
      return undefined;
  }
}

/** Frames a body as `body*CC\n`. */
export function frameLine(body: string): string {
  return `${body}*${crc8Hex(body)}\n`;
}

/** Encodes a host frame, always with its CRC. */
export function encodeHostFrame(frame: HostFrame): string {
  switch (frame.type) {
    case 'WHO':
      return frameLine('WHO');
    case 'LED':
      if (!Number.isInteger(frame.index) || frame.index < 0 || frame.index > 31) throw new RangeError(`LED index ${frame.index} is not 0..31`);
      if (!Number.isInteger(frame.mode) || frame.mode < 0 || frame.mode > 3) throw new RangeError(`LED mode ${frame.mode} is not 0..3`);
      return frameLine(`LED ${frame.index} ${frame.mode}`);
    case 'PING':
      if (!Number.isInteger(frame.n) || frame.n < 0 || frame.n > 65535) throw new RangeError(`PING ${frame.n} is not 0..65535`);
      return frameLine(`PING ${frame.n}`);
  }
}

/** Encodes a board frame; the in-process panel simulation and tests use it. */
export function encodeBoardFrame(frame: BoardFrame): string {
  switch (frame.type) {
    case 'HELLO':
      return frameLine(`HELLO ${frame.proto} ${frame.firmware} ${frame.boardId} ${frame.buttons} ${frame.knobs}`);
    case 'BTN':
      return frameLine(`BTN ${frame.seq} ${frame.index} ${frame.pressed ? 1 : 0}`);
    case 'KNOB':
      return frameLine(`KNOB ${frame.seq} ${frame.index} ${frame.delta}`);
    case 'STATE': {
      const mask = frame.mask.toString(16).toUpperCase().padStart(4, '0');
      return frameLine(['STATE', frame.seq, mask, ...frame.counts].join(' '));
    }
    case 'PONG':
      return frameLine(`PONG ${frame.n}`);
    case 'LOG':
      return frameLine(frame.text === '' ? 'LOG' : `LOG ${frame.text}`);
    case 'ERR':
      return frameLine(frame.text === '' ? `ERR ${frame.code}` : `ERR ${frame.code} ${frame.text}`);
  }
}
