// The map's layers by name, and which of them a page draws. Every layer is
// drawn unless the page's address says otherwise: `?layers=sea,labels` draws
// only those (`?layers=none`: an empty map), so the bench can price each layer
// alone. An unknown name is ignored, and without the parameter (as on a
// kiosk) nothing changes; it hides, it never adds or moves anything.
// `?draw=every-frame` makes the map draw every animation frame, ground
// included, as while its camera moves: the bench's price of a layer per frame.

export const MAP_LAYERS = ['sea', 'countries', 'borders', 'corridors', 'relations', 'markers', 'labels'] as const;
export type MapLayerName = (typeof MAP_LAYERS)[number];

/** The layers a `layers` query value asks for; every layer when there is none. */
export function parseLayers(search: string): ReadonlySet<MapLayerName> {
  const value = new URLSearchParams(search).get('layers');
  if (value === null) return new Set(MAP_LAYERS);
  const asked = new Set(value.split(',').map((name) => name.trim()));
  return new Set(MAP_LAYERS.filter((name) => asked.has(name)));
}

/** Whether the page asks the map to draw everything on every animation frame (`?draw=every-frame`). */
export function parseEveryFrame(search: string): boolean {
  return new URLSearchParams(search).get('draw') === 'every-frame';
}
