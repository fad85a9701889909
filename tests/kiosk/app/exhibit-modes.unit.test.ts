import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { ExhibitState } from '../../../kiosk/app/exhibit-state.js';
import { lessonPlan } from '../../../kiosk/app/lesson-plan.js';

const pack = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;
const steps = pack.lessons![0]!.steps;
const scenarioIndex = (id: string) => pack.scenarios.findIndex((s) => s.id === id);

describe('ExhibitState: attract, class mode and maintenance', () => {
  let state: ExhibitState;
  beforeEach(() => {
    state = new ExhibitState();
    state.setPack(pack);
  });

  it('drifts through the scenarios while attracting, and only then', () => {
    state.drift();
    state.drift();
    expect(state.current).toMatchObject({ mode: 'attract', scenarioIndex: 2 });
    state.wake();
    expect(state.current.mode).toBe('scenario');
    state.drift();
    expect(state.current.scenarioIndex).toBe(2);
  });

  it('steps through the lesson like slides, with its timeline moments, and leaves back to normal', () => {
    state.apply({ kind: 'class-mode' });
    expect(state.current).toMatchObject({ mode: 'class', lessonStep: 0, scenarioIndex: scenarioIndex(steps[0]!.scenario), timelineIndex: -1 });
    state.apply({ kind: 'previous' });
    expect(state.current.lessonStep).toBe(0);
    state.apply({ kind: 'next' });
    const event = pack.timeline.findIndex((e) => e.id === steps[1]!.event);
    expect(state.current).toMatchObject({ lessonStep: 1, scenarioIndex: scenarioIndex(steps[1]!.scenario), timelineIndex: event });
    for (let i = 0; i < 20; i++) state.apply({ kind: 'next' });
    expect(state.current.lessonStep).toBe(steps.length - 1);
    state.apply({ kind: 'class-mode' });
    expect(state.current).toMatchObject({ mode: 'scenario', lessonStep: -1 });
    state.apply({ kind: 'next' });
    expect(state.current.scenarioIndex).toBe((scenarioIndex(steps.at(-1)!.scenario) + 1) % pack.scenarios.length);
  });

  it('ignores visitor input under the maintenance screen and returns where it was', () => {
    state.apply({ kind: 'class-mode' });
    state.apply({ kind: 'next' });
    state.apply({ kind: 'maintenance' });
    const before = state.current;
    state.apply({ kind: 'next' });
    state.apply({ kind: 'language' });
    state.apply({ kind: 'scenario', index: 5 });
    expect(state.current).toBe(before);
    state.apply({ kind: 'maintenance' });
    expect(state.current).toMatchObject({ mode: 'class', lessonStep: 1 });
  });

  it('resets from class mode to the attract loop', () => {
    state.apply({ kind: 'class-mode' });
    state.apply({ kind: 'language' });
    state.reset();
    expect(state.current).toMatchObject({ mode: 'attract', lessonStep: -1, language: 'en' });
  });
});

describe('lessonPlan', () => {
  it('resolves the pack lesson and skips steps naming unknown scenarios', () => {
    const broken = { ...pack, lessons: [{ ...pack.lessons![0]!, steps: [{ scenario: 'nowhere' }, ...steps] }] };
    const plan = lessonPlan(broken);
    expect(plan.steps).toHaveLength(steps.length);
    expect(plan.title).toEqual(pack.lessons![0]!.title);
    expect(plan.steps[0]!.prompt).toEqual(steps[0]!.prompt);
  });

  it('falls back to the scenarios in order for a pack without lessons', () => {
    const plan = lessonPlan({ ...pack, lessons: [] });
    expect(plan.steps.map((s) => s.scenarioIndex)).toEqual(pack.scenarios.map((_, i) => i));
    expect(plan.title).toEqual(pack.title);
  });
});
