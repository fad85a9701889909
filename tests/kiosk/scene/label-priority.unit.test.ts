// Which label wins, for a scenario: the focus place and the other named
// places, its subject routes' cities, the lit countries, the routes' other stops, the scenario's
// actors, its other routes' stops, the seas and the other countries (the
// larger first); what it does not show ranks 0.

import { describe, expect, it } from 'vitest';
import type { LabelItem } from '../../../kiosk/scene/label-items.js';
import { countriesInText, IN_FOCUS, LABEL_COLOUR, labelRank, rankLabels, type LabelFocus } from '../../../kiosk/scene/label-priority.js';

const country = (id: string, area: number): LabelItem => ({ kind: 'country', id, iso: id, style: 'country', names: null, fallback: id, area, marker: 0 });
const place = (id: string, marker = 1): LabelItem => ({ kind: 'place', id, style: marker === 2 ? 'capital' : 'place', names: null, fallback: id, area: 0, marker });
const actor = (id: string): LabelItem => ({ kind: 'actor', id, style: 'actor', names: null, fallback: id, area: 0, marker: 3 });
const sea = (id: string): LabelItem => ({ kind: 'sea', id, style: 'sea', names: null, fallback: id, area: 0, marker: 0 });

const items: LabelItem[] = [
  country('small', 10),
  country('large', 5000),
  country('lit', 20),
  place('focus'),
  place('second'),
  place('stop'),
  place('capital-stop', 2),
  place('elsewhere'),
  actor('eu'),
  actor('nato'),
  sea('caspian'),
  sea('black'),
];
const focus: LabelFocus = {
  named: ['focus', 'second'],
  highlightedIso: new Set(['lit']),
  places: new Set(['focus', 'second', 'stop', 'capital-stop']),
  actors: new Set(['eu']),
};

function ranked(): string[] {
  const out = { priority: new Float32Array(items.length), active: new Uint8Array(items.length), colour: new Float32Array(items.length), order: items.map((_, i) => i) };
  rankLabels(items, focus, out);
  return out.order.filter((i) => out.active[i]).map((i) => items[i]!.id);
}

describe('the label priority policy', () => {
  it('puts what the scenario is about first, in a fixed order', () => {
    expect(ranked()).toEqual(['focus', 'second', 'lit', 'eu', 'capital-stop', 'stop', 'caspian', 'black', 'large', 'small']);
  });

  it('shows no place and no actor the scenario leaves out', () => {
    expect(labelRank(items.find((i) => i.id === 'elsewhere')!, focus).priority).toBe(0);
    expect(labelRank(items.find((i) => i.id === 'nato')!, focus).priority).toBe(0);
    expect(ranked()).not.toContain('elsewhere');
  });

  it('counts lit countries and named places as in focus, nothing else', () => {
    const inFocus = items.filter((item) => labelRank(item, focus).priority >= IN_FOCUS).map((i) => i.id);
    expect(inFocus.sort()).toEqual(['focus', 'lit', 'second']);
  });

  it('keeps every named place in focus, however many the scenario names', () => {
    const many = Array.from({ length: 300 }, (_, k) => `p${k}`);
    expect(labelRank(place('p299'), { ...focus, named: many }).priority).toBeGreaterThanOrEqual(IN_FOCUS);
  });

  it('names a subject route\'s cities before the lit countries, and the lit countries before its other stops', () => {
    const withStops = { ...focus, stops: new Set(['stop', 'capital-stop']) };
    const rank = (id: string) => labelRank(items.find((i) => i.id === id)!, withStops).priority;
    expect(rank('capital-stop')).toBeGreaterThan(rank('lit'));
    expect(rank('lit')).toBeGreaterThan(rank('stop'));
    expect(rank('capital-stop')).toBeLessThan(rank('second'));
    // A larger lit country first, still after the cities and before the stops.
    const large = { ...country('lit', 1e9) };
    expect(labelRank(large, withStops).priority).toBeGreaterThan(rank('lit'));
    expect(labelRank(large, withStops).priority).toBeLessThan(rank('capital-stop'));
    // One the scenario's text names comes before a larger one it does not, still before the cities.
    const told = labelRank(items.find((i) => i.id === 'lit')!, { ...withStops, textNames: new Set(['lit']) }).priority;
    expect(told).toBeGreaterThan(labelRank(large, withStops).priority);
    expect(told).toBeLessThan(rank('capital-stop'));
    expect(rank('stop')).toBeGreaterThanOrEqual(IN_FOCUS);
  });

  it('finds the countries a scenario’s text names, in any language of the pack', () => {
    const actors = [
      { iso: '051', name: { en: 'Armenia', es: 'Armenia' } },
      { iso: '792', name: { en: 'Turkey', es: 'Turquía' } },
      { iso: '364', name: { en: 'Iran', es: 'Irán' } },
      { name: { en: 'European Union', es: 'Unión Europea' } },
    ];
    const text = [{ en: 'Zangezur or Syunik', es: 'Zangezur o Syunik' }, { en: "Armenia's southern province", es: 'hasta Turquía. La Unión Europea' }];
    expect([...countriesInText(actors, text)].sort()).toEqual(['051', '792']);
  });

  it('colours lit countries apart from the others', () => {
    expect(labelRank(items[2]!, focus).colour).toBe(LABEL_COLOUR.litCountry);
    expect(labelRank(items[0]!, focus).colour).toBe(LABEL_COLOUR.country);
    expect(labelRank(items[3]!, focus).colour).toBe(LABEL_COLOUR.place);
    expect(labelRank(items[8]!, focus).colour).toBe(LABEL_COLOUR.actor);
    expect(labelRank(items[10]!, focus).colour).toBe(LABEL_COLOUR.sea);
  });
});
