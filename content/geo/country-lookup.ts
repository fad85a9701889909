// Which country a point is in, fast enough to ask for every half kilometre of
// every route: the rings' edges are sorted into thin bands of latitude, and a
// point is inside a country when a ray from it to the east crosses that
// country's edges an odd number of times (holes included). The map asks it
// where land is (sea legs keep off it); the pack checks ask it the same at
// Natural Earth 1:10m.

import type { RegionGeo } from './region-geo-types.js';

const BAND_DEGREES = 0.05;
const KM_PER_DEGREE = 111.2;

export class CountryLookup {
  /** Per edge: x1, y1, x2, y2 (single precision is a metre or better at these longitudes). */
  private readonly edges: Float32Array;
  private readonly owner: Int32Array;
  private readonly bandStart: Int32Array;
  private readonly bandEdges: Int32Array;
  private readonly south: number;
  private readonly parity: Uint8Array;

  constructor(private readonly countries: RegionGeo['countries']) {
    let count = 0;
    let south = Infinity, north = -Infinity;
    for (const country of countries) {
      for (const polygon of country.polygons) {
        for (const ring of polygon) {
          count += ring.length / 2;
          for (let i = 1; i < ring.length; i += 2) [south, north] = [Math.min(south, ring[i]!), Math.max(north, ring[i]!)];
        }
      }
    }
    this.south = Number.isFinite(south) ? south : 0;
    const bands = Math.max(1, Math.ceil(((Number.isFinite(north) ? north : 0) - this.south) / BAND_DEGREES) + 1);
    this.edges = new Float32Array(count * 4);
    this.owner = new Int32Array(count);
    this.parity = new Uint8Array(countries.length);
    let e = 0;
    countries.forEach((country, index) => {
      for (const polygon of country.polygons) {
        for (const ring of polygon) {
          for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
            this.edges[e * 4] = ring[j]!;
            this.edges[e * 4 + 1] = ring[j + 1]!;
            this.edges[e * 4 + 2] = ring[i]!;
            this.edges[e * 4 + 3] = ring[i + 1]!;
            this.owner[e++] = index;
          }
        }
      }
    });
    // Two passes (count, then fill) keep each band's edges in one flat array.
    const perBand = new Int32Array(bands + 1);
    this.forEachBand((band) => (perBand[band + 1] += 1));
    for (let b = 0; b < bands; b++) perBand[b + 1] += perBand[b]!;
    this.bandStart = perBand;
    this.bandEdges = new Int32Array(perBand[bands]!);
    const fill = perBand.slice(0, bands);
    this.forEachBand((band, edge) => (this.bandEdges[(fill[band] += 1) - 1] = edge));
  }

  /** The id of the country at lon, lat (an ISO numeric code, or "x-..." for territories without one); null at sea. */
  at(lon: number, lat: number): string | null {
    const index = this.indexAt(lon, lat);
    return index < 0 ? null : this.countries[index]!.id;
  }

  /** The country's name as the map data gives it. */
  name(id: string): string {
    return this.countries.find((c) => c.id === id)?.name ?? id;
  }

  /** Km from lon, lat to the nearest edge of any country other than `id` (at most `limitKm`). */
  kmToOther(lon: number, lat: number, id: string, limitKm: number): number {
    const k = Math.cos((lat * Math.PI) / 180);
    const reach = limitKm / KM_PER_DEGREE;
    const from = Math.max(0, Math.floor((lat - reach - this.south) / BAND_DEGREES));
    const to = Math.min(this.bandStart.length - 2, Math.floor((lat + reach - this.south) / BAND_DEGREES));
    let best = limitKm;
    const seen = new Set<number>();
    for (let band = from; band <= to; band++) {
      for (let j = this.bandStart[band]!; j < this.bandStart[band + 1]!; j++) {
        const e = this.bandEdges[j]!;
        if (seen.has(e) || this.countries[this.owner[e]!]!.id === id) continue;
        seen.add(e);
        const ax = this.edges[e * 4]! * k, ay = this.edges[e * 4 + 1]!, bx = this.edges[e * 4 + 2]! * k, by = this.edges[e * 4 + 3]!;
        const dx = bx - ax, dy = by - ay, px = lon * k, py = lat;
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
        best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy) * KM_PER_DEGREE);
      }
    }
    return best;
  }

  has(id: string): boolean {
    return this.countries.some((c) => c.id === id);
  }

  private indexAt(lon: number, lat: number): number {
    const band = Math.floor((lat - this.south) / BAND_DEGREES);
    if (band < 0 || band >= this.bandStart.length - 1) return -1;
    const touched: number[] = [];
    const { edges, owner, parity } = this;
    for (let k = this.bandStart[band]!; k < this.bandStart[band + 1]!; k++) {
      const e = this.bandEdges[k]!;
      const y1 = edges[e * 4 + 1]!, y2 = edges[e * 4 + 3]!;
      if (y1 > lat === y2 > lat) continue;
      const x1 = edges[e * 4]!, x2 = edges[e * 4 + 2]!;
      if (x1 + ((lat - y1) * (x2 - x1)) / (y2 - y1) <= lon) continue;
      const c = owner[e]!;
      if (parity[c] === 0) touched.push(c);
      parity[c] ^= 1;
    }
    let found = -1;
    for (const c of touched) {
      if (parity[c] === 1 && found < 0) found = c;
      parity[c] = 0;
    }
    return found;
  }

  private forEachBand(visit: (band: number, edge: number) => void): void {
    const edges = this.edges;
    for (let e = 0; e < this.owner.length; e++) {
      const y1 = edges[e * 4 + 1]!, y2 = edges[e * 4 + 3]!;
      const from = Math.floor((Math.min(y1, y2) - this.south) / BAND_DEGREES);
      const to = Math.floor((Math.max(y1, y2) - this.south) / BAND_DEGREES);
      for (let b = from; b <= to; b++) visit(b, e);
    }
  }
}
