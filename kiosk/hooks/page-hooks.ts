// window.crossroads: a read-only view of the page for tests and benchmarks
// (outside contract). It exposes state, never a way to change it: the map's
// own figures (overdraw, work times) are measured off screen, and
// requestFrame() only draws the same picture once more (a still map draws no
// frames, and tests wait on drawn frames).

import type { PageMode } from '../../firmware-bridge/api/messages.js';
import type { NarrationView } from '../media/narration-player.js';
import type { EdgeMarkerView, RelationView } from '../scene/edge-markers.js';
import type { LabelView, PlaceView } from '../scene/label-layer.js';
import type { MapScene, SceneStats } from '../scene/map-scene.js';
import type { OverdrawReport } from '../scene/overdraw-probe.js';
import type { TimedWork, WorkTime } from '../scene/scene-timings.js';

/** What the hooks ask of the map beyond its stats. */
export type MapHookView = Pick<MapScene, 'requestFrame' | 'overdraw' | 'workTimes' | 'labelViews' | 'relationViews' | 'edgeMarkerViews'>;

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
  /** The names on the map now: text and box in CSS pixels from the top-left (empty before there is a map). */
  labels(): LabelView[];
  /** The scenario's relations: their ends on screen and which actor an edge marker names. */
  relations(): RelationView[];
  /** The markers at the screen's edge naming actors off screen, with their boxes. */
  edgeMarkers(): EdgeMarkerView[];
  /** Draws one more frame of the map even if nothing on it moved. */
  requestFrame(): void;
  /** Fragments shaded per screen pixel by each layer of the map (null before there is a map). */
  overdraw(): OverdrawReport | null;
  /** The map's JavaScript time so far by kind of work (null before there is a map). */
  workTimes(): Record<TimedWork, WorkTime> | null;
}

export interface PageHookSource {
  scenario(): string | null;
  mode(): PageMode;
  language(): string;
  stats(): SceneStats;
  places(): PlaceView[];
  narration(): NarrationView;
  ready: Promise<void>;
  /** The map now on screen, if any. */
  map?: () => MapHookView | null;
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
      labels: { value: () => source.map?.()?.labelViews() ?? [], enumerable: true },
      relations: { value: () => source.map?.()?.relationViews() ?? [], enumerable: true },
      edgeMarkers: { value: () => source.map?.()?.edgeMarkerViews() ?? [], enumerable: true },
      requestFrame: { value: () => source.map?.()?.requestFrame(), enumerable: true },
      overdraw: { value: () => source.map?.()?.overdraw() ?? null, enumerable: true },
      workTimes: { value: () => source.map?.()?.workTimes() ?? null, enumerable: true },
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
