// What the map names, in the order the label layer keeps them: every country
// of the map data, actors that are not on it (EU, NATO...), every place of the
// pack and the seas, each with the lon/lat its label hangs from.

import type { LocalText, PackManifest } from '../../content/schema/pack-types.js';
import type { LabelStyle } from './label-atlas.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import type { CountryNames } from './country-names.js';
import { SEA_NAMES } from './sea-names.js';

export type ItemKind = 'country' | 'place' | 'actor' | 'sea';

export interface LabelItem {
  kind: ItemKind;
  id: string;
  style: LabelStyle;
  names: LocalText | null;
  fallback: string;
  iso?: string;
  /** Projected area (countries), scene units squared. */
  area: number;
  marker: number;
  /** Sits at an actor's anchor (often a city with its own label): may move off it. */
  anchored?: boolean;
}

export function buildLabelItems(pack: PackManifest, region: RegionIndex): { items: LabelItem[]; lonlat: [number, number][] } {
  const items: LabelItem[] = [];
  const lonlat: [number, number][] = [];
  const actorByIso = new Map(pack.actors.filter((a) => a.iso).map((a) => [a.iso!, a]));
  for (const country of region.countries) {
    // Territories without an ISO code are drawn as land but left unnamed: their status is disputed.
    if (country.id.startsWith('x-')) continue;
    const actor = actorByIso.get(country.id);
    items.push({ kind: 'country', id: country.id, style: 'country', names: actor?.name ?? null, fallback: country.name, iso: country.id, area: country.area, marker: 0, anchored: !!actor?.anchor });
    lonlat.push(actor?.anchor ? [actor.anchor[0], actor.anchor[1]] : country.label);
  }
  for (const actor of pack.actors) {
    if (actor.iso && region.country(actor.iso)) continue;
    const at = region.anchorOf(actor);
    if (!at) continue;
    items.push({ kind: 'actor', id: actor.id, style: 'actor', names: actor.name, fallback: actor.id, area: 0, marker: 3 });
    lonlat.push(at);
  }
  for (const place of pack.places) {
    const style: LabelStyle = place.kind === 'capital' ? 'capital' : 'place';
    items.push({ kind: 'place', id: place.id, style, names: place.name, fallback: place.id, area: 0, marker: place.kind === 'capital' ? 2 : 1 });
    lonlat.push([place.at[0], place.at[1]]);
  }
  for (const sea of SEA_NAMES) {
    items.push({ kind: 'sea', id: sea.id, style: 'sea', names: sea.name, fallback: sea.name.en ?? sea.id, area: 0, marker: 0 });
    lonlat.push(sea.at);
  }
  return { items, lonlat };
}

/** Each item's text in `language`: the pack's names (its first language where one is missing), other countries' from the browser. */
export function labelTexts(items: readonly LabelItem[], pack: PackManifest, names: CountryNames, language: string): string[] {
  const fallbackLanguage = pack.languages[0] ?? 'en';
  return items.map((item) => (item.names ? (item.names[language] ?? item.names[fallbackLanguage] ?? item.fallback) : names.name(item.iso ?? '', language, item.fallback)));
}
