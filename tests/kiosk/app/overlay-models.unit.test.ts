import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { ControlBinding, ControlMap } from '../../../firmware-bridge/api/messages.js';
import { MaintenanceFeed } from '../../../kiosk/app/maintenance-feed.js';
import { FrameMeter, formatDuration } from '../../../kiosk/ui/frame-meter.js';
import { GLOW_MS, InputActivity } from '../../../kiosk/ui/input-activity.js';
import { legendFor } from '../../../kiosk/ui/legend-model.js';

const pack = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

describe('legendFor', () => {
  it('lists each corridor kind/status and relation type drawn, once, in a fixed order', () => {
    const scenario = pack.scenarios.find((s) => s.id === 'across-the-caspian')!;
    const model = legendFor(pack, scenario);
    const expected = new Set(scenario.corridors.map((id) => pack.corridors.find((c) => c.id === id)!).map((c) => `${c.kind}/${c.status}`));
    expect(model.corridors.map((e) => `${e.kind}/${e.status}`).sort()).toEqual([...expected].sort());
    expect(model.relations).toEqual(['partnership', 'rivalry']);
  });
  it('is empty for a scenario that draws nothing', () => {
    expect(legendFor(pack, { ...pack.scenarios[0]!, corridors: ['unknown'], relations: [] })).toEqual({ corridors: [], relations: [] });
  });
});

describe('InputActivity', () => {
  const controls: ControlMap = {
    buttons: 3,
    knobs: 1,
    bindings: [
      { control: 'button', index: 0, intent: 'scenario', scenario: 0, x: 0.1, y: 0.3 },
      { control: 'button', index: 2, intent: 'next', x: 0.5, y: 0.7 },
      { control: 'knob', index: 0, intent: 'timeline', x: 0.8, y: 0.3 },
    ] satisfies ControlBinding[],
  };
  it('lights a button while held and keeps it ticked as used', () => {
    const a = new InputActivity();
    a.record({ kind: 'button', index: 1, pressed: true }, 0);
    expect(a.state('button', 1, 5000)).toEqual({ lit: true, used: true, position: 0 });
    a.record({ kind: 'button', index: 1, pressed: false }, 5000);
    expect(a.state('button', 1, 5001)).toEqual({ lit: false, used: true, position: 0 });
    expect(a.state('button', 0, 5001).used).toBe(false);
  });
  it('lights a knob briefly and sums its detents', () => {
    const a = new InputActivity();
    a.record({ kind: 'knob', index: 0, delta: 3 }, 100);
    a.record({ kind: 'knob', index: 0, delta: -1 }, 200);
    expect(a.state('knob', 0, 200 + GLOW_MS - 1)).toEqual({ lit: true, used: true, position: 2 });
    expect(a.state('knob', 0, 200 + GLOW_MS).lit).toBe(false);
    expect(a.nextChange(300)).toBe(200 + GLOW_MS);
  });
  it('lights the control a key stands for', () => {
    const a = new InputActivity();
    a.recordIntent({ kind: 'next' }, controls, 0);
    a.recordIntent({ kind: 'timeline', delta: -2 }, controls, 0);
    a.recordIntent({ kind: 'scenario', index: 5 }, controls, 0);
    expect(a.state('button', 2, 10).lit).toBe(true);
    expect(a.state('knob', 0, 10)).toMatchObject({ used: true, position: -2 });
    expect(a.state('button', 0, 10).used).toBe(false);
  });
});

describe('maintenance helpers', () => {
  it('measures the frame rate between samples, still when the loop ran with nothing to draw, 0 when it did not run', () => {
    const meter = new FrameMeter();
    expect(meter.sample(100, 100, 1000)).toBeNull();
    expect(meter.sample(160, 160, 2000)).toEqual({ kind: 'drawing', fps: 60 });
    expect(meter.sample(190, 220, 3000)).toEqual({ kind: 'drawing', fps: 30 });
    expect(meter.sample(190, 280, 4000)).toEqual({ kind: 'still' });
    expect(meter.sample(190, 280, 5000)).toEqual({ kind: 'drawing', fps: 0 });
  });
  it('writes durations for people', () => {
    expect(formatDuration(9)).toBe('9 s');
    expect(formatDuration(724)).toBe('12 min 04 s');
    expect(formatDuration(3 * 3600 + 5 * 60)).toBe('3 h 05 min');
  });
  it('keeps what the bridge says about itself', () => {
    const feed = new MaintenanceFeed();
    expect(feed.take({ type: 'packs', packs: [{ id: 'p', version: '1.0.0', source: 'installed', installedAt: '2025-07-01T10:00:00Z' }] })).toBe(true);
    expect(feed.take({ type: 'errors', errors: [{ at: '2025-07-01T10:00:00Z', level: 'error', scope: 'bridge', message: 'x' }] })).toBe(true);
    expect(feed.take({ type: 'intent', intent: { kind: 'next' } })).toBe(false);
    expect(feed.packs).toHaveLength(1);
    expect(feed.errors[0]!.message).toBe('x');
  });
});
