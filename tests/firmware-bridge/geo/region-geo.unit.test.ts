// The map's base data as the bridge serves it: Natural Earth 1:50m around
// the Caspian, clipped to the map's extent and rounded, checked against
// places whose country is not in doubt.

import { describe, expect, it } from 'vitest';
import { CountryLookup } from '../../../content/geo/country-lookup.js';
import { buildRegionGeo, MAP_EXTENT } from '../../../firmware-bridge/geo/region-geo.js';

const geo = buildRegionGeo();
const lookup = new CountryLookup(geo.countries);
const nameAt = (lon: number, lat: number) => {
  const id = lookup.at(lon, lat);
  return id === null ? null : lookup.name(id);
};

describe('buildRegionGeo', () => {
  it('holds the five Caspian states and their neighbours, each once', () => {
    const names = geo.countries.map((c) => c.name);
    for (const name of ['Azerbaijan', 'Iran', 'Kazakhstan', 'Russia', 'Turkmenistan', 'Armenia', 'Georgia', 'Turkey', 'Uzbekistan', 'China']) expect(names).toContain(name);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(geo.countries.map((c) => c.id)).size).toBe(geo.countries.length);
  });

  it('puts capitals and ports in their countries, and the sea in none', () => {
    expect(nameAt(49.87, 40.41)).toBe('Azerbaijan'); // Baku
    expect(nameAt(51.39, 35.69)).toBe('Iran'); // Tehran
    expect(nameAt(51.17, 43.65)).toBe('Kazakhstan'); // Aktau
    expect(nameAt(58.38, 37.95)).toBe('Turkmenistan'); // Ashgabat
    expect(nameAt(44.51, 40.18)).toBe('Armenia'); // Yerevan
    expect(nameAt(44.79, 41.72)).toBe('Georgia'); // Tbilisi
    expect(nameAt(48.03, 46.35)).toBe('Russia'); // Astrakhan
    expect(nameAt(45.41, 39.21)).toBe('Azerbaijan'); // Nakhchivan city
    expect(nameAt(51.0, 42.0)).toBe(null); // the middle of the Caspian
    expect(nameAt(34.0, 43.0)).toBe(null); // the Black Sea
  });

  it('stays inside the map extent, rounded to a hundredth of a degree', () => {
    const [west, south, east, north] = MAP_EXTENT;
    const lines = [...geo.countries.flatMap((c) => c.polygons.flat()), ...geo.borders, ...geo.coasts];
    let outside = 0;
    let unrounded = 0;
    for (const line of lines) {
      for (let i = 0; i < line.length; i += 2) {
        const lon = line[i]!;
        const lat = line[i + 1]!;
        if (lon < west - 1e-9 || lon > east + 1e-9 || lat < south - 1e-9 || lat > north + 1e-9) outside++;
        if (Math.abs(lon * 100 - Math.round(lon * 100)) > 1e-6 || Math.abs(lat * 100 - Math.round(lat * 100)) > 1e-6) unrounded++;
      }
    }
    expect(outside).toBe(0);
    expect(unrounded).toBe(0);
  });

  it('gives land borders and coasts as lines of two points or more', () => {
    expect(geo.borders.length).toBeGreaterThan(20);
    expect(geo.coasts.length).toBeGreaterThan(5);
    for (const line of [...geo.borders, ...geo.coasts]) {
      expect(line.length % 2).toBe(0);
      expect(line.length).toBeGreaterThanOrEqual(4);
    }
  });

  it('is small enough to send to the page at start-up, and the same every time', () => {
    const bytes = Buffer.byteLength(JSON.stringify(geo));
    // About 350 KB today.
    expect(bytes).toBeLessThan(500_000);
    expect(JSON.stringify(buildRegionGeo())).toBe(JSON.stringify(geo));
  });
});
