// Builds the map's base data from Natural Earth (world-atlas, 1:50m): the
// countries around the Caspian clipped to the map's extent, in lon/lat, plus
// land borders and coastlines as lines. Made once at start-up, served as JSON,
// so the page never needs the whole atlas or d3 in its bundle. The pack's map
// checks also read the 1:10m countries the same way, finer than the map.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { geoClipRectangle, geoIdentity, geoStream, type GeoStream } from 'd3-geo';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Geometry, MultiLineString } from 'geojson';

import { MAP_EXTENT, type Extent, type RegionGeo } from '../../content/geo/region-geo-types.js';

export { MAP_EXTENT, type Extent, type RegionGeo };

const PRECISION = 100; // 0.01 degree (about 1 km) is finer than the map shows.

type Countries = RegionGeo['countries'];

/** Collects the clipped output of a d3 stream as rings or lines, rounded to 1/precision degree. */
function collectRings(geometry: Geometry, extent: Extent, closed: boolean, precision = PRECISION): number[][][] {
  const [w, s, e, n] = extent;
  const round = (value: number): number => Math.round(value * precision) / precision;
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

/** The atlas file, found from this module or, for a bundled copy of the bridge, from the working folder. */
function atlasPath(file: string): string {
  for (const base of [import.meta.url, pathToFileURL(join(process.cwd(), 'package.json')).href]) {
    try {
      return createRequire(base).resolve(`world-atlas/${file}`);
    } catch {
      // not reachable from here; try the next base
    }
  }
  throw new Error(`cannot find world-atlas/${file}; run npm ci`);
}

function readAtlas(file: string): { topology: Topology; object: GeometryCollection<{ name: string }> } {
  const topology = JSON.parse(readFileSync(atlasPath(file), 'utf8')) as Topology;
  return { topology, object: topology.objects.countries as GeometryCollection<{ name: string }> };
}

function clipCountries(topology: Topology, object: GeometryCollection<{ name: string }>, extent: Extent, precision: number): Countries {
  const countries: Countries = [];
  for (const geometry of object.geometries) {
    const shape = feature(topology, geometry) as unknown as { geometry: Geometry | null };
    if (!shape.geometry) continue;
    const polygons = collectRings(shape.geometry, extent, true, precision);
    if (polygons.length === 0) continue;
    const name = (geometry.properties as { name?: string } | undefined)?.name ?? 'unnamed';
    // A few territories (Kosovo, Northern Cyprus) have no ISO code; they are land all the same.
    const id = geometry.id === undefined ? `x-${name.toLowerCase().replace(/[^a-z]+/g, '-')}` : String(geometry.id);
    countries.push({ id, name, polygons });
  }
  return countries;
}

/** Natural Earth's 1:10m countries in the extent, to a metre: what the pack's map checks measure against. */
export function readFineCountries(extent: Extent = MAP_EXTENT): Countries {
  const { topology, object } = readAtlas('countries-10m.json');
  return clipCountries(topology, object, extent, 1e5);
}

let cached: RegionGeo | null = null;

export function buildRegionGeo(extent: Extent = MAP_EXTENT): RegionGeo {
  if (cached && cached.extent === extent) return cached;
  const { topology, object } = readAtlas('countries-50m.json');
  const countries = clipCountries(topology, object, extent, PRECISION);
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
