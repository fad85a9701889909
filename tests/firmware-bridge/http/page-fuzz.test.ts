// 10,000 random and mutated page messages over one real WebSocket into a
// real bridge: it stays up and answers /health, takes every valid message,
// and drops every bad one, logging each kind once and counting each in
// /health. Every message is made valid or invalid by construction, so the
// expected counts do not come from the schema under test.

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { PAGE_LIMITS, PAGE_MODES, type PageMessage } from '../../../firmware-bridge/api/messages.js';
import { startHarness, type Harness } from './bridge-harness.js';

type Frame = { text: string; binary?: false; kind: string | null } | { bytes: Uint8Array; binary: true; kind: 'binary' };

const TOTAL = 10_000;
const SEED = 20_250_613;

const shortText = (max: number) => fc.string({ maxLength: max });
const scenario = fc.option(fc.stringMatching(/^[a-z0-9-]{1,40}$/), { nil: null });
const mode = fc.constantFrom(...PAGE_MODES);
const language = fc.stringMatching(/^[a-z]{2}(-[A-Z]{2})?$/);

const validMessage: fc.Arbitrary<PageMessage> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('heartbeat' as const), scenario, mode, language, frames: fc.nat() }) },
  {
    weight: 2,
    arbitrary: fc.record({ type: fc.constant('heartbeat' as const), scenario, mode, language, frames: fc.nat(), renderer: shortText(PAGE_LIMITS.renderer) }),
  },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('view' as const), scenario, mode, scenarioIndex: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }) }) },
  { weight: 2, arbitrary: fc.record({ type: fc.constant('log' as const), level: fc.constantFrom('info' as const, 'warn' as const, 'error' as const), message: shortText(80) }) },
  { weight: 1, arbitrary: fc.constant({ type: 'status-request' as const }) },
);

/** A value of any JSON type but the ones `allowed` names. */
const wrongValue = (...allowed: ('string' | 'number' | 'null' | 'boolean')[]) =>
  fc
    .oneof(fc.string({ maxLength: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(null), fc.boolean(), fc.constant([]), fc.constant({}))
    .filter((value) => !allowed.includes((value === null ? 'null' : typeof value) as never) || Array.isArray(value));

/** One change to a valid message that no schema of it can accept. */
function mutated(message: PageMessage): fc.Arbitrary<Record<string, unknown>> {
  const base = message as unknown as Record<string, unknown>;
  const set = (key: string, value: fc.Arbitrary<unknown>) => value.map((v) => ({ ...base, [key]: v }));
  const without = (key: string) => fc.constant(Object.fromEntries(Object.entries(base).filter(([k]) => k !== key)));
  const extra = fc.stringMatching(/^[a-z]{1,8}$/).filter((key) => !(key in base) && key !== 'renderer').map((key) => ({ ...base, [key]: 1 }));
  const overlong = (max: number) => fc.constant('x'.repeat(max + 1));
  switch (message.type) {
    case 'heartbeat':
      return fc.oneof(
        without('scenario'), without('mode'), without('language'), without('frames'), extra,
        set('scenario', wrongValue('string', 'null')), set('scenario', overlong(PAGE_LIMITS.scenario)),
        set('mode', fc.oneof(fc.string().filter((m) => !(PAGE_MODES as readonly string[]).includes(m)), wrongValue('string'))),
        set('language', fc.oneof(fc.constant(''), fc.constant('e n'), overlong(PAGE_LIMITS.language), wrongValue('string'))),
        set('frames', fc.oneof(fc.integer({ max: -1 }), fc.constant(1.5), wrongValue('number'))),
        set('renderer', fc.oneof(overlong(PAGE_LIMITS.renderer), wrongValue('string'))),
      );
    case 'view':
      return fc.oneof(
        without('scenario'), without('mode'), without('scenarioIndex'), extra,
        set('scenario', wrongValue('string', 'null')),
        set('scenarioIndex', fc.oneof(fc.integer({ max: -1 }), fc.integer({ min: PAGE_LIMITS.scenarioIndex + 1 }), fc.constant(0.5), wrongValue('number', 'null'))),
      );
    case 'log':
      return fc.oneof(
        without('level'), without('message'), extra,
        set('level', fc.oneof(fc.constantFrom('debug', 'fatal', 'WARN'), wrongValue('string'))),
        set('message', fc.oneof(overlong(PAGE_LIMITS.logMessage), wrongValue('string'))),
      );
    default:
      return extra;
  }
}

const notJson = fc.string({ minLength: 1, maxLength: 30 }).filter((text) => {
  try {
    JSON.parse(text);
    return false;
  } catch {
    return true;
  }
});
const notAnObject = fc.jsonValue({ maxDepth: 2 }).filter((value) => value === null || typeof value !== 'object' || Array.isArray(value));
const TYPES = new Set(['heartbeat', 'view', 'log', 'rollback', 'status-request']);
const unknownType = fc.oneof(
  fc.record({ type: fc.string({ maxLength: 12 }).filter((t) => !TYPES.has(t)), scenario: scenario }),
  fc.record({ type: fc.oneof(fc.integer(), fc.constant(null), fc.boolean()) }),
  fc.record({ kind: fc.constant('view') }),
);

const frame: fc.Arbitrary<Frame> = fc.oneof(
  { weight: 40, arbitrary: validMessage.map((m): Frame => ({ text: JSON.stringify(m), kind: null })) },
  { weight: 40, arbitrary: validMessage.chain((m) => mutated(m).map((bad): Frame => ({ text: JSON.stringify(bad), kind: m.type }))) },
  { weight: 5, arbitrary: notJson.map((text): Frame => ({ text, kind: 'not-json' })) },
  { weight: 5, arbitrary: notAnObject.map((value): Frame => ({ text: JSON.stringify(value), kind: 'not-an-object' })) },
  { weight: 5, arbitrary: unknownType.map((value): Frame => ({ text: JSON.stringify(value), kind: 'unknown-type' })) },
  { weight: 4, arbitrary: fc.uint8Array({ minLength: 1, maxLength: 40 }).map((bytes): Frame => ({ bytes, binary: true, kind: 'binary' })) },
  {
    weight: 1,
    arbitrary: validMessage.map((m): Frame => ({ text: JSON.stringify(m).slice(0, -1) + ',' + ' '.repeat(PAGE_LIMITS.messageChars) + '}', kind: 'too-long' })),
  },
);

interface Health {
  status: string;
  page: { renderer: string | null };
  dropped: { pageMessages: number; byKind: Record<string, number> };
}

describe('page messages, fuzzed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  it(`keeps the bridge up through ${TOTAL.toLocaleString('en')} random and mutated messages, dropping and counting each bad one`, async () => {
    const frames = fc.sample(frame, { numRuns: TOTAL, seed: SEED });
    const expected: Record<string, number> = {};
    for (const f of frames) if (f.kind) expected[f.kind] = (expected[f.kind] ?? 0) + 1;
    const validCount = frames.filter((f) => f.kind === null).length;
    // Each kind the generators make really occurs, so a kind the bridge never drops would show.
    expect(Object.keys(expected).sort()).toEqual(['binary', 'heartbeat', 'log', 'not-an-object', 'not-json', 'status-request', 'too-long', 'unknown-type', 'view']);

    let taken = 0;
    const off = h.controller.bus.on('page.message', () => taken++);
    const ws = new WebSocket(h.base.replace('http', 'ws') + '/ws', { origin: h.origin });
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    try {
      for (const f of frames) {
        if (f.binary) ws.send(f.bytes, { binary: true });
        else ws.send(f.text);
      }
      // The connection's messages are handled in order: once this one shows, all before it were handled.
      ws.send(JSON.stringify({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1, renderer: 'fuzz done' } satisfies PageMessage));
      const health = async () => (await (await fetch(h.base + '/health')).json()) as Health;
      await expect.poll(async () => (await health()).page.renderer, { timeout: 150_000 }).toBe('fuzz done');
      const after = await health();
      expect(after.status).toMatch(/^(ok|degraded)$/);
      expect(after.dropped.byKind).toEqual(expected);
      expect(after.dropped.pageMessages).toBe(TOTAL - validCount);
      expect(taken).toBe(validCount + 1);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      const logged = h.lines.filter((line) => line.includes('dropped a malformed message from the page'));
      expect(logged).toHaveLength(Object.keys(expected).length);
    } finally {
      off();
      ws.close();
    }
    // 10,000 messages take seconds on a quiet machine and far longer on a busy one.
  }, 180_000);
});
