import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBridgeMessage, type Intent, type PanelInput } from '../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { parseControlConfig } from '../../../firmware-bridge/input/control-map.js';
import { InputMapper } from '../../../firmware-bridge/input/input-mapper.js';

let bus: EventBus;
let intents: Intent[];
let mapper: InputMapper;

const press = (index: number) => bus.emit('panel.input', { kind: 'button', index, pressed: true });
const release = (index: number) => bus.emit('panel.input', { kind: 'button', index, pressed: false });
const turn = (index: number, delta: number) => bus.emit('panel.input', { kind: 'knob', index, delta } satisfies PanelInput);

beforeEach(async () => {
  vi.useFakeTimers();
  bus = new EventBus();
  intents = [];
  bus.on('kiosk.intent', (i) => intents.push(i));
  mapper = new InputMapper({ bus, log: createMemoryLogger() });
  await mapper.start();
});
afterEach(async () => {
  await mapper.stop();
  vi.useRealTimers();
});

describe('InputMapper with the default map', () => {
  it('maps scenario, previous and next buttons when pressed', () => {
    for (const i of [0, 4, 5, 6]) {
      press(i);
      release(i);
    }
    expect(intents).toEqual([{ kind: 'scenario', index: 0 }, { kind: 'scenario', index: 4 }, { kind: 'previous' }, { kind: 'next' }]);
  });

  it('ignores a repeated press and a release of a button that is up', () => {
    press(2);
    press(2);
    release(2);
    release(2);
    expect(intents).toEqual([{ kind: 'scenario', index: 2 }]);
  });

  it('button 7: a short press is language, a 1.5 s hold is info (once, not language too)', () => {
    press(7);
    vi.advanceTimersByTime(1499);
    expect(intents).toEqual([]);
    release(7);
    expect(intents).toEqual([{ kind: 'language' }]);
    press(7);
    vi.advanceTimersByTime(1500);
    expect(intents).toEqual([{ kind: 'language' }, { kind: 'info' }]);
    vi.advanceTimersByTime(5000);
    release(7);
    expect(intents).toEqual([{ kind: 'language' }, { kind: 'info' }]);
  });

  it('sums knob detents within 40 ms: a fast spin gives a few large steps', () => {
    for (let n = 0; n < 40; n++) {
      turn(0, 1);
      vi.advanceTimersByTime(5);
    }
    vi.advanceTimersByTime(40);
    const steps = intents.filter((i) => i.kind === 'timeline');
    expect(steps.length).toBeGreaterThanOrEqual(4);
    expect(steps.length).toBeLessThanOrEqual(6);
    expect(steps.reduce((sum, i) => sum + (i.kind === 'timeline' ? i.delta : 0), 0)).toBe(40);
  });

  it('keeps the knobs apart and drops a back-and-forth that cancels out', () => {
    turn(1, 3);
    turn(0, -2);
    turn(1, -1);
    vi.advanceTimersByTime(40);
    expect(intents).toEqual([
      { kind: 'orbit', delta: 2 },
      { kind: 'timeline', delta: -2 },
    ]);
    turn(0, 2);
    turn(0, -2);
    vi.advanceTimersByTime(100);
    expect(intents).toHaveLength(2);
  });

  it('previous and next held 1.5 s: the picture large and the narration, once, not previous or next too', () => {
    for (const [button, held] of [
      [5, 'picture'],
      [6, 'narration'],
    ] as const) {
      intents = [];
      press(button);
      vi.advanceTimersByTime(1499);
      expect(intents).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(intents).toEqual([{ kind: held }]);
      vi.advanceTimersByTime(5000);
      release(button);
      expect(intents).toEqual([{ kind: held }]);
    }
  });

  it('opens maintenance after 5 and 6 are held together for 5 s, once per hold, with no picture, narration, previous or next on the way', () => {
    press(5);
    vi.advanceTimersByTime(300);
    press(6);
    vi.advanceTimersByTime(4999);
    expect(intents).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(intents.at(-1)).toEqual({ kind: 'maintenance' });
    vi.advanceTimersByTime(20_000);
    expect(intents.filter((i) => i.kind === 'maintenance')).toHaveLength(1);
    release(6);
    press(6);
    vi.advanceTimersByTime(5000);
    expect(intents.filter((i) => i.kind === 'maintenance')).toHaveLength(2);
    release(5);
    release(6);
    expect(intents.map((i) => i.kind)).toEqual(['maintenance', 'maintenance']);
  });

  it('does not open maintenance when the chord breaks early', () => {
    press(5);
    press(6);
    vi.advanceTimersByTime(3000);
    release(5);
    vi.advanceTimersByTime(3000);
    press(5);
    vi.advanceTimersByTime(4000);
    expect(intents.filter((i) => i.kind === 'maintenance')).toHaveLength(0);
  });

  it('stop() cancels pending holds, chords and knob sums, and unsubscribes', async () => {
    press(7);
    press(5);
    press(6);
    turn(0, 4);
    await mapper.stop();
    vi.advanceTimersByTime(10_000);
    // Held buttons act on release or when their hold fires: neither came.
    expect(intents).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
    expect(bus.listenerCount('panel.input')).toBe(0);
  });
});

describe('InputMapper with a custom map', () => {
  it('uses the bindings, holds and chord of the file', async () => {
    await mapper.stop();
    const controls = parseControlConfig(
      {
        buttons: 3,
        knobs: 1,
        bindings: [
          { control: 'button', index: 0, intent: 'scenario', scenario: 9, x: 0.1, y: 0.5 },
          { control: 'button', index: 1, intent: 'class-mode', x: 0.3, y: 0.5 },
          { control: 'knob', index: 0, intent: 'zoom', x: 0.8, y: 0.5 },
        ],
        holds: [{ button: 2, intent: 'info', ms: 500 }],
        maintenance: { buttons: [0, 1, 2], ms: 1000 },
      },
      'test',
    );
    mapper = new InputMapper({ bus, log: createMemoryLogger(), controls, knobWindowMs: 10 });
    await mapper.start();
    press(0);
    press(1);
    release(1);
    turn(0, -5);
    vi.advanceTimersByTime(10);
    // Button 2 has a hold but no short-press binding: a short press does nothing.
    press(2);
    release(2);
    press(2);
    vi.advanceTimersByTime(500);
    press(1);
    vi.advanceTimersByTime(1000);
    expect(intents).toEqual([{ kind: 'scenario', index: 9 }, { kind: 'class-mode' }, { kind: 'zoom', delta: -5 }, { kind: 'info' }, { kind: 'class-mode' }, { kind: 'maintenance' }]);
  });
});

describe('InputMapper with a panel for narration', () => {
  it('binds a narration button, a picture hold and a volume knob, which the page understands', async () => {
    await mapper.stop();
    const controls = parseControlConfig(
      {
        buttons: 2,
        knobs: 1,
        bindings: [
          { control: 'button', index: 0, intent: 'narration', x: 0.2, y: 0.5 },
          { control: 'button', index: 1, intent: 'next', x: 0.5, y: 0.5 },
          { control: 'knob', index: 0, intent: 'volume', x: 0.8, y: 0.5 },
        ],
        holds: [{ button: 1, intent: 'picture', ms: 800 }],
      },
      'test',
    );
    mapper = new InputMapper({ bus, log: createMemoryLogger(), controls, knobWindowMs: 10 });
    await mapper.start();
    press(0);
    release(0);
    turn(0, 2);
    turn(0, 1);
    vi.advanceTimersByTime(10);
    press(1);
    vi.advanceTimersByTime(800);
    release(1);
    expect(intents).toEqual([{ kind: 'narration' }, { kind: 'volume', delta: 3 }, { kind: 'picture' }]);
    for (const intent of intents) expect(readBridgeMessage(JSON.stringify({ type: 'intent', intent })).ok).toBe(true);
  });
});
