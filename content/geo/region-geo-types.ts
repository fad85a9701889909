// The map's base data as the bridge serves it (GET /geo/region.json) and the
// page draws it: Natural Earth countries around the Caspian, clipped to the
// map's extent, in lon/lat. Only the shape lives here, so the page, the bridge
// and the pack checks can share it without the page importing bridge code.

/** West, south, east, north in degrees. */
export type Extent = [number, number, number, number];

export const MAP_EXTENT: Extent = [8, 24, 96, 60];

export interface RegionGeo {
  extent: Extent;
  /** Each country's polygons: rings of flat lon, lat pairs, the outer ring first. */
  countries: { id: string; name: string; polygons: number[][][] }[];
  /** Land borders between countries: flat lon/lat lines. */
  borders: number[][];
  /** Coastlines (edges with a country on one side only). */
  coasts: number[][];
}
