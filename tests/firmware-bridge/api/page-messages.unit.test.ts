// The page -> bridge schema: every message the page sends passes, and each
// field is checked for presence, type and length.

import { describe, expect, it } from 'vitest';
import { PAGE_LIMITS, readPageMessage, type PageMessage } from '../../../firmware-bridge/api/messages.js';

const valid: PageMessage[] = [
  { type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 0 },
  { type: 'heartbeat', scenario: 'middle-corridor', mode: 'class', language: 'es', frames: 12, renderer: 'V3D 7.1' },
  { type: 'view', scenario: 'gas-to-europe', mode: 'scenario', scenarioIndex: 5 },
  { type: 'view', scenario: null, mode: 'maintenance', scenarioIndex: null },
  { type: 'log', level: 'error', message: 'TypeError: x is undefined' },
  { type: 'rollback' },
  { type: 'status-request' },
];

const kindOf = (value: unknown, raw?: string) => {
  const read = readPageMessage(raw ?? JSON.stringify(value));
  return read.ok ? 'ok' : read.kind;
};

describe('readPageMessage', () => {
  it('takes every message the page sends, unchanged', () => {
    for (const message of valid) expect(readPageMessage(JSON.stringify(message))).toEqual({ ok: true, message });
  });

  it('drops a known type with a missing, mistyped, unknown or overlong field, by that type', () => {
    expect(kindOf({ type: 'log' })).toBe('log');
    expect(kindOf({ type: 'log', level: 'fatal', message: 'x' })).toBe('log');
    expect(kindOf({ type: 'log', level: 'warn', message: 'x'.repeat(PAGE_LIMITS.logMessage + 1) })).toBe('log');
    expect(kindOf({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: -1 })).toBe('heartbeat');
    expect(kindOf({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1.5 })).toBe('heartbeat');
    expect(kindOf({ type: 'heartbeat', scenario: null, mode: 'attract', language: '', frames: 1 })).toBe('heartbeat');
    expect(kindOf({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1, renderer: 7 })).toBe('heartbeat');
    expect(kindOf({ type: 'view', scenario: 'x', mode: 'party', scenarioIndex: 1 })).toBe('view');
    expect(kindOf({ type: 'view', scenario: 'x'.repeat(PAGE_LIMITS.scenario + 1), mode: 'scenario', scenarioIndex: 1 })).toBe('view');
    expect(kindOf({ type: 'view', scenario: 'x', mode: 'scenario', scenarioIndex: '1' })).toBe('view');
    expect(kindOf({ type: 'rollback', now: true })).toBe('rollback');
    expect(kindOf({ type: 'status-request', extra: 1 })).toBe('status-request');
  });

  it('names what the text was when it is no message at all', () => {
    expect(kindOf(null, 'not json')).toBe('not-json');
    expect(kindOf([1, 2])).toBe('not-an-object');
    expect(kindOf(null)).toBe('not-an-object');
    expect(kindOf('heartbeat')).toBe('not-an-object');
    expect(kindOf({ type: 'hello' })).toBe('unknown-type');
    expect(kindOf({ kind: 'view' })).toBe('unknown-type');
    expect(kindOf({ type: 'log', level: 'warn', message: 'x' }, ' '.repeat(PAGE_LIMITS.messageChars + 1))).toBe('too-long');
  });

  it('says which field was wrong', () => {
    const read = readPageMessage('{"type":"log","level":"warn"}');
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.detail).toMatch(/^message: /);
  });
});
