// Which label wins: every label's priority for a scenario (0 = not shown)
// and its colour. What the scenario is about comes first: its focus place,
// the other places it names, its subject routes' cities, the countries it
// lights up (those its text names first), its subject routes' other stops, its actors away from the map,
// its other places, the seas, and last the other countries, the larger first. Pure: placement then takes labels in this order.

import type { LabelItem } from './label-items.js';

/** The colours of the label shader (its styleColor uniform), by index. */
export const LABEL_COLOUR = { country: 0, litCountry: 1, place: 2, sea: 3, actor: 4 } as const;

/**
 * From here up, what the scenario is about: a lit country or a place it
 * names. Their names may step aside to fit; the named places' dots go down first.
 */
export const IN_FOCUS = 1000;

/** What a scenario asks the labels for. */
export interface LabelFocus {
  /** The places the scenario names, its focus first. */
  named: readonly string[];
  /** The countries it lights up (ISO numeric ids). */
  highlightedIso: ReadonlySet<string>;
  /** Every place it shows: the named ones and its corridors' stops. */
  places: ReadonlySet<string>;
  /** Its actors (for those that are not countries on the map). */
  actors: ReadonlySet<string>;
  /** The stops of its subject routes (see scenario-subject.ts): every one is named, so they rank in focus. */
  stops?: ReadonlySet<string>;
  /** The countries its title and summary name (ISO numeric ids): named first among the lit ones. */
  textNames?: ReadonlySet<string>;
}

/** The countries (ISO numeric ids) whose name, in any of the pack's languages, the scenario's title or summary uses. */
export function countriesInText(actors: readonly { iso?: string; name: Record<string, string> }[], text: Record<string, string>[]): Set<string> {
  const out = new Set<string>();
  for (const actor of actors) {
    if (!actor.iso) continue;
    if (Object.entries(actor.name).some(([language, name]) => text.some((t) => t[language]?.includes(name)))) out.add(actor.iso);
  }
  return out;
}

/** One label's priority (0: not shown) and colour for a scenario. */
export function labelRank(item: LabelItem, focus: LabelFocus): { priority: number; colour: number } {
  switch (item.kind) {
    case 'country': {
      const lit = focus.highlightedIso.has(item.iso!);
      // A lit country is what the scenario is about: its name comes before its
      // routes' waypoints (which then take another side of their dots), after
      // the places it names and its routes' cities. The lit countries its
      // text names come first, then the larger first.
      const size = Math.log10(Math.max(0, item.area) + 1);
      const told = focus.textNames?.has(item.iso!) ? 0.5 : 0;
      return { priority: lit ? 1250.5 + told + Math.min(size, 4) / 10 : 100 + size, colour: lit ? LABEL_COLOUR.litCountry : LABEL_COLOUR.country };
    }
    case 'actor':
      return { priority: focus.actors.has(item.id) ? 950 : 0, colour: LABEL_COLOUR.actor };
    case 'place': {
      // The places the scenario names come first; then the stops of its corridors.
      const named = focus.named.indexOf(item.id);
      // The first named place is the scenario's focus and beats even a lit country, which can step aside.
      // A subject route's city (marker 2) outranks the lit countries; its other stops come after them.
      const priority =
        named === 0
          ? 1300
          : named > 0
            ? Math.max(1255, 1290 - named)
            : focus.stops?.has(item.id)
              ? 1250 + (item.marker === 2 ? 5 : 0)
              : focus.places.has(item.id)
                ? 800 + (item.marker === 2 ? 40 : 0)
                : 0;
      return { priority, colour: LABEL_COLOUR.place };
    }
    default:
      return { priority: item.id === 'caspian' ? 700 : 300, colour: LABEL_COLOUR.sea };
  }
}

/**
 * Ranks every label for a scenario into the given arrays (priority, shown
 * or not, colour per item) and sorts `order`, item indices, highest first.
 * The sort is stable and `order` is kept between scenarios, as the layout expects.
 */
export function rankLabels(items: readonly LabelItem[], focus: LabelFocus, out: { priority: Float32Array; active: Uint8Array; colour: Float32Array; order: number[] }): void {
  items.forEach((item, i) => {
    const { priority, colour } = labelRank(item, focus);
    out.priority[i] = priority;
    out.active[i] = priority > 0 ? 1 : 0;
    out.colour[i] = colour;
  });
  out.order.sort((a, b) => out.priority[b]! - out.priority[a]!);
}
