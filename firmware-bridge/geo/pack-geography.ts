// The pack's map checks: every corridor drawn exactly as the page draws it
// (the shared route planner and lanes on the map's own 1:50m data), then
// walked every half kilometre against Natural Earth's 1:10m borders. A route
// may not cross an undeclared country for more than 5 km, a land leg may not
// run over open water nor a water leg over land for more than 5 km, and each
// place's dot must fall in its country at the resolution the map shows.

import { CorridorPaths, type DrawnCorridor } from '../../content/geo/corridor-paths.js';
import { CountryLookup } from '../../content/geo/country-lookup.js';
import { GeoProjection } from '../../content/geo/geo-projection.js';
import { RegionIndex } from '../../content/geo/region-index.js';
import { RoutePlanner } from '../../content/geo/route-planner.js';
import type { ManifestProblem } from '../../content/schema/check-manifest.js';
import type { Actor, Corridor, PackManifest } from '../../content/schema/pack-types.js';
import { buildRegionGeo, readFineCountries } from './region-geo.js';

/** Longest stretch, km, a line may run where it should not. */
export const TOLERANCE_KM = 5;
/** How far inside its country, clear of any other, a place's dot must sit on the map, km. */
export const DOT_MARGIN_KM = 2;
/** Walking step along drawn lines, km. */
const STEP_KM = 0.5;
const EARTH_KM = 6371;
const RAD = Math.PI / 180;

export interface GeographyMaps {
  /** The map as the page draws it (1:50m): routes are planned on it and dots are judged on it. */
  coarse: CountryLookup;
  /** Natural Earth 1:10m: what drawn routes are measured against. */
  fine: CountryLookup;
  paths: (pack: Pick<PackManifest, 'places' | 'corridors'>) => CorridorPaths;
  projection: GeoProjection;
}

/**
 * Units of the 1:10m data without an ISO code that the map (1:50m) draws as
 * part of a country: the Baikonur lease is Kazakh territory.
 */
const SOVEREIGN: Record<string, string> = { 'x-baikonur': '398' };

let maps: GeographyMaps | null = null;

/** The map data, read once per process (about 150 ms; a few MB kept). */
export function geographyMaps(): GeographyMaps {
  if (maps) return maps;
  const region = buildRegionGeo();
  const projection = new GeoProjection();
  const index = new RegionIndex(region, projection);
  const planner = new RoutePlanner(index);
  maps = {
    coarse: index.lookup,
    fine: new CountryLookup(readFineCountries(region.extent).map((c) => ({ ...c, id: SOVEREIGN[c.id] ?? c.id }))),
    paths: (pack) => new CorridorPaths(pack, planner, projection),
    projection,
  };
  return maps;
}

function km(a: [number, number], b: [number, number]): number {
  const dLat = (b[1] - a[1]) * RAD, dLon = (b[0] - a[0]) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * RAD) * Math.cos(b[1] * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** One stretch of a drawn line: its length and the country under its middle (null: water). */
interface Piece {
  km: number;
  country: string | null;
  leg: number;
  at: [number, number];
}

/** Walks a drawn corridor in steps of at most STEP_KM. */
function walk(drawn: DrawnCorridor, m: GeographyMaps): Piece[] {
  const pieces: Piece[] = [];
  drawn.legs.forEach((leg, legNumber) => {
    for (let p = leg.first; p < leg.last; p++) {
      const a = m.projection.unproject(drawn.points[p * 2]!, drawn.points[p * 2 + 1]!);
      const b = m.projection.unproject(drawn.points[p * 2 + 2]!, drawn.points[p * 2 + 3]!);
      const length = km(a, b);
      const n = Math.max(1, Math.ceil(length / STEP_KM));
      // The ribbon is straight between points in scene units, so the steps are too.
      for (let k = 0; k < n; k++) {
        const t = (k + 0.5) / n;
        const x = drawn.points[p * 2]! + (drawn.points[p * 2 + 2]! - drawn.points[p * 2]!) * t;
        const y = drawn.points[p * 2 + 1]! + (drawn.points[p * 2 + 3]! - drawn.points[p * 2 + 1]!) * t;
        const [lon, lat] = m.projection.unproject(x, y);
        pieces.push({ km: length / n, country: m.fine.at(lon, lat), leg: legNumber, at: [lon, lat] });
      }
    }
  });
  return pieces;
}

const fmt = (value: number): string => (value < 10 ? value.toFixed(1) : Math.round(value).toString());
const where = ([lon, lat]: [number, number]): string => `${lon.toFixed(2)}E ${lat.toFixed(2)}N`;

export function checkPackGeography(pack: PackManifest, m: GeographyMaps = geographyMaps()): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const report = (field: string, message: string): void => void problems.push({ file: 'pack.json', field, message });
  const language = pack.languages[0] ?? 'en';
  const actors = new Map(pack.actors.map((a) => [a.id, a]));
  const byIso = new Map(pack.actors.filter((a) => a.kind === 'country' && a.iso).map((a) => [a.iso!, a]));
  const countryName = (iso: string | null): string =>
    iso === null ? 'the sea' : (byIso.get(iso)?.name[language] ?? m.fine.name(iso));
  const placeName = (id: string): string => pack.places.find((p) => p.id === id)?.name[language] ?? id;
  const isoOf = (id: string | undefined): string | undefined => (id ? actors.get(id)?.iso : undefined);

  pack.places.forEach((place, i) => {
    const iso = isoOf(place.country);
    if (!place.country) return report(`places[${i}].country`, `names no country; add "country": the id of the country actor ${place.name[language] ?? place.id} is in`);
    if (!iso) return; // the manifest checks report an unknown or non-country actor
    const at = m.coarse.at(place.at[0], place.at[1]);
    const name = place.name[language] ?? place.id;
    if (at !== iso) {
      report(`places[${i}].at`, `puts the dot of ${name} in ${countryName(at)} on the map (Natural Earth 1:50m, as drawn), not in ${countryName(iso)}; move it inside ${countryName(iso)}`);
    } else if (m.coarse.kmToOther(place.at[0], place.at[1], iso, DOT_MARGIN_KM) < DOT_MARGIN_KM) {
      report(`places[${i}].at`, `puts the dot of ${name} on the border of ${countryName(iso)} on the map (Natural Earth 1:50m, as drawn); move it at least ${DOT_MARGIN_KM} km inside, so it does not read as the neighbour's`);
    }
  });
  pack.actors.forEach((actor, i) => checkAnchor(actor, i, m, report, countryName));

  const paths = m.paths(pack);
  pack.corridors.forEach((corridor, i) => {
    const at = `corridors[${i}]`;
    if (!corridor.countries) report(`${at}.countries`, `is missing; list the ids of the country actors whose territory the route crosses`);
    if (!corridor.legs) report(`${at}.legs`, `is missing; give one "land" or "water" per leg of the route, so it is drawn and checked over the right surface`);
    const declared = new Set((corridor.countries ?? []).map((id) => isoOf(id)).filter((iso): iso is string => iso !== undefined));
    const drawn = paths.draw(corridor);
    const pieces = walk(drawn, m);
    const legName = (leg: number): string => `${placeName(drawn.legs[leg]!.from)} – ${placeName(drawn.legs[leg]!.to)}`;
    checkCountries(corridor, at, declared, pieces, legName, report, countryName);
    checkSurfaces(drawn, at, pieces, legName, report, countryName);
    // A declared country may still be crossed where the route never goes (a
    // second pass through Armenia between Nakhchivan and Kars): each leg keeps
    // to the countries of its own two stops.
    drawn.legs.forEach((leg, legNumber) => {
      const own = new Set([leg.from, leg.to].map((id) => isoOf(pack.places.find((p) => p.id === id)?.country)));
      const through = new Map<string, number>();
      for (const piece of pieces) {
        if (piece.leg === legNumber && piece.country !== null && declared.has(piece.country) && !own.has(piece.country)) {
          through.set(piece.country, (through.get(piece.country) ?? 0) + piece.km);
        }
      }
      for (const [iso, length] of through) {
        if (length <= TOLERANCE_KM) continue;
        report(`${at}.route[${leg.index + 1}]`, `the leg ${legName(legNumber)} is drawn through ${countryName(iso)} for ${fmt(length)} km, though neither of its stops is there; add a waypoint where the route really crosses, or move the line off it`);
      }
    });
  });
  return problems;
}

type Report = (field: string, message: string) => void;

/** A country's own anchor (where its arcs attach) lies in it, when the country is on the map at all. */
function checkAnchor(actor: Actor, i: number, m: GeographyMaps, report: Report, name: (iso: string | null) => string): void {
  if (actor.kind !== 'country' || !actor.anchor || !actor.iso || !m.coarse.has(actor.iso)) return;
  const at = m.coarse.at(actor.anchor[0], actor.anchor[1]);
  if (at !== actor.iso) report(`actors[${i}].anchor`, `is in ${name(at)} on the map, not in ${name(actor.iso)}; put a country's anchor inside it`);
}

function checkCountries(corridor: Corridor, at: string, declared: Set<string>, pieces: Piece[], legName: (leg: number) => string, report: Report, name: (iso: string | null) => string): void {
  const crossed = new Map<string, { km: number; legs: Set<number> }>();
  for (const piece of pieces) {
    if (piece.country === null) continue;
    const entry = crossed.get(piece.country) ?? { km: 0, legs: new Set<number>() };
    entry.km += piece.km;
    entry.legs.add(piece.leg);
    crossed.set(piece.country, entry);
  }
  for (const [iso, { km: length, legs }] of crossed) {
    if (declared.has(iso) || length <= TOLERANCE_KM) continue;
    const where = [...legs].map(legName).join(', ');
    report(`${at}.countries`, `the line of ${corridor.name.en ?? corridor.id} crosses ${name(iso)} for ${fmt(length)} km (${where}), which "countries" does not list; add a waypoint so it follows the real route, or list the country if the route does cross it`);
  }
  for (const iso of declared) {
    if (!crossed.has(iso)) report(`${at}.countries`, `lists ${name(iso)}, but the drawn line never enters it; remove it, or add the stop that takes the route there`);
  }
}

function checkSurfaces(drawn: DrawnCorridor, at: string, pieces: Piece[], legName: (leg: number) => string, report: Report, name: (iso: string | null) => string): void {
  drawn.legs.forEach((leg, legNumber) => {
    const wrong = (piece: Piece): boolean => (leg.surface === 'land' ? piece.country === null : piece.country !== null);
    let run: Piece[] = [], longest: Piece[] = [];
    const km = (list: Piece[]): number => list.reduce((sum, p) => sum + p.km, 0);
    for (const piece of pieces) {
      if (piece.leg !== legNumber) continue;
      if (wrong(piece)) {
        run.push(piece);
        if (km(run) > km(longest)) longest = run;
      } else {
        run = [];
      }
    }
    if (km(longest) <= TOLERANCE_KM) return;
    const under = [...new Set(longest.map((p) => p.country))].map(name).join(', ');
    const what = leg.surface === 'land' ? 'over open water' : `over land (${under})`;
    const middle = longest[Math.floor(longest.length / 2)]!.at;
    report(`${at}.legs[${leg.index}]`, `the ${leg.surface} leg ${legName(legNumber)} is drawn ${what} for ${fmt(km(longest))} km around ${where(middle)}; add a waypoint, move the stop, or declare the leg "${leg.surface === 'land' ? 'water' : 'land'}" if that is what it is`);
  });
}
