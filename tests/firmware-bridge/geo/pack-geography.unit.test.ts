// The pack's map checks on the built-in pack broken the ways the review found
// it: each mistake a visitor could trace on the map is reported at its field,
// with the country and the kilometres, and a sound pack gets no report.
import { describe, expect, it } from 'vitest';
import { checkPackGeography, TOLERANCE_KM } from '../../../firmware-bridge/geo/pack-geography.js';
import type { ManifestProblem } from '../../../content/schema/check-manifest.js';
import type { Corridor, PackManifest } from '../../../content/schema/pack-types.js';
import { loadPack } from '../../content/helpers/load-pack.js';

/** The map problems after `breakIt` edits a fresh copy of the built-in pack. */
function problemsAfter(breakIt: (pack: PackManifest) => void): ManifestProblem[] {
  const pack = loadPack();
  breakIt(pack);
  return checkPackGeography(pack);
}

const at = (pack: PackManifest, id: string): number => pack.corridors.findIndex((c) => c.id === id);

/** Sets a corridor's route, one land leg per stop. */
function reroute(pack: PackManifest, id: string, route: string[]): Corridor {
  const corridor = pack.corridors[at(pack, id)]!;
  corridor.route = route;
  corridor.legs = route.slice(1).map(() => 'land');
  return corridor;
}

/** The kilometres a message reports ("for 149 km"). */
const km = (problem: ManifestProblem | undefined): number => Number(/for ([\d.]+) km/.exec(problem?.message ?? '')?.[1] ?? NaN);

describe('the map checks', () => {
  it('find nothing wrong with the built-in pack', () => {
    expect(checkPackGeography(loadPack())).toEqual([]);
  });

  it('report a railway cut through a country it never enters: Kyzylorda to Beyneu through Uzbekistan', () => {
    const pack = loadPack();
    const problems = problemsAfter((p) => reroute(p, 'middle-corridor-kazakhstan', ['urumqi', 'khorgos', 'almaty', 'kyzylorda', 'beyneu', 'aktau']));
    const problem = problems.find((p) => p.field === `corridors[${at(pack, 'middle-corridor-kazakhstan')}].countries`);
    expect(problem?.message).toMatch(/crosses Uzbekistan for \d+ km \(Kyzylorda – Beyneu\), which "countries" does not list/);
    expect(km(problem)).toBeGreaterThan(100);
  });

  it('report a pipeline cutting Armenia’s corner when it skips the Georgian–Turkish border', () => {
    const pack = loadPack();
    const problems = problemsAfter((p) => reroute(p, 'south-caucasus-pipeline', ['sangachal', 'tbilisi', 'erzurum']));
    const problem = problems.find((p) => p.field === `corridors[${at(pack, 'south-caucasus-pipeline')}].countries`);
    expect(problem?.message).toMatch(/crosses Armenia for [\d.]+ km \(Tbilisi – Erzurum\)/);
    expect(km(problem)).toBeGreaterThan(TOLERANCE_KM);
  });

  it('report a second pass through a country the corridor does cross: Nakhchivan to Kars through Armenia', () => {
    const pack = loadPack();
    const i = at(pack, 'zangezur-syunik');
    const problems = problemsAfter((p) => reroute(p, 'zangezur-syunik', ['baku', 'beylagan', 'horadiz', 'meghri', 'julfa', 'nakhchivan', 'kars']));
    expect(problems.find((p) => p.field === `corridors[${i}].route[6]`)?.message).toMatch(/Nakhchivan – Kars is drawn through Armenia for [\d.]+ km, though neither of its stops is there/);
    expect(problems.find((p) => p.field === `corridors[${i}].countries`)?.message).toMatch(/crosses Iran/);
  });

  it('report a land leg drawn over open water, and where', () => {
    const pack = loadPack();
    const problems = problemsAfter((p) => {
      const nstc = reroute(p, 'north-south-west', ['moscow', 'makhachkala', 'baku', 'astara', 'rasht', 'tehran', 'bandar-abbas']);
      nstc.legs = nstc.route.slice(1).map(() => 'land');
    });
    const legs = problems.filter((p) => p.field.startsWith(`corridors[${at(pack, 'north-south-west')}].legs[`));
    expect(legs.map((p) => p.field)).toContain(`corridors[${at(pack, 'north-south-west')}].legs[2]`);
    expect(legs.find((p) => p.field.endsWith('legs[2]'))?.message).toMatch(/the land leg Baku – Astara is drawn over open water for \d+ km around \d+\.\d+E \d+\.\d+N/);
  });

  it('report a water leg drawn over land, and a declared surface the line does not follow', () => {
    const pack = loadPack();
    const tap = at(pack, 'tap');
    const problems = problemsAfter((p) => { p.corridors[tap]!.legs![0] = 'water'; });
    expect(problems).toEqual([
      { file: 'pack.json', field: `corridors[${tap}].legs[0]`, message: expect.stringMatching(/the water leg Kipoi .* – Komotini is drawn over land \(Greece\) for \d+ km/) },
    ]);
  });

  it('report a ferry cut across a peninsula when its port is far inland', () => {
    const pack = loadPack();
    const problems = problemsAfter((p) => { p.places.find((x) => x.id === 'alat')!.at = [49.25, 40.05]; });
    const ferry = problems.find((p) => p.field === `corridors[${at(pack, 'caspian-crossing-aktau')}].legs[0]`);
    expect(ferry?.message).toMatch(/the water leg Aktau – Alat \(Port of Baku\) is drawn over land \(Azerbaijan\)/);
  });

  it('report a dot in the wrong country, in the sea, or on the border, at the map’s own resolution', () => {
    const pack = loadPack();
    const index = (id: string) => pack.places.findIndex((p) => p.id === id);
    const problems = problemsAfter((p) => {
      p.places[index('meghri')]!.at = [46.19, 38.86];
      p.places[index('julfa')]!.at = [45.63, 38.96];
      p.places[index('constanta')]!.at = [28.65, 44.17];
    });
    const message = (id: string) => problems.find((p) => p.field === `places[${index(id)}].at`)?.message;
    expect(message('meghri')).toMatch(/dot of Meghri in Iran on the map .*not in Armenia/);
    expect(message('julfa')).toMatch(/dot of Julfa on the border of Azerbaijan/);
    expect(message('constanta')).toMatch(/dot of Constanța in the sea/);
  });

  it('report a declared country the line never enters', () => {
    const pack = loadPack();
    const tanap = at(pack, 'tanap');
    const problems = problemsAfter((p) => p.corridors[tanap]!.countries!.push('armenia'));
    expect(problems).toEqual([{ file: 'pack.json', field: `corridors[${tanap}].countries`, message: expect.stringMatching(/lists Armenia, but the drawn line never enters it/) }]);
  });

  it('ask for the declarations a pack leaves out', () => {
    const problems = problemsAfter((p) => {
      delete p.corridors[0]!.countries;
      delete p.corridors[0]!.legs;
      delete p.places[0]!.country;
    });
    const fields = problems.map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['places[0].country', 'corridors[0].countries', 'corridors[0].legs']));
    expect(problems.find((p) => p.field === 'corridors[0].legs')?.message).toMatch(/one "land" or "water" per leg/);
  });

  it('put a country’s own anchor inside it', () => {
    const pack = loadPack();
    const russia = pack.actors.findIndex((a) => a.id === 'russia');
    const problems = problemsAfter((p) => { p.actors[russia]!.anchor = [66, 48]; });
    expect(problems).toEqual([{ file: 'pack.json', field: `actors[${russia}].anchor`, message: expect.stringMatching(/is in Kazakhstan on the map, not in Russia/) }]);
  });
});
