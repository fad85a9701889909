// window.crossroads: a read-only view of the page for tests and benchmarks
// (outside contract). It exposes state, never a way to change it.

import type { PageMode } from '../../firmware-bridge/api/messages.js';
import type { NarrationView } from '../media/narration-player.js';
import type { PlaceView } from '../scene/label-layer.js';
import type { SceneStats } from '../scene/map-scene.js';

export interface PageHooks {
  readonly scenario: string | null;
  readonly mode: PageMode;
  readonly language: string;
  stats(): SceneStats;
  /** The scenario's places: where on screen, and whether named. */
  places(): PlaceView[];
  /** The narration now: whether it plays, its media time, the caption on screen, the volume (a copy on each read). */
  readonly narration: Readonly<NarrationView>;
  readonly ready: Promise<void>;
}

export interface PageHookSource {
  scenario(): string | null;
  mode(): PageMode;
  language(): string;
  stats(): SceneStats;
  places(): PlaceView[];
  narration(): NarrationView;
  ready: Promise<void>;
}

/** Defines `target.crossroads`; returns the function that removes it again (if it is still these hooks). */
export function installPageHooks(target: object, source: PageHookSource): () => void {
  const hooks = Object.freeze(
    Object.create(null, {
      scenario: { get: () => source.scenario(), enumerable: true },
      mode: { get: () => source.mode(), enumerable: true },
      language: { get: () => source.language(), enumerable: true },
      stats: { value: () => source.stats(), enumerable: true },
      places: { value: () => source.places(), enumerable: true },
      narration: { get: () => Object.freeze({ ...source.narration() }), enumerable: true },
      ready: { value: source.ready, enumerable: true },
    }) as PageHooks,
  );
  Object.defineProperty(target, 'crossroads', { value: hooks, configurable: true, enumerable: false, writable: false });
  return () => {
    if ((target as { crossroads?: unknown }).crossroads === hooks) delete (target as { crossroads?: unknown }).crossroads;
  };
}

declare global {
  interface Window {
    readonly crossroads?: PageHooks;
  }
}
