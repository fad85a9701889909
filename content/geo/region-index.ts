// What the layers need to know about the map data, computed once per geo:
// where each country's label and arcs sit (a well-inside point of its largest
// piece, away from the faded edge of the extent), how big it is, and whether a
// point is on land (sea legs of routes steer around coasts with it).

import type { Actor } from '../schema/pack-types.js';
import { CountryLookup } from './country-lookup.js';
import type { GeoProjection } from './geo-projection.js';
import type { RegionGeo } from './region-geo-types.js';

export interface CountryInfo {
  id: string;
  name: string;
  index: number;
  /** Label point, lon/lat. */
  label: [number, number];
  /** Projected area, scene units squared. */
  area: number;
}

const EDGE_MARGIN = 3.5;

function ringArea(ring: number[], xy: (lon: number, lat: number) => [number, number]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i += 2) {
    const j = (i + 2) % ring.length;
    const [x1, y1] = xy(ring[i]!, ring[i + 1]!);
    const [x2, y2] = xy(ring[j]!, ring[j + 1]!);
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

function insideRings(rings: number[][], lon: number, lat: number): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const xi = ring[i]!, yi = ring[i + 1]!, xj = ring[j]!, yj = ring[j + 1]!;
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** Distance (degrees, longitude scaled by cos lat) from a point to the rings' edges. */
function edgeDistance(rings: number[][], lon: number, lat: number): number {
  const k = Math.cos((lat * Math.PI) / 180);
  let best = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const ax = ring[j]! * k, ay = ring[j + 1]!, bx = ring[i]! * k, by = ring[i + 1]!;
      const px = lon * k, py = lat;
      const dx = bx - ax, dy = by - ay;
      const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
  }
  return best;
}

/** The outer ring's bounds, and the rings thinned for a point search (a label point needs no precision). */
function searchRings(rings: number[][], outer: number[]): { w: number; s: number; e: number; n: number; thin: number[][] } {
  let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
  for (let i = 0; i < outer.length; i += 2) {
    w = Math.min(w, outer[i]!);
    e = Math.max(e, outer[i]!);
    s = Math.min(s, outer[i + 1]!);
    n = Math.max(n, outer[i + 1]!);
  }
  const step = Math.max(2, Math.floor(outer.length / 400) * 2);
  return { w, s, e, n, thin: rings.map((ring) => ring.filter((_, i) => i % step < 2)) };
}

/** The grid a country's other label points are sampled from, per side of its largest piece's bounds. */
const CANDIDATE_GRID = 20;
/** A candidate point sits at least this far inside the country's edge, in degrees (about 25 km). */
const CANDIDATE_DEPTH = 0.25;

export class RegionIndex {
  readonly countries: CountryInfo[] = [];
  private readonly byId = new Map<string, CountryInfo>();
  private readonly pieces = new Map<string, number[][]>();
  private readonly candidates = new Map<string, [number, number][]>();
  private countryLookup: CountryLookup | null = null;

  constructor(
    readonly geo: RegionGeo,
    projection: GeoProjection,
  ) {
    const xy = (lon: number, lat: number): [number, number] => projection.project(lon, lat);
    geo.countries.forEach((country, index) => {
      let area = 0;
      let largest: number[][] | null = null;
      let largestArea = -1;
      for (const polygon of country.polygons) {
        let a = 0;
        polygon.forEach((ring, k) => (a += Math.abs(ringArea(ring, xy)) * (k === 0 ? 1 : -1)));
        a = Math.max(0, a);
        area += a;
        if (a > largestArea) [largest, largestArea] = [polygon, a];
      }
      // The label point is searched for when first asked: the pack checks never ask.
      const piece = largest ?? [];
      let label: [number, number] | null = null;
      const find = (): [number, number] => (label ??= this.labelPoint(piece));
      const info: CountryInfo = {
        id: country.id,
        name: country.name,
        index,
        get label() {
          return find();
        },
        area,
      };
      this.countries.push(info);
      this.byId.set(country.id, info);
      this.pieces.set(country.id, piece);
    });
  }

  country(iso: string): CountryInfo | undefined {
    return this.byId.get(iso);
  }

  /** Where an actor's arcs attach, lon/lat: its anchor, else its country's label point. */
  anchorOf(actor: Actor): [number, number] | null {
    if (actor.anchor) return [actor.anchor[0], actor.anchor[1]];
    const info = actor.iso ? this.byId.get(actor.iso) : undefined;
    return info ? [info.label[0], info.label[1]] : null;
  }

  /**
   * Other points well inside a country's largest piece, the deepest first:
   * where its name can go when the camera shows only part of it (Iran's
   * north-west corner beside Nakhchivan). Searched once, when first asked.
   */
  labelCandidates(iso: string): readonly [number, number][] {
    let found = this.candidates.get(iso);
    if (!found) {
      found = this.candidatePoints(this.pieces.get(iso) ?? []);
      this.candidates.set(iso, found);
    }
    return found;
  }

  /** Which country is where at the map's own resolution (land and sea for sea legs, dots for the pack checks). */
  get lookup(): CountryLookup {
    this.countryLookup ??= new CountryLookup(this.geo.countries);
    return this.countryLookup;
  }

  isLand(lon: number, lat: number): boolean {
    return this.lookup.at(lon, lat) !== null;
  }

  private candidatePoints(rings: number[][]): [number, number][] {
    const outer = rings[0];
    if (!outer || outer.length < 6) return [];
    const { w, s, e, n, thin } = searchRings(rings, outer);
    const scored: { at: [number, number]; depth: number }[] = [];
    for (let i = 0; i < CANDIDATE_GRID; i++) {
      for (let j = 0; j < CANDIDATE_GRID; j++) {
        const lon = w + ((i + 0.5) * (e - w)) / CANDIDATE_GRID, lat = s + ((j + 0.5) * (n - s)) / CANDIDATE_GRID;
        if (!insideRings(thin, lon, lat)) continue;
        const depth = edgeDistance(thin, lon, lat);
        if (depth >= CANDIDATE_DEPTH) scored.push({ at: [lon, lat], depth });
      }
    }
    return scored.sort((a, b) => b.depth - a.depth).map((c) => c.at);
  }

  /** A point well inside the polygon and away from the extent edge (coarse grid, then refined). */
  private labelPoint(rings: number[][]): [number, number] {
    const outer = rings[0];
    if (!outer || outer.length < 6) return [0, 0];
    const [ew, es, ee, en] = this.geo.extent;
    const { w, s, e, n, thin } = searchRings(rings, outer);
    let best: [number, number] = [(w + e) / 2, (s + n) / 2];
    let bestScore = -Infinity;
    const score = (lon: number, lat: number): number => {
      if (!insideRings(thin, lon, lat)) return -Infinity;
      const edge = Math.min(lon - ew, ee - lon, lat - es, en - lat);
      return edgeDistance(thin, lon, lat) - Math.max(0, EDGE_MARGIN - edge) * 2;
    };
    let cw = (e - w) / 16, ch = (n - s) / 16;
    let cx = (w + e) / 2, cy = (s + n) / 2;
    for (let round = 0; round < 3; round++) {
      for (let i = -8; i <= 8; i++) {
        for (let j = -8; j <= 8; j++) {
          const lon = cx + i * cw, lat = cy + j * ch;
          const value = score(lon, lat);
          if (value > bestScore) [bestScore, best] = [value, [lon, lat]];
        }
      }
      [cx, cy] = best;
      cw /= 4;
      ch /= 4;
    }
    return best;
  }
}
