import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { ExhibitState } from '../../../kiosk/app/exhibit-state.js';
import { mediaPack, withoutMedia } from '../media/media-pack.js';

const builtIn = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

describe('ExhibitState with pictures', () => {
  let state: ExhibitState;
  beforeEach(() => {
    state = new ExhibitState();
    state.setPack(mediaPack(builtIn));
  });

  it('shows the picture large on request, with the panel open; again, back to the panel’s size', () => {
    state.apply({ kind: 'picture' });
    expect(state.current).toMatchObject({ mode: 'scenario', infoOpen: true, pictureLarge: true });
    state.apply({ kind: 'picture' });
    expect(state.current).toMatchObject({ infoOpen: true, pictureLarge: false });
    state.apply({ kind: 'picture' });
    // Closing the panel closes the large view with it; opening it again opens it at its own size.
    state.apply({ kind: 'info' });
    expect(state.current).toMatchObject({ infoOpen: false, pictureLarge: false });
    state.apply({ kind: 'info' });
    expect(state.current).toMatchObject({ infoOpen: true, pictureLarge: false });
  });

  it('closes the large view on a switch, a lesson step and the idle reset', () => {
    state.apply({ kind: 'picture' });
    state.apply({ kind: 'next' });
    expect(state.current).toMatchObject({ scenarioIndex: 1, infoOpen: false, pictureLarge: false });
    state.apply({ kind: 'picture' });
    expect(state.current.pictureLarge).toBe(true);
    state.reset();
    expect(state.current).toMatchObject({ mode: 'attract', infoOpen: false, pictureLarge: false });
    state.apply({ kind: 'scenario', index: 0 });
    state.apply({ kind: 'picture' });
    state.apply({ kind: 'class-mode' });
    expect(state.current.pictureLarge).toBe(false);
  });

  it('keeps the large view through timeline moments of the same scenario only', () => {
    state.apply({ kind: 'picture' });
    // Event 0 belongs to another scenario: the switch closes the large view.
    state.apply({ kind: 'timeline', delta: 1 });
    expect(state.current.scenarioIndex).not.toBe(0);
    expect(state.current.pictureLarge).toBe(false);
    state.apply({ kind: 'scenario', index: 0 });
    state.apply({ kind: 'picture' });
    state.apply({ kind: 'timeline', delta: 2 });
    expect(state.current).toMatchObject({ timelineIndex: 2, scenarioIndex: 0, pictureLarge: true });
  });

  it('does nothing but wake for a picture, narration or volume when there is nothing to show', () => {
    const bare = new ExhibitState();
    bare.setPack(withoutMedia(builtIn));
    bare.apply({ kind: 'picture' });
    expect(bare.current).toMatchObject({ mode: 'scenario', infoOpen: false, pictureLarge: false });
    for (const intent of [{ kind: 'narration' } as const, { kind: 'volume', delta: 3 } as const]) {
      bare.reset();
      const before = { ...bare.current, mode: 'scenario' };
      bare.apply(intent);
      expect(bare.current).toEqual(before);
    }
  });
});
