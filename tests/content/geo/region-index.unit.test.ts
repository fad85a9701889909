// Where a country's name can go on the real map data: its label point well
// inside it, and the other points used when the camera shows only part of it
// (Iran beside Nakhchivan, Turkey west of Kars in "Zangezur or Syunik").
import { describe, expect, it } from 'vitest';
import { GeoProjection } from '../../../content/geo/geo-projection.js';
import { RegionIndex } from '../../../content/geo/region-index.js';
import { buildRegionGeo } from '../../../firmware-bridge/geo/region-geo.js';

const region = new RegionIndex(buildRegionGeo(), new GeoProjection());
const IRAN = '364';
const TURKEY = '792';

describe('RegionIndex', () => {
  it('puts a country’s label point inside the country', () => {
    for (const iso of [IRAN, TURKEY, '031', '051', '398']) {
      const [lon, lat] = region.country(iso)!.label;
      expect(region.lookup.at(lon, lat), iso).toBe(iso);
    }
  });

  it('offers other label points, all inside the country, the deepest first, reaching its far corners', () => {
    const points = region.labelCandidates(IRAN);
    expect(points.length).toBeGreaterThan(20);
    for (const [lon, lat] of points) expect(region.lookup.at(lon, lat), `${lon},${lat}`).toBe(IRAN);
    // Iran's north-west, south of the Aras between Julfa and the Caspian shore.
    expect(points.some(([lon, lat]) => lon > 45 && lon < 48 && lat > 37.3 && lat < 39)).toBe(true);
    // Turkey's east, west of Kars and Igdir.
    expect(region.labelCandidates(TURKEY).some(([lon, lat]) => lon > 41 && lon < 43.5 && lat > 39 && lat < 40.5)).toBe(true);
    // Asked twice, searched once.
    expect(region.labelCandidates(IRAN)).toBe(points);
    expect(region.labelCandidates('no-such-country')).toEqual([]);
  });
});
