import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PageMessage } from '../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { InteractionCounter } from '../../../firmware-bridge/stats/interaction-counter.js';
import { countsToCsv, parseCounts } from '../../../firmware-bridge/stats/interaction-counts.js';

const view = (scenario: string | null, mode: 'attract' | 'scenario' | 'class' | 'maintenance' = 'scenario'): PageMessage => ({
  type: 'view',
  scenario,
  mode,
  scenarioIndex: 0,
});

describe('InteractionCounter', () => {
  let dataDir: string;
  let bus: EventBus;
  let clock: Date;
  const make = () => new InteractionCounter({ bus, log: createMemoryLogger(), dataDir, now: () => clock, saveDelayMs: 10 });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'crossroads-stats-'));
    bus = new EventBus();
    clock = new Date(2025, 6, 30, 10, 15, 0);
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('counts each arrival at a scenario once, per local day, and nothing else', async () => {
    const counter = make();
    await counter.start();
    const emit = (m: PageMessage) => bus.emit('page.message', m);
    emit(view('a', 'attract'));
    emit(view('b', 'attract')); // the attract loop drifting: no visitor
    emit(view('b')); // a visitor wakes it on b
    emit(view('b')); // orbit, zoom, language: same scenario
    emit(view('c'));
    emit(view('c', 'maintenance'));
    emit(view('c'));
    emit({ type: 'heartbeat', scenario: 'c', mode: 'scenario', language: 'en', frames: 9 });
    emit(view('b', 'class'));
    emit(view(null, 'attract'));
    emit(view('b')); // a new visitor after the reset
    clock = new Date(2025, 6, 31, 9, 0, 0);
    emit(view('c'));
    expect(counter.counts()).toEqual({ '2025-07-30': { b: 3, c: 1 }, '2025-07-31': { c: 1 } });
    await counter.stop();
    expect(bus.listenerCount('page.message')).toBe(0);
  });

  it('keeps the counts across restarts in DATA/stats/interactions.json, with no temporary file left', async () => {
    const first = make();
    await first.start();
    bus.emit('page.message', view('b'));
    await first.stop();
    const saved = readFileSync(join(dataDir, 'stats', 'interactions.json'), 'utf8');
    expect(parseCounts(saved)).toEqual({ '2025-07-30': { b: 1 } });
    expect(readdirSync(join(dataDir, 'stats'))).toEqual(['interactions.json']);

    const second = make();
    await second.start();
    bus.emit('page.message', view('b', 'attract'));
    bus.emit('page.message', view('b'));
    // The delayed save, without stop().
    await expect.poll(() => parseCounts(readFileSync(join(dataDir, 'stats', 'interactions.json'), 'utf8')), { timeout: 10_000 }).toEqual({ '2025-07-30': { b: 2 } });
    await second.stop();
  });

  it('sets a damaged file aside, says so, and starts afresh', async () => {
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(dataDir, 'stats'));
    writeFileSync(join(dataDir, 'stats', 'interactions.json'), '{"format":1,"days":{"2025-07-30":{"b":-4}}}');
    const log = createMemoryLogger();
    const counter = new InteractionCounter({ bus, log, dataDir, now: () => clock, saveDelayMs: 10 });
    await counter.start();
    expect(counter.counts()).toEqual({});
    expect(log.lines.join('\n')).toMatch(/damaged \(bad count for 2025-07-30 b: -4\)/);
    const files = readdirSync(join(dataDir, 'stats'));
    expect(files.some((f) => f.startsWith('interactions.json.bad-'))).toBe(true);
    await counter.stop();
  });

  it('writes the counts as CSV into a folder (a USB stick) and returns its path', async () => {
    const counter = make();
    await counter.start();
    bus.emit('page.message', view('middle-corridor'));
    bus.emit('page.message', view('gas,"to" europe'));
    const stick = join(dataDir, 'stick', 'crossroads');
    const path = await counter.writeCsv(stick);
    expect(path).toBe(join(stick, 'interactions-20250730-101500.csv'));
    expect(readFileSync(path, 'utf8')).toBe('date,scenario,opened\r\n2025-07-30,"gas,""to"" europe",1\r\n2025-07-30,middle-corridor,1\r\n');
    await counter.stop();
  });

  it('refuses files that are not counts, with the reason', () => {
    expect(() => parseCounts('nope')).toThrow(/not JSON/);
    expect(() => parseCounts('{"format":2,"days":{}}')).toThrow(/format 1/);
    expect(() => parseCounts('{"format":1,"days":{"July":{}}}')).toThrow(/bad day "July"/);
    expect(countsToCsv({})).toBe('date,scenario,opened\r\n');
  });
});
