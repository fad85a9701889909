// The map's projection against d3-geo's Albers equal-area conic with the same
// parameters: a hand-written formula checked against a well-kept one.

import { geoConicEqualArea } from 'd3-geo';
import { describe, expect, it } from 'vitest';
import { CASPIAN_PROJECTION, GeoProjection } from '../../../content/geo/geo-projection.js';
import { MAP_EXTENT } from '../../../content/geo/region-geo-types.js';

const { lon0, lat0, parallel1, parallel2, scale } = CASPIAN_PROJECTION;
// d3 puts y down and centres on (lon0, lat0) through rotate and center.
const d3 = geoConicEqualArea().parallels([parallel1, parallel2]).rotate([-lon0, 0]).center([0, lat0]).scale(scale).translate([0, 0]);

function grid(step = 2): [number, number][] {
  const [west, south, east, north] = MAP_EXTENT;
  const points: [number, number][] = [];
  for (let lon = west; lon <= east; lon += step) for (let lat = south; lat <= north; lat += step) points.push([lon, lat]);
  return points;
}

describe('GeoProjection', () => {
  const projection = new GeoProjection();

  it('agrees with d3-geo over the whole map, to a thousandth of a scene unit', () => {
    let worst = 0;
    for (const [lon, lat] of grid()) {
      const [x, y] = projection.project(lon, lat);
      const [dx, dy] = d3([lon, lat])!;
      worst = Math.max(worst, Math.abs(x - dx), Math.abs(y + dy));
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it('puts the centre at the origin, east to +x and north to +y', () => {
    const [x0, y0] = projection.project(lon0, lat0);
    expect(Math.hypot(x0, y0)).toBeLessThan(1e-9);
    expect(projection.project(lon0 + 5, lat0)[0]).toBeGreaterThan(0);
    expect(projection.project(lon0, lat0 + 5)[1]).toBeGreaterThan(0);
  });

  it('reads a drawn point back to its longitude and latitude', () => {
    for (const [lon, lat] of grid(5)) {
      const [x, y] = projection.project(lon, lat);
      const [lon2, lat2] = projection.unproject(x, y);
      expect(Math.abs(lon2 - lon) + Math.abs(lat2 - lat)).toBeLessThan(1e-6);
    }
  });

  it('writes into a buffer at an offset without allocating a result', () => {
    const buffer = new Float32Array(6);
    const returned = projection.projectInto(49.87, 40.41, buffer, 2);
    expect(returned).toBe(buffer);
    const [x, y] = projection.project(49.87, 40.41);
    expect(buffer[2]).toBeCloseTo(x, 4);
    expect(buffer[3]).toBeCloseTo(y, 4);
    expect([buffer[0], buffer[1], buffer[4], buffer[5]]).toEqual([0, 0, 0, 0]);
  });
});
