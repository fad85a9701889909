// The bus's three rules: subscriptions are owned and end when released, a
// throwing listener is logged and harms no other, and state events reach a
// late subscriber.

import { describe, expect, it } from 'vitest';
import type { BoardStatus, PackInfo } from '../../../firmware-bridge/api/messages.js';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { EventBus, STATE_EVENTS, Subscriptions } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';

const board = (boardId: string): BoardStatus => ({
  connected: true,
  simulated: false,
  boardId,
  firmware: '1.0.0',
  lastSeenMs: 1,
  port: '/dev/ttyACM0',
  framesDropped: {},
  losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 },
});
const info: PackInfo = { id: 'p', version: '1.0.0', source: 'built-in', installedAt: null };
const pack = (scenarios: number) => ({ pack: { scenarios: new Array(scenarios).fill({}) } as unknown as PackManifest, info });

describe('EventBus', () => {
  it('delivers to every subscriber until it unsubscribes', () => {
    const bus = new EventBus();
    const got: string[] = [];
    const offA = bus.on('kiosk.intent', (i) => got.push(`a ${i.kind}`));
    bus.on('kiosk.intent', (i) => got.push(`b ${i.kind}`));
    bus.emit('kiosk.intent', { kind: 'next' });
    offA();
    offA();
    bus.emit('kiosk.intent', { kind: 'previous' });
    expect(got).toEqual(['a next', 'b next', 'b previous']);
    expect(bus.listenerCount('kiosk.intent')).toBe(1);
  });

  it('counts the same function subscribed twice as two subscriptions', () => {
    const bus = new EventBus();
    let calls = 0;
    const listener = () => calls++;
    const off = bus.on('page.stalled', listener);
    bus.on('page.stalled', listener);
    bus.emit('page.stalled', { silentMs: 1 });
    off();
    bus.emit('page.stalled', { silentMs: 2 });
    expect(calls).toBe(3);
  });

  it('logs a throwing listener and still delivers to the others, without throwing at the emitter', () => {
    const log = createMemoryLogger();
    const bus = new EventBus({ log: log.child('bus') });
    const got: number[] = [];
    bus.on('page.stalled', () => {
      throw new Error('first listener broke');
    });
    bus.on('page.stalled', ({ silentMs }) => got.push(silentMs));
    expect(() => bus.emit('page.stalled', { silentMs: 7 })).not.toThrow();
    expect(got).toEqual([7]);
    expect(bus.listenerFailures).toBe(1);
    expect(log.lines).toEqual(['error [bridge/bus] a listener of page.stalled failed: first listener broke']);
  });

  it('survives a logger that throws too', () => {
    const bus = new EventBus({
      log: {
        error: () => {
          throw new Error('the log is broken');
        },
      },
    });
    const got: number[] = [];
    bus.on('page.stalled', () => {
      throw 'not even an Error';
    });
    bus.on('page.stalled', ({ silentMs }) => got.push(silentMs));
    expect(() => bus.emit('page.stalled', { silentMs: 1 })).not.toThrow();
    expect(got).toEqual([1]);
  });

  it('hands a late subscriber the latest pack, board and page view at once', () => {
    const bus = new EventBus();
    bus.emit('pack.changed', pack(2));
    bus.emit('pack.changed', pack(3));
    bus.emit('panel.status', board('A1'));
    bus.emit('page.view', { mode: 'scenario', scenario: 'x', scenarioIndex: 1 });
    const got: string[] = [];
    bus.on('pack.changed', ({ pack: p }) => got.push(`pack ${p.scenarios.length}`));
    bus.on('panel.status', (b) => got.push(`board ${b.boardId}`));
    bus.on('page.view', (v) => got.push(`view ${v.mode}`));
    expect(got).toEqual(['pack 3', 'board A1', 'view scenario']);
    expect(bus.latest('panel.status')?.boardId).toBe('A1');
    bus.emit('panel.status', board('B2'));
    expect(got.at(-1)).toBe('board B2');
  });

  it('keeps no memory of facts: a late subscriber of an intent or input gets nothing', () => {
    const bus = new EventBus();
    bus.emit('kiosk.intent', { kind: 'next' });
    bus.emit('panel.input', { kind: 'button', index: 1, pressed: true });
    let calls = 0;
    bus.on('kiosk.intent', () => calls++);
    bus.on('panel.input', () => calls++);
    expect(calls).toBe(0);
    expect(STATE_EVENTS).not.toContain('kiosk.intent');
    expect(STATE_EVENTS).not.toContain('panel.input');
  });

  it('delivers an emit to the listeners there when it began, even if one of them subscribes another', () => {
    const bus = new EventBus();
    const got: string[] = [];
    bus.on('page.stalled', () => {
      got.push('first');
      bus.on('page.stalled', () => got.push('added'));
    });
    bus.emit('page.stalled', { silentMs: 1 });
    expect(got).toEqual(['first']);
  });
});

describe('Subscriptions', () => {
  it('releases every subscription of its owner at once, and can subscribe again', () => {
    const bus = new EventBus();
    const subs = new Subscriptions(bus);
    let calls = 0;
    subs.on('page.stalled', () => calls++).on('kiosk.intent', () => calls++);
    expect(subs.size).toBe(2);
    expect(bus.listenerCount('page.stalled') + bus.listenerCount('kiosk.intent')).toBe(2);
    subs.release();
    expect(subs.size).toBe(0);
    expect(bus.listenerCount('page.stalled') + bus.listenerCount('kiosk.intent')).toBe(0);
    bus.emit('page.stalled', { silentMs: 1 });
    expect(calls).toBe(0);
    subs.on('page.stalled', () => calls++);
    bus.emit('page.stalled', { silentMs: 1 });
    expect(calls).toBe(1);
  });
});
