// A scenario's map detail as SVG, drawn from Natural Earth borders (world-atlas,
// public domain) with d3-geo: the countries around its routes, the ones it
// highlights shaded, its corridors as coloured lines (dashed when planned or
// proposed) and its places as dots. The picture serves every language, so a
// place whose name differs between them is named in each ("Moscow / Moscú");
// the alt text says the rest in words.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { geoConicConformal, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Corridor, CorridorKind, LocalText, PackManifest, Place, Scenario } from '../schema/pack-types.js';

/** The credit under every map detail the project draws. */
export const MAP_CREDIT: Record<string, string> = {
  en: 'Map detail drawn by the Caspian Crossroads project from Natural Earth borders (public domain)',
  es: 'Detalle de mapa elaborado por el proyecto Caspian Crossroads con las fronteras de Natural Earth (dominio público)',
};

export const WIDTH = 1200;
export const HEIGHT = 800;

const COLOURS: Record<CorridorKind, string> = {
  rail: '#b2182b', sea: '#2166ac', road: '#4d4d4d', pipeline: '#e08214', multimodal: '#762a83',
};

let atlas: FeatureCollection<Geometry, { name: string }> | null = null;

function countries(): FeatureCollection<Geometry, { name: string }> {
  if (!atlas) {
    const path = createRequire(import.meta.url).resolve('world-atlas/countries-50m.json');
    const topology = JSON.parse(readFileSync(path, 'utf8')) as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    atlas = feature(topology, topology.objects.countries) as FeatureCollection<Geometry, { name: string }>;
  }
  return atlas;
}

/** Folds case and accents, so "Baku" and "Bakú" count as one name. */
const fold = (s: string): string => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Longest label printed; a longer one would cover the routes it names. */
const MAX_LABEL = 26;

/**
 * The name to print on the picture, without its parenthesis: one name when
 * the pack's languages agree on it, else each ("Moscow / Moscú"), or the
 * shortest when both together run too long.
 */
export function sharedName(name: LocalText, languages: readonly string[]): string {
  const names: string[] = [];
  for (const l of languages) {
    const n = name[l]?.replace(/\s*\([^)]*\)/g, '').trim();
    if (n && !names.some((m) => fold(m) === fold(n))) names.push(n);
  }
  const both = names.join(' / ');
  return both.length <= MAX_LABEL ? both : names.reduce((a, b) => (b.length < a.length ? b : a));
}

const FONT = 26;
/** About how wide a label is: Noto Sans semibold averages a little over half its size a character. */
const labelWidth = (text: string): number => text.length * FONT * 0.56;

type Box = [number, number, number, number]; // x0, y0, x1, y1
const overlaps = (a: Box, b: Box): boolean => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/** Each name beside its dot where it fits on the picture and clears the names and dots placed before it; a name that fits nowhere is left out. */
function placeLabels(places: Place[], languages: readonly string[], project: (at: [number, number]) => [number, number]): string[] {
  const taken: Box[] = places.map((p) => {
    const [x, y] = project(p.at);
    return [x - 8, y - 8, x + 8, y + 8];
  });
  const out: string[] = [];
  for (const p of places) {
    const [x, y] = project(p.at);
    const text = sharedName(p.name, languages);
    const w = labelWidth(text);
    const candidates: Array<[number, number]> = [[x + 11, y + 9], [x - 11 - w, y + 9], [x - w / 2, y - 14], [x - w / 2, y + 34]];
    const spot = candidates.find(([lx, ly]) => {
      const box: Box = [lx - 3, ly - FONT, lx + w + 3, ly + 6];
      const inside = box[0] >= 4 && box[1] >= 4 && box[2] <= WIDTH - 4 && box[3] <= HEIGHT - 4;
      return inside && !taken.some((t) => overlaps(t, box));
    });
    if (!spot) continue;
    const [lx, ly] = spot;
    taken.push([lx - 3, ly - FONT, lx + w + 3, ly + 6]);
    out.push(`<text x="${lx.toFixed(1)}" y="${ly.toFixed(1)}" font-size="${FONT}" font-family="Noto Sans, DejaVu Sans, sans-serif" font-weight="600" fill="#1f1f1f" stroke="#ffffff" stroke-width="5" paint-order="stroke">${escape(text)}</text>`);
  }
  return out;
}

export interface MapDetail {
  svg: string;
  /** Places drawn, corridors drawn: what the alt text names. */
  places: Place[];
  corridors: Corridor[];
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export function mapDetail(pack: PackManifest, scenario: Scenario): MapDetail {
  const placeById = new Map(pack.places.map((p) => [p.id, p]));
  const corridors = scenario.corridors.map((id) => pack.corridors.find((c) => c.id === id)).filter((c): c is Corridor => c !== undefined);
  const routeIds = corridors.flatMap((c) => c.route);
  const labelled = new Set([...(scenario.places ?? []), ...corridors.flatMap((c) => [c.route[0]!, c.route[c.route.length - 1]!])]);
  const places = [...new Set([...routeIds, ...(scenario.places ?? [])])].map((id) => placeById.get(id)).filter((p): p is Place => p !== undefined);

  // Frame the scenario's own points and its camera's centre, at least a few degrees around it.
  const [cx, cy] = scenario.camera.center;
  const points = [...places.map((p) => p.at), [cx - 4, cy - 2.5], [cx + 4, cy + 2.5]];
  const frame: Feature = { type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates: points } };
  const projection = geoConicConformal().parallels([cy - 8, cy + 8]).rotate([-cx, 0]).fitExtent([[90, 70], [WIDTH - 90, HEIGHT - 70]], frame);
  const path = geoPath(projection);

  const highlighted = new Set(scenario.highlight.map((id) => pack.actors.find((a) => a.id === id)?.iso).filter((iso): iso is string => !!iso));
  const land = countries().features.map((f) => {
    const d = path(f);
    if (!d) return '';
    const lit = highlighted.has(String(f.id));
    return `<path d="${d}" fill="${lit ? '#f1d7a0' : '#ece8df'}" stroke="#9a9488" stroke-width="${lit ? 1.2 : 0.8}"/>`;
  });
  const lines = corridors.map((c) => {
    const line: Feature = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: c.route.map((id) => placeById.get(id)!.at) } };
    const dash = c.status === 'operating' ? '' : ' stroke-dasharray="14 9"';
    return `<path d="${path(line)}" fill="none" stroke="#ffffff" stroke-width="9" stroke-linejoin="round" stroke-linecap="round" opacity="0.85"/>`
      + `<path d="${path(line)}" fill="none" stroke="${COLOURS[c.kind]}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round"${dash}/>`;
  });
  const dots = places.map((p) => {
    const [x, y] = projection(p.at) ?? [-99, -99];
    const r = labelled.has(p.id) ? 7 : 4.5;
    return `<circle cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" r="${r}" fill="#1f1f1f" stroke="#ffffff" stroke-width="2"/>`;
  });
  const labels = placeLabels(places.filter((p) => labelled.has(p.id)), pack.languages, (at) => projection(at) ?? [-99, -99]);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`
    + `<rect width="${WIDTH}" height="${HEIGHT}" fill="#c9dfea"/>${land.join('')}${lines.join('')}${dots.join('')}${labels.join('')}</svg>`;
  return { svg, places, corridors };
}

const JOIN: Record<string, string> = { en: 'and', es: 'y' };

function list(items: string[], language: string): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${JOIN[language] ?? 'and'} ${items[items.length - 1]}`;
}

/** What the map detail shows, in words, for a visitor who cannot see it: a first draft, which an editor rewrites in the pack (render-map-details keeps theirs). */
export function altText(pack: PackManifest, scenario: Scenario, detail: MapDetail, language: string): string {
  const name = (t: LocalText): string => t[language] ?? t[pack.languages[0]!]!;
  const corridors = detail.corridors.map((c) => name(c.name));
  const dashed = detail.corridors.some((c) => c.status !== 'operating');
  const shaded = scenario.highlight
    .map((id) => pack.actors.find((a) => a.id === id))
    .filter((a) => a?.kind === 'country')
    .map((a) => name(a!.name));
  // The places the scenario names, else its routes' ends: enough to find one's way, short enough to listen to.
  const named = scenario.places?.length ? new Set(scenario.places) : new Set(detail.corridors.flatMap((c) => [c.route[0]!, c.route[c.route.length - 1]!]));
  const places = detail.places.filter((p) => named.has(p.id)).map((p) => name(p.name).replace(/\s*\([^)]*\)/g, ''));
  const parts: string[] = [];
  if (language === 'es') {
    if (corridors.length > 0) parts.push(`se traza${corridors.length > 1 ? 'n' : ''} ${list(corridors, 'es')} como líneas de colores${dashed ? ' (discontinuas si están previstos o propuestos)' : ''}`);
    if (shaded.length > 0) parts.push(`se resalta${shaded.length > 1 ? 'n' : ''} ${list(shaded, 'es')}`);
    if (places.length > 0) parts.push(`los puntos marcan ${list(places, 'es')}`);
    return `Mapa de la región en el que ${parts.join('; ')}.`;
  }
  if (corridors.length > 0) parts.push(`the ${list(corridors, 'en')} drawn as coloured lines${dashed ? ' (dashed where planned or proposed)' : ''}`);
  if (shaded.length > 0) parts.push(`${list(shaded, 'en')} shaded`);
  if (places.length > 0) parts.push(`dots mark ${list(places, 'en')}`);
  return `Map of the region showing ${parts.join('; ')}.`;
}
