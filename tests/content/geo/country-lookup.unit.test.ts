// The pure geometry the page and the pack checks share: which country a point
// is in (holes and neighbours included), how far it is from a neighbour, and
// the map projection read back.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountryLookup } from '../../../content/geo/country-lookup.js';
import { GeoProjection } from '../../../content/geo/geo-projection.js';

const square = (w: number, s: number, e: number, n: number): number[] => [w, s, e, s, e, n, w, n];

// A country with a lake-like hole (its neighbour's enclave sits in it), and a neighbour to the east.
const lookup = new CountryLookup([
  { id: '001', name: 'West', polygons: [[square(0, 0, 10, 10), square(4, 4, 6, 6)]] },
  { id: '002', name: 'East', polygons: [[square(10, 0, 20, 10)], [square(4.5, 4.5, 5.5, 5.5)]] },
]);

describe('CountryLookup', () => {
  it('finds the country at a point, holes and enclaves included, and the sea outside', () => {
    expect(lookup.at(2, 2)).toBe('001');
    expect(lookup.at(15, 5)).toBe('002');
    expect(lookup.at(4.2, 5)).toBeNull(); // in the hole, outside the enclave
    expect(lookup.at(5, 5)).toBe('002'); // the enclave
    expect(lookup.at(25, 5)).toBeNull();
    expect(lookup.at(5, -3)).toBeNull();
    expect(lookup.name('002')).toBe('East');
  });

  it('measures the distance to the nearest other country, in km', () => {
    // 1 degree of longitude at the equator is about 111 km; the border is at 10E.
    expect(lookup.kmToOther(9.9, 0.5, '001', 50)).toBeCloseTo(11.1, 0);
    expect(lookup.kmToOther(2, 2, '001', 50)).toBe(50);
  });

  it('agrees with a plain even-odd test everywhere', () => {
    const inside = (x: number, y: number, [w, s, e, n]: number[]): boolean => x > w && x < e && y > s && y < n;
    fc.assert(
      // Points a half step off a 0.01-degree grid never sit exactly on an edge.
      fc.property(fc.integer({ min: -100, max: 2100 }), fc.integer({ min: -100, max: 1100 }), (i, j) => {
        const x = (i + 0.5) / 100, y = (j + 0.5) / 100;
        const enclave = inside(x, y, [4.5, 4.5, 5.5, 5.5]);
        const west = inside(x, y, [0, 0, 10, 10]) && !inside(x, y, [4, 4, 6, 6]);
        const east = inside(x, y, [10, 0, 20, 10]);
        expect(lookup.at(x, y)).toBe(enclave || east ? '002' : west ? '001' : null);
      }),
    );
  });
});

describe('GeoProjection', () => {
  it('reads a projected point back to its longitude and latitude', () => {
    const projection = new GeoProjection();
    fc.assert(
      fc.property(fc.double({ min: 8, max: 96, noNaN: true }), fc.double({ min: 24, max: 60, noNaN: true }), (lon, lat) => {
        const [x, y] = projection.project(lon, lat);
        const [lon2, lat2] = projection.unproject(x, y);
        expect(lon2).toBeCloseTo(lon, 9);
        expect(lat2).toBeCloseTo(lat, 9);
      }),
    );
  });
});
