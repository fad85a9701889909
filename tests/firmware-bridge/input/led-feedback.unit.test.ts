import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { PageMessage } from '../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { DEFAULT_CONTROLS } from '../../../firmware-bridge/input/control-map.js';
import { LedFeedback, ledModes } from '../../../firmware-bridge/input/led-feedback.js';

const view = (mode: 'attract' | 'scenario' | 'class' | 'maintenance', scenarioIndex: number | null): PageMessage => ({
  type: 'view',
  mode,
  scenarioIndex,
  scenario: scenarioIndex === null ? null : `s${scenarioIndex}`,
});

describe('ledModes (default panel: 0-4 scenarios, 5 previous, 6 next, 7 language)', () => {
  it('blinks every available scenario slowly in attract mode', () => {
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'attract', scenarioIndex: null }, 5)).toEqual([2, 2, 2, 2, 2, 0, 0, 1]);
  });

  it('leaves dark the buttons of scenarios the pack does not have', () => {
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'attract', scenarioIndex: null }, 3)).toEqual([2, 2, 2, 0, 0, 0, 0, 1]);
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'attract', scenarioIndex: null }, null)).toEqual([2, 2, 2, 2, 2, 0, 0, 1]);
  });

  it('lights the active scenario and the navigation in scenario and class mode', () => {
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'scenario', scenarioIndex: 3 }, 5)).toEqual([0, 0, 0, 1, 0, 1, 1, 1]);
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'class', scenarioIndex: 0 }, 5)).toEqual([1, 0, 0, 0, 0, 1, 1, 1]);
    // A scenario beyond the featured five has no button to light.
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'scenario', scenarioIndex: 7 }, 9)).toEqual([0, 0, 0, 0, 0, 1, 1, 1]);
  });

  it('blinks everything fast in maintenance, so each LED can be checked', () => {
    expect(ledModes(DEFAULT_CONTROLS, { mode: 'maintenance', scenarioIndex: null }, 5)).toEqual([3, 3, 3, 3, 3, 3, 3, 3]);
  });
});

describe('LedFeedback', () => {
  it('follows the page views and the pack, sending only changes', async () => {
    const bus = new EventBus();
    const sent: number[][] = [];
    bus.on('panel.leds', ({ modes }) => sent.push(modes));
    const leds = new LedFeedback({ bus });
    await leds.start();
    bus.emit('page.message', { type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1 });
    expect(sent).toEqual([]);
    bus.emit('page.message', view('attract', null));
    bus.emit('page.message', view('attract', null));
    bus.emit('page.message', view('scenario', 1));
    bus.emit('pack.changed', { pack: { scenarios: [{}, {}] } as unknown as PackManifest, info: { id: 'p', version: '1.0.0', source: 'built-in', installedAt: null } });
    bus.emit('page.message', view('attract', null));
    expect(sent).toEqual([
      [2, 2, 2, 2, 2, 0, 0, 1],
      [0, 1, 0, 0, 0, 1, 1, 1],
      [2, 2, 0, 0, 0, 0, 0, 1],
    ]);
    await leds.stop();
    expect(bus.listenerCount('page.message')).toBe(0);
    expect(bus.listenerCount('pack.changed')).toBe(0);
    bus.emit('page.message', view('maintenance', null));
    expect(sent).toHaveLength(3);
  });
});
