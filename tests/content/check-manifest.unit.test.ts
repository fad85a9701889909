// checkManifest on broken manifests: each mistake a maintainer might make is
// reported at the right field, in words without validator jargon.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkManifest, type ManifestProblem } from '../../content/schema/check-manifest.js';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { loadPack } from './helpers/load-pack.js';

/** The problems checkManifest finds after `breakIt` edits a fresh copy of the built-in pack. */
function problemsAfter(breakIt: (pack: PackManifest & Record<string, unknown>) => void): ManifestProblem[] {
  const pack = loadPack() as PackManifest & Record<string, unknown>;
  breakIt(pack);
  return checkManifest(pack);
}

/** Asserts exactly one problem, at `field`, whose message matches `message`. */
function expectOne(problems: ManifestProblem[], field: string, message: RegExp | string): void {
  expect(problems, JSON.stringify(problems, null, 1)).toHaveLength(1);
  const [problem] = problems as [ManifestProblem];
  expect(problem.file).toBe('pack.json');
  expect(problem.field).toBe(field);
  if (typeof message === 'string') expect(problem.message).toContain(message);
  else expect(problem.message).toMatch(message);
}

const JARGON = /must NOT|must match|#\/|\$defs|instancePath|schemaPath|additionalProperties|propertyNames/;

describe('checkManifest: the form of the manifest', () => {
  it('reports a missing required field', () => {
    expectOne(problemsAfter((p) => { delete (p as Partial<PackManifest>).version; }), 'version', 'is required but missing');
  });

  it('explains a version that is not semver', () => {
    expectOne(problemsAfter((p) => { p.version = '1.0'; }), 'version', /"1\.0".*three whole numbers joined by dots, like 1\.0\.0/);
  });

  it('refuses another manifest format', () => {
    expectOne(problemsAfter((p) => { (p as Record<string, unknown>).format = 2; }), 'format', /must be 1.*not 2/);
  });

  it('explains an id that is not a lower-case slug', () => {
    expectOne(problemsAfter((p) => { p.id = 'Caspian 2025'; }), 'id', /lower-case letters, digits and single hyphens/);
  });

  it('explains a bad file hash and a file path that climbs out of the pack', () => {
    expectOne(problemsAfter((p) => { p.files = { 'images/baku.webp': 'ABC123' }; }), 'files["images/baku.webp"]', /64 characters/);
    expectOne(problemsAfter((p) => { p.files = { '../etc/passwd': 'a'.repeat(64) }; }), 'files["../etc/passwd"]', /the name "\.\.\/etc\/passwd" is not allowed/);
  });

  it('explains a bad interface string key', () => {
    expectOne(problemsAfter((p) => { p.strings = { 'attract prompt': { en: 'Turn a knob', es: 'Gira un mando' } }; }),
      'strings["attract prompt"]', /starts with a letter and uses only letters, digits/);
  });

  it('names an unknown field and an unknown kind', () => {
    expectOne(problemsAfter((p) => { (p.scenarios[0] as unknown as Record<string, unknown>).colour = 'red'; }),
      'scenarios[0].colour', 'is not a field the pack format knows');
    expectOne(problemsAfter((p) => { (p.corridors[1] as { kind: string }).kind = 'ferry'; }),
      'corridors[1].kind', "is 'ferry', but must be one of: rail, sea, road, pipeline, multimodal");
  });

  it('gives ranges for camera settings and coordinates', () => {
    expectOne(problemsAfter((p) => { p.scenarios[4]!.camera.zoom = 5; }), 'scenarios[4].camera.zoom', 'is 5, but must be between 0.8 and 4');
    expectOne(problemsAfter((p) => { p.places[0]!.at = [200, 40]; }), 'places[0].at[0]', 'the longitude is 200, but must be between -180 and 180');
    expectOne(problemsAfter((p) => { p.places[0]!.at = [49.8] as unknown as [number, number]; }), 'places[0].at', 'exactly two numbers');
  });

  it('asks countries for an ISO code and others for an anchor', () => {
    expectOne(problemsAfter((p) => { delete p.actors[0]!.iso; }), 'actors[0].iso', /required for a country/);
    // Israel: a country no place or route of the pack lies in, so only the actor itself is wrong.
    const israel = loadPack().actors.findIndex((a) => a.id === 'israel');
    const problems = problemsAfter((p) => { p.actors[israel]!.kind = 'organisation'; });
    expect(problems.map((x) => x.field).sort()).toEqual([`actors[${israel}].anchor`, `actors[${israel}].iso`]);
    // A country that places lie in cannot become an organisation unnoticed.
    const turned = problemsAfter((p) => { delete p.actors[0]!.iso; p.actors[0]!.kind = 'organisation'; p.actors[0]!.anchor = [49.9, 40.4]; });
    expect(turned.map((x) => x.field)).toContain('places[0].country');
    expect(turned.find((x) => x.field === 'places[0].country')?.message).toMatch(/not a country actor/);
  });

  it('says when a list is of the wrong type', () => {
    const problems = problemsAfter((p) => { (p as Record<string, unknown>).scenarios = {}; });
    expect(problems).toContainEqual({ file: 'pack.json', field: 'scenarios', message: 'should be a list [ ... ], but is a group of fields' });
  });

  it('refuses something that is not an object at all', () => {
    expect(checkManifest([])).toEqual([{ file: 'pack.json', field: '', message: expect.stringContaining('JSON object') }]);
    expect(checkManifest(null)).toHaveLength(1);
  });
});

describe('checkManifest: references', () => {
  it('names a scenario corridor the pack does not define', () => {
    expectOne(problemsAfter((p) => { p.scenarios[2]!.corridors[1] = 'trans-caspian-pipeline'; }),
      'scenarios[2].corridors[1]', "names corridor 'trans-caspian-pipeline', which the pack does not define");
  });

  it('checks relations, backers, routes, places, sources, timeline and lessons', () => {
    expectOne(problemsAfter((p) => { p.scenarios[0]!.relations[0]!.from = 'ottoman-empire'; }),
      'scenarios[0].relations[0].from', "names actor 'ottoman-empire'");
    expectOne(problemsAfter((p) => { p.corridors[0]!.backers.push('eurasian-union'); }),
      `corridors[0].backers[${loadPack().corridors[0]!.backers.length}]`, "names actor 'eurasian-union'");
    expectOne(problemsAfter((p) => { p.corridors[0]!.route[1] = 'atlantis'; }), 'corridors[0].route[1]', "names place 'atlantis'");
    expectOne(problemsAfter((p) => { p.scenarios[1]!.sources[0] = 'wikipedia'; }), 'scenarios[1].sources[0]', "names source 'wikipedia'");
    expectOne(problemsAfter((p) => { p.timeline[0]!.scenario = 'the-end'; }), 'timeline[0].scenario', "names scenario 'the-end'");
    expectOne(problemsAfter((p) => { p.timeline[0]!.highlight = ['nowhere']; }), 'timeline[0].highlight[0]', "names actor or place 'nowhere'");
    expectOne(problemsAfter((p) => { p.lessons![0]!.steps[1]!.event = 'moon-landing'; }), 'lessons[0].steps[1].event', "names timeline event 'moon-landing'");
    expectOne(problemsAfter((p) => { p.lessons![0]!.steps[0]!.scenario = 'intro'; }), 'lessons[0].steps[0].scenario', "names scenario 'intro'");
  });

  it('checks the map declarations: countries of places and corridors, one surface per leg', () => {
    expectOne(problemsAfter((p) => { p.places[0]!.country = 'azerbayjan'; }), 'places[0].country', "names actor 'azerbayjan'");
    expectOne(problemsAfter((p) => { p.corridors[0]!.countries = ['china', 'eu']; }), 'corridors[0].countries[1]', /'eu', which is not a country actor/);
    const legs = loadPack().corridors[0]!.route.length - 1;
    expectOne(problemsAfter((p) => { p.corridors[0]!.legs = ['land']; }), 'corridors[0].legs', `has 1 entries, but the route of ${legs + 1} places has ${legs} legs`);
    expectOne(problemsAfter((p) => { p.corridors[0]!.legs![0] = 'air' as 'land'; }), 'corridors[0].legs[0]', 'must be one of: land, water');
  });

  it('asks editors\' context to say what the editors added, and a real date for asOf', () => {
    const at = loadPack().sources.findIndex((s) => s.kind === 'editors-context');
    expectOne(problemsAfter((p) => { delete p.sources[at]!.note; }), `sources[${at}]`, "is editors' context but has no \"note\"");
    expectOne(problemsAfter((p) => { p.asOf = '2025-02-30'; }), 'asOf', "'2025-02-30' is not a real calendar date");
  });

  it('finds duplicate ids', () => {
    expectOne(problemsAfter((p) => { p.places.push({ ...p.places[3]! }); }),
      `places[${loadPack().places.length}].id`, `uses the id '${loadPack().places[3]!.id}', which places[3] already uses`);
  });

  it('refuses a relation from an actor to itself', () => {
    expectOne(problemsAfter((p) => { p.scenarios[0]!.relations[0]!.to = p.scenarios[0]!.relations[0]!.from; }),
      'scenarios[0].relations[0].to', 'to itself');
  });

  it('needs two places on a route and a source for every scenario', () => {
    expectOne(problemsAfter((p) => { p.corridors[0]!.route = ['baku']; }), 'corridors[0].route', 'must list at least two places');
    expectOne(problemsAfter((p) => { p.scenarios[3]!.sources = []; }), 'scenarios[3].sources', 'must list at least one source');
  });
});

describe('checkManifest: texts and timeline', () => {
  it('names a missing translation and its language', () => {
    expectOne(problemsAfter((p) => { delete p.scenarios[3]!.more.es; }), 'scenarios[3].more', "has no text in 'es' (Spanish)");
    expectOne(problemsAfter((p) => { delete p.corridors[2]!.name.en; }), 'corridors[2].name', "has no text in 'en' (English)");
  });

  it('names a text in a language the pack does not declare', () => {
    expectOne(problemsAfter((p) => { p.places[0]!.name.fr = 'Bakou'; }), 'places[0].name.fr', "'fr' (French), which is not one of the pack's languages (en, es)");
  });

  it('refuses a blank text', () => {
    expectOne(problemsAfter((p) => { p.timeline[2]!.title.es = '   '; }), 'timeline[2].title.es', 'is blank');
  });

  it('allows a 60-word summary and refuses 61 words', () => {
    const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i}`).join(' ');
    expect(problemsAfter((p) => { p.scenarios[0]!.summary.en = words(60); })).toEqual([]);
    expectOne(problemsAfter((p) => { p.scenarios[0]!.summary.en = words(61); }), 'scenarios[0].summary.en', 'is 61 words long; a museum label may have at most 60 words');
  });

  it('finds a timeline out of date order', () => {
    const problems = problemsAfter((p) => { [p.timeline[3], p.timeline[4]] = [p.timeline[4]!, p.timeline[3]!]; });
    expectOne(problems, 'timeline[4].date', /earlier than timeline\[3\].*keep the timeline in date order/);
  });

  it('accepts mixed precision in order and catches a sequence that drifts backwards', () => {
    const dated = (...dates: string[]) => problemsAfter((p) => {
      p.timeline = dates.map((date, i) => ({ ...p.timeline[0]!, id: `e${i}`, date }));
      p.lessons = [];
    });
    expect(dated('2025-07-10', '2025-07', '2025-07-30', '2026')).toEqual([]);
    expectOne(dated('2025-07-10', '2025-07', '2025-07-05'), 'timeline[2].date', /earlier than timeline\[0\] \(2025-07-10\)/);
  });

  it('refuses impossible and malformed dates', () => {
    expectOne(problemsAfter((p) => { p.timeline[0]!.date = '2013-02-29'; }), 'timeline[0].date', "'2013-02-29' is not a real calendar date");
    expect(problemsAfter((p) => { p.timeline[0]!.date = '2012-02-29'; })).toEqual([]);
    expectOne(problemsAfter((p) => { p.timeline[0]!.date = '7 Sept 2013'; }), 'timeline[0].date', /YYYY, YYYY-MM or YYYY-MM-DD/);
  });
});

describe('checkManifest: robustness', () => {
  it('never throws, never speaks jargon, and leaves its input unchanged, whatever the input', () => {
    const base = loadPack();
    fc.assert(fc.property(fc.jsonValue(), fc.constantFrom('scenarios', 'actors', 'timeline', 'title', 'files', 'lessons', 'places'), (junk, key) => {
      const pack = { ...structuredClone(base), [key]: junk } as Record<string, unknown>;
      const before = JSON.stringify(pack);
      const problems = [...checkManifest(pack), ...checkManifest(junk)];
      expect(JSON.stringify(pack)).toBe(before);
      for (const p of problems) {
        expect(p.file).toBe('pack.json');
        expect(typeof p.field).toBe('string');
        // Quoted text is the maintainer's own input, echoed back; only our words must be plain.
        expect(p.message.replace(/"[^"]*"|(?<=\s)'[^']*'(?=$|[\s,.;:)])/g, '""')).not.toMatch(JARGON);
      }
    }), { numRuns: 150 });
  });

  it('reports many mistakes at once, each once', () => {
    const problems = problemsAfter((p) => {
      p.version = 'one';
      p.scenarios[0]!.corridors.push('nowhere');
      delete p.scenarios[1]!.title.es;
    });
    expect(problems.map((x) => x.field)).toEqual(['version', `scenarios[0].corridors[${loadPack().scenarios[0]!.corridors.length}]`, 'scenarios[1].title']);
  });
});
