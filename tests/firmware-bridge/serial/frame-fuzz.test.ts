// Random and mutated raw lines from the panel into a real running bridge:
// the real firmware built for the host writes them verbatim on a real
// pseudo-terminal, the bridge's serial link reads them. The bridge stays
// connected and answers /health, and the dropped-frame counters there match
// what each line is. A line's fate is worked out here from the protocol's
// rules (length, *CC checksum, the frame types), not from the parser.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc8Hex } from '../../../firmware-bridge/serial/crc8.js';
import { MAX_LINE_BYTES } from '../../../firmware-bridge/serial/line-splitter.js';
import { startHarness, type Harness } from '../http/bridge-harness.js';
import { VirtualBoardProcess, virtualBoardBinary } from '../helpers/virtual-board-process.js';

const LINES = 10_000;
const SEED = 20_250_614;
const MAX_LINE = MAX_LINE_BYTES;
const BATCH = 500;

/** Printable ASCII, not blank (a blank line is no line); built from character codes, so no filter starves. */
const printable = (minLength: number, maxLength: number) =>
  fc
    .tuple(fc.integer({ min: 0x21, max: 0x7e }), fc.array(fc.integer({ min: 0x20, max: 0x7e }), { minLength: minLength - 1, maxLength: maxLength - 1 }))
    .map(([first, rest]) => String.fromCharCode(first, ...rest));
const seq = fc.integer({ min: 0, max: 255 });
/** Frames the bridge accepts and that change nothing but inputs (no HELLO: that is a board restart). */
const goodBody = fc.oneof(
  fc.tuple(seq, fc.integer({ min: 0, max: 7 }), fc.constantFrom(0, 1)).map(([s, i, p]) => `BTN ${s} ${i} ${p}`),
  fc.tuple(seq, fc.integer({ min: 0, max: 1 }), fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0)).map(([s, i, d]) => `KNOB ${s} ${i} ${d}`),
  fc.integer({ min: 0, max: 65535 }).map((n) => `PONG ${n}`),
  fc.stringMatching(/^[ -~]{0,30}$/).map((t) => (t === '' ? 'LOG' : `LOG ${t}`)),
);
const framed = (body: string) => `${body}*${crc8Hex(body)}`;

type Fate = 'ok' | 'crc' | 'no-crc' | 'overlong' | 'unknown-type' | 'bad-fields';
interface Line {
  text: string;
  fate: Fate;
}

const line: fc.Arbitrary<Line> = fc.oneof(
  { weight: 3, arbitrary: goodBody.map((body): Line => ({ text: framed(body), fate: 'ok' })) },
  // No '*' at all: nothing says where a checksum would be.
  { weight: 2, arbitrary: printable(1, 80).map((text): Line => ({ text: text.replaceAll('*', '+'), fate: 'no-crc' })) },
  // A good frame with its checksum changed.
  {
    weight: 3,
    arbitrary: fc.tuple(goodBody, fc.integer({ min: 1, max: 255 })).map(([body, xor]): Line => {
      const wrong = (Number.parseInt(crc8Hex(body), 16) ^ xor).toString(16).toUpperCase().padStart(2, '0');
      return { text: `${body}*${wrong}`, fate: 'crc' };
    }),
  },
  // A good frame with one character of its body changed and the old checksum (CRC-8 catches every single-byte change).
  {
    weight: 3,
    arbitrary: fc.tuple(goodBody, fc.nat(), fc.integer({ min: 0x20, max: 0x7e })).chain(([body, at, code]) => {
      const i = at % body.length;
      const changed = body.slice(0, i) + String.fromCharCode(code) + body.slice(i + 1);
      return changed === body || changed.includes('*') ? fc.constant<Line>({ text: framed(body), fate: 'ok' }) : fc.constant<Line>({ text: `${changed}*${crc8Hex(body)}`, fate: 'crc' });
    }),
  },
  // Longer than a line may be, whatever it holds.
  { weight: 1, arbitrary: printable(MAX_LINE, 140).map((text): Line => ({ text, fate: 'overlong' })) },
  // A well-formed line of a type the protocol does not have.
  { weight: 1, arbitrary: fc.stringMatching(/^[A-Z]{2,6}( [0-9]{1,3}){0,3}$/).filter((b) => !/^(HELLO|BTN|KNOB|STATE|PONG|LOG|ERR)( |$)/.test(b)).map((b): Line => ({ text: framed(b), fate: 'unknown-type' })) },
  // A known type with fields out of range.
  {
    weight: 1,
    arbitrary: fc
      .oneof(
        fc.tuple(fc.integer({ min: 256, max: 9999 }), fc.nat(31)).map(([s, i]) => `BTN ${s} ${i} 1`),
        fc.tuple(seq, fc.integer({ min: 32, max: 999 })).map(([s, i]) => `BTN ${s} ${i} 1`),
        fc.tuple(seq, fc.nat(7)).map(([s, i]) => `KNOB ${s} ${i} 0`),
        fc.integer({ min: 65536, max: 999999 }).map((n) => `PONG ${n}`),
        fc.constant('BTN 1 2'),
      )
      .map((b): Line => ({ text: framed(b), fate: 'bad-fields' })),
  },
).filter((l) => l.text.length + 1 <= MAX_LINE || l.fate === 'overlong');

interface Health {
  status: string;
  controller: { connected: boolean; framesDropped: Record<string, number> };
}

describe('panel lines, fuzzed', () => {
  let board: VirtualBoardProcess;
  let h: Harness;

  beforeAll(async () => {
    await virtualBoardBinary();
    board = await VirtualBoardProcess.start({ buttons: 8, knobs: 2 });
    h = await startHarness({ serial: board.pty });
  }, 180_000);

  afterAll(async () => {
    await h?.close();
    await board?.close();
  });

  const health = async () => (await (await fetch(h.base + '/health')).json()) as Health;

  it(`stays connected through ${LINES.toLocaleString('en')} random and mutated lines, counting each dropped one by why`, async () => {
    await expect.poll(async () => (await health()).controller.connected, { timeout: 10_000 }).toBe(true);
    const before = (await health()).controller.framesDropped;
    const lines = fc.sample(line, { numRuns: LINES, seed: SEED });
    const expected: Record<string, number> = { ...before };
    for (const l of lines) if (l.fate !== 'ok') expected[l.fate] = (expected[l.fate] ?? 0) + 1;
    // Every kind of bad line occurs, so a reason the bridge fails to count would show.
    expect(new Set(lines.map((l) => l.fate))).toEqual(new Set(['ok', 'crc', 'no-crc', 'overlong', 'unknown-type', 'bad-fields']));

    // In batches, each counted before the next is written: a serial link's buffers are small (a pty's a few KiB),
    // and the status in /health follows the counters at most twice a second.
    const counted: Record<string, number> = { ...before };
    for (let i = 0; i < lines.length; i += BATCH) {
      const batch = lines.slice(i, i + BATCH);
      for (const l of batch) if (l.fate !== 'ok') counted[l.fate] = (counted[l.fate] ?? 0) + 1;
      await board.sendMany(batch.map((l) => `raw ${l.text}`), { timeoutMs: 20_000 });
      await expect.poll(async () => (await health()).controller.framesDropped, { timeout: 10_000, interval: 10 }).toEqual(counted);
    }
    expect(counted).toEqual(expected);
    const after = await health();
    expect(after.controller.connected).toBe(true);
    expect(after.status).toMatch(/^(ok|degraded)$/);
  }, 90_000);
});
