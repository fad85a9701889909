// The built-in pack on the map: every corridor drawn exactly as the page draws
// it and measured against Natural Earth 1:10m borders, every dot in its
// country, and the lesson's questions answered by what the map highlights.
import { describe, expect, it } from 'vitest';
import { checkPackGeography } from '../../firmware-bridge/geo/pack-geography.js';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { loadPack } from './helpers/load-pack.js';

const pack = loadPack();

/** The actor ids a scenario lights up on the map: its highlights and the ends of its arcs. */
function litCountries(p: PackManifest, id: string): string[] {
  const scenario = p.scenarios.find((s) => s.id === id)!;
  const lit = new Set([...scenario.highlight, ...scenario.relations.flatMap((r) => [r.from, r.to])]);
  return p.actors.filter((a) => a.kind === 'country' && lit.has(a.id)).map((a) => a.id).sort();
}

describe('the built-in caspian-2025 pack on the map', () => {
  it('declares the countries of every corridor, the surface of every leg and the country of every place', () => {
    const missing = [
      ...pack.corridors.filter((c) => !c.countries?.length).map((c) => `${c.id}: countries`),
      ...pack.corridors.filter((c) => c.legs?.length !== c.route.length - 1).map((c) => `${c.id}: legs`),
      ...pack.places.filter((p) => !p.country).map((p) => `${p.id}: country`),
    ];
    expect(missing).toEqual([]);
  });

  it('draws no route through an undeclared country, no land leg over open water, no water leg over land, and every dot in its country', () => {
    const problems = checkPackGeography(pack).map((p) => `${p.field}: ${p.message}`);
    expect(problems).toEqual([]);
  });

  it('lets the map answer the first lesson step: the Caspian’s littoral states, and only they, are lit', () => {
    expect(pack.lessons?.[0]?.steps[0]?.scenario).toBe('region-in-realignment');
    expect(litCountries(pack, 'region-in-realignment')).toEqual(['azerbaijan', 'iran', 'kazakhstan', 'russia', 'turkmenistan']);
  });

  it('lets the map answer which countries the gas to Italy crosses: the pipelines declare them and the scenario lights them', () => {
    const step = pack.lessons?.[0]?.steps.find((s) => s.scenario === 'gas-to-europe');
    expect(step?.prompt?.en).toMatch(/Which countries does it cross/);
    const gas = ['south-caucasus-pipeline', 'tanap', 'tap'].flatMap((id) => pack.corridors.find((c) => c.id === id)!.countries ?? []);
    const crossed = [...new Set(gas)].sort();
    expect(crossed).toEqual(['albania', 'azerbaijan', 'georgia', 'greece', 'italy', 'turkey']);
    expect(litCountries(pack, 'gas-to-europe')).toEqual(crossed);
  });

  it('keeps Armenia off every route but the Zangezur / Syunik corridor, which crosses it once', () => {
    const through = pack.corridors.filter((c) => c.countries?.includes('armenia')).map((c) => c.id);
    expect(through).toEqual(['zangezur-syunik']);
    const zangezur = pack.corridors.find((c) => c.id === 'zangezur-syunik')!;
    const inArmenia = zangezur.route.map((id) => pack.places.find((p) => p.id === id)!.country === 'armenia');
    // One run of Armenian stops, between Azerbaijani ones: in at Horadiz's side, out towards Julfa.
    expect(inArmenia.join(',').match(/true(,true)*/g)).toHaveLength(1);
  });
});
