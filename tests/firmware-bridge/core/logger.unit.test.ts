// The bridge's one-line logs: levels, scopes, and the short memory of
// warnings and errors that the maintenance screen shows.

import { describe, expect, it } from 'vitest';
import { LOG_LEVELS } from '../../../firmware-bridge/api/messages.js';
import { createLogger, createMemoryLogger, isLogLevel } from '../../../firmware-bridge/core/logger.js';

describe('createLogger', () => {
  it('writes one line per message at or above its level, with the scope', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'warn', write: (l) => lines.push(l) });
    log.debug('hidden');
    log.info('hidden too');
    log.warn('a warning');
    log.child('panel').error('an error');
    expect(lines).toEqual(['warn  [bridge] a warning', 'error [bridge/panel] an error']);
  });

  it('defaults to info', () => {
    const lines: string[] = [];
    const log = createLogger({ write: (l) => lines.push(l) });
    log.debug('no');
    log.info('yes');
    expect(lines).toEqual(['info  [bridge] yes']);
  });

  it('remembers the last 50 warnings and errors, shared by its children, whatever the level', () => {
    const log = createLogger({ level: 'error', write: () => undefined });
    const child = log.child('packs').child('usb');
    log.info('not kept');
    for (let i = 0; i < 60; i++) (i % 2 ? child.warn : log.error)(`problem ${i}`);
    const recent = log.recent();
    expect(recent).toHaveLength(50);
    expect(recent[0]!.message).toBe('problem 10');
    expect(recent.at(-1)).toMatchObject({ level: 'warn', scope: 'bridge/packs/usb', message: 'problem 59' });
    expect(child.recent()).toEqual(recent);
    expect(Number.isNaN(Date.parse(recent[0]!.at))).toBe(false);
    // A copy: the caller cannot change the memory.
    recent.length = 0;
    expect(log.recent()).toHaveLength(50);
  });
});

describe('createMemoryLogger', () => {
  it('keeps every line, debug included', () => {
    const log = createMemoryLogger();
    log.debug('d');
    log.child('x').info('i');
    expect(log.lines).toEqual(['debug [bridge] d', 'info  [bridge/x] i']);
  });
});

describe('isLogLevel', () => {
  it("takes the levels of the log line's schema, and nothing else", () => {
    expect(LOG_LEVELS.filter(isLogLevel)).toEqual(['debug', 'info', 'warn', 'error']);
    expect(['verbose', 'WARN', '', 'trace'].filter(isLogLevel)).toEqual([]);
  });
});
