// A curator's warning the bridge cannot give: a place or route stop the map
// draws under one of the overlays, where a visitor cannot see it. The page
// knows both: where the map put each place (the scene's place views) and the
// overlays' boxes (as the map is told to avoid them).

import type { PackManifest } from '../../content/schema/pack-types.js';
import type { NamedRect } from './overlay-tracker.js';

export interface PlaceOnScreen {
  id: string;
  x: number | null;
  y: number | null;
  dot: boolean;
}

export interface HiddenPlace {
  /** The place's id, and its index in the pack's `places` (for the field `places[i].at`). */
  id: string;
  index: number;
  name: string;
  /** `place` when the scenario lists it, `stop` when it is only a stop of one of its routes. */
  role: 'place' | 'stop';
  /** The overlay's tag name (`scenario-card`). */
  under: string;
}

/** Places of `scenarioId` whose dot lies inside one of `rects`, in the order the pack lists them. */
export function hiddenPlaces(pack: PackManifest, scenarioId: string, language: string, views: PlaceOnScreen[], rects: NamedRect[]): HiddenPlace[] {
  const scenario = pack.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) return [];
  const listed = new Set(scenario.places ?? []);
  const stops = new Set<string>();
  for (const corridor of pack.corridors) {
    if (!scenario.corridors?.includes(corridor.id)) continue;
    for (const stop of corridor.route) stops.add(stop);
  }
  const hidden: HiddenPlace[] = [];
  for (const view of views) {
    // Whether its dot is drawn does not matter: the map drops the dot of a place under an overlay, which is the very case.
    if (view.x === null || view.y === null || (!listed.has(view.id) && !stops.has(view.id))) continue;
    const { x, y } = view;
    const rect = rects.find((r) => x >= r.left && x <= r.left + r.width && y >= r.top && y <= r.top + r.height);
    if (!rect) continue;
    const index = pack.places.findIndex((p) => p.id === view.id);
    const place = pack.places[index];
    const name = (place?.name as Record<string, string> | undefined)?.[language] ?? place?.name.en ?? view.id;
    hidden.push({ id: view.id, index, name, role: listed.has(view.id) ? 'place' : 'stop', under: rect.name });
  }
  return hidden.sort((a, b) => a.index - b.index);
}
