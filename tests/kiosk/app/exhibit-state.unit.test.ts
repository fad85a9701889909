import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { ExhibitState, type ExhibitSnapshot } from '../../../kiosk/app/exhibit-state.js';

const pack = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

describe('ExhibitState', () => {
  let state: ExhibitState;
  let seen: ExhibitSnapshot[];
  beforeEach(() => {
    state = new ExhibitState();
    seen = [];
    state.subscribe((s) => seen.push(s));
    state.setPack(pack);
  });

  it('starts in the attract loop on the first scenario, in the default language', () => {
    expect(state.current.mode).toBe('attract');
    expect(state.current.scenario?.id).toBe(pack.scenarios[0]!.id);
    expect(state.current.language).toBe(pack.languages[0]);
  });

  it('leaves the attract loop on any input', () => {
    state.apply({ kind: 'orbit', delta: 1 });
    expect(state.current.mode).toBe('scenario');
  });

  it('picks, steps and wraps scenarios', () => {
    const n = pack.scenarios.length;
    state.apply({ kind: 'scenario', index: 1 });
    expect(state.current.scenarioIndex).toBe(1);
    state.apply({ kind: 'scenario', index: 99 });
    expect(state.current.scenarioIndex).toBe(1);
    state.apply({ kind: 'previous' });
    state.apply({ kind: 'previous' });
    expect(state.current.scenarioIndex).toBe(n - 1);
    state.apply({ kind: 'next' });
    expect(state.current.scenarioIndex).toBe(0);
  });

  it('cycles the pack languages and returns to the default on reset', () => {
    state.apply({ kind: 'language' });
    expect(state.current.language).toBe(pack.languages[1]);
    state.apply({ kind: 'language' });
    expect(state.current.language).toBe(pack.languages[0]);
    state.apply({ kind: 'language' });
    state.reset();
    expect(state.current).toMatchObject({ mode: 'attract', language: pack.languages[0], infoOpen: false });
  });

  it('keeps orbit and zoom within limits', () => {
    for (let i = 0; i < 50; i++) state.apply({ kind: 'orbit', delta: 1 });
    for (let i = 0; i < 50; i++) state.apply({ kind: 'zoom', delta: -1 });
    expect(state.current.orbit).toBe(6);
    expect(state.current.zoom).toBe(0);
  });

  it('scrubs the timeline and shows each event’s scenario', () => {
    state.apply({ kind: 'timeline', delta: 1 });
    const first = pack.timeline[0]!;
    expect(state.current.timelineIndex).toBe(0);
    expect(state.current.scenario?.id).toBe(first.scenario);
    state.apply({ kind: 'timeline', delta: 1000 });
    expect(state.current.timelineIndex).toBe(pack.timeline.length - 1);
  });

  it('keeps the scenario on screen when a new pack still has it', () => {
    state.apply({ kind: 'scenario', index: 2 });
    const id = state.current.scenario!.id;
    const reordered = { ...pack, scenarios: [...pack.scenarios].reverse() };
    state.setPack(reordered);
    expect(state.current.scenario!.id).toBe(id);
  });

  it('tells its listeners of every change', () => {
    const before = seen.length;
    state.apply({ kind: 'next' });
    expect(seen.length).toBe(before + 1);
  });
});
