// Builds the map's base data from Natural Earth (world-atlas, 1:50m): the
// countries around the Caspian clipped to the map's extent, in lon/lat, plus
// land borders and coastlines as lines. Made once at start-up, served as JSON,
// so the page never needs the whole atlas or d3 in its bundle.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { geoClipRectangle, geoIdentity, geoStream, type GeoStream } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Geometry, MultiLineString } from 'geojson';

/** West, south, east, north in degrees. */
export type Extent = [number, number, number, number];

export const MAP_EXTENT: Extent = [8, 24, 96, 60];

export interface RegionGeo {
  extent: Extent;
  countries: { id: string; name: string; polygons: number[][][] }[];
  /** Land borders between countries: flat lon/lat lines. */
  borders: number[][];
  /** Coastlines (edges with a country on one side only). */
  coasts: number[][];
}

const PRECISION = 100; // 0.01 degree (about 1 km) is finer than the map shows.

function round(value: number): number {
  return Math.round(value * PRECISION) / PRECISION;
}

/** Collects the clipped output of a d3 stream as rings or lines. */
function collectRings(geometry: Geometry, extent: Extent, closed: boolean): number[][][] {
  const [w, s, e, n] = extent;
  const groups: number[][][] = [];
  let current: number[] | null = null;
  let polygon: number[][] | null = null;
  const sink: GeoStream = {
    point(x, y) {
      if (!current) return;
      const lon = round(x);
      const lat = round(-y);
      const len = current.length;
      if (len >= 2 && current[len - 2] === lon && current[len - 1] === lat) return;
      current.push(lon, lat);
    },
    lineStart() {
      current = [];
    },
    lineEnd() {
      if (current && current.length >= (closed ? 6 : 4)) {
        if (closed) polygon?.push(current);
        else groups.push([current]);
      }
      current = null;
    },
    polygonStart() {
      polygon = [];
    },
    polygonEnd() {
      if (polygon && polygon.length > 0) groups.push(polygon);
      polygon = null;
    },
    sphere() {},
  };
  // Identity "projection" with y flipped: clipping happens in degrees.
  const projection = geoIdentity().reflectY(true);
  const clip = geoClipRectangle(w, -n, e, -s);
  geoStream(geometry, projection.stream(clip(sink)));
  return groups;
}

let cached: RegionGeo | null = null;

export function buildRegionGeo(extent: Extent = MAP_EXTENT): RegionGeo {
  if (cached && cached.extent === extent) return cached;
  const require = createRequire(import.meta.url);
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
  const object = topology.objects.countries as GeometryCollection<{ name: string }>;
  const countries: RegionGeo['countries'] = [];
  for (const geometry of object.geometries) {
    const shape = feature(topology, geometry) as unknown as { geometry: Geometry | null };
    if (!shape.geometry) continue;
    const polygons = collectRings(shape.geometry, extent, true);
    if (polygons.length === 0) continue;
    const name = (geometry.properties as { name?: string } | undefined)?.name ?? 'unnamed';
    // A few territories (Kosovo, Northern Cyprus) have no ISO code; they are land all the same.
    const id = geometry.id === undefined ? `x-${name.toLowerCase().replace(/[^a-z]+/g, '-')}` : String(geometry.id);
    countries.push({ id, name, polygons });
  }
  const lines = (filter: (a: unknown, b: unknown) => boolean): number[][] =>
    collectRings(mesh(topology, object, filter) as MultiLineString, extent, false).map((group) => group[0]!);
  const result: RegionGeo = {
    extent,
    countries,
    borders: lines((a, b) => a !== b),
    coasts: lines((a, b) => a === b),
  };
  cached = result;
  return result;
}
