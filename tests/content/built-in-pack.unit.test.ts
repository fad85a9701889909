// The built-in pack: valid, complete in both languages, on the map, cited,
// and written in its own words rather than copied from the analysis.
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { checkManifest, wordCount } from '../../content/schema/check-manifest.js';
import { PACK_URL, SCHEMA_URL, SOURCE_URL, loadJson, loadPack, loadWorldAtlasIds, localTexts } from './helpers/load-pack.js';

// The kiosk's map covers roughly this box around the Caspian (about 50.5E 41.5N).
const MAP = { west: 8, east: 90, south: 26, north: 60 };
const inMap = ([lon, lat]: [number, number]): boolean =>
  lon >= MAP.west && lon <= MAP.east && lat >= MAP.south && lat <= MAP.north;

const pack = loadPack();

describe('the built-in caspian-2025 pack', () => {
  it('passes checkManifest with no problems', () => {
    expect(checkManifest(pack)).toEqual([]);
  });

  it('matches the JSON Schema on its own, as an editor would check it', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(loadJson(SCHEMA_URL) as object);
    expect(validate(loadJson(PACK_URL)), JSON.stringify(validate.errors)).toBe(true);
    expect(pack.$schema).toBe('../../schema/pack.schema.json');
  });

  it('has the identity the kiosk and installer expect', () => {
    expect(pack).toMatchObject({ format: 1, id: 'caspian-2025', version: '1.0.0', languages: ['en', 'es'], files: {}, minKioskVersion: '0.1.0' });
    expect(pack.credits.analyst).toBe('Rafael Santiago Orti');
    expect(pack.credits.affiliation?.en).toMatch(/Complutense University of Madrid/);
    expect(pack.credits.affiliation?.es).toMatch(/Universidad Complutense de Madrid/);
  });

  it('tells the story in the agreed order', () => {
    expect(pack.scenarios.map((s) => s.id)).toEqual([
      'region-in-realignment', 'across-the-caspian', 'middle-corridor', 'russias-dilemma',
      'zangezur-syunik', 'gas-to-europe', 'moscow-and-baku', 'new-balance',
    ]);
  });

  it('gives every scenario a source, both languages and texts of the right length', () => {
    for (const s of pack.scenarios) {
      expect(s.sources.length, s.id).toBeGreaterThan(0);
      for (const lang of ['en', 'es']) {
        for (const text of [s.title, s.summary, s.more]) expect(text[lang]?.trim(), `${s.id} ${lang}`).toBeTruthy();
        expect(wordCount(s.summary[lang] ?? ''), `${s.id} summary ${lang}`).toBeLessThanOrEqual(60);
        // A secondary panel is read standing: about 150 words (a language may run a tenth longer).
        const more = wordCount(s.more[lang] ?? '');
        expect(more, `${s.id} more ${lang}`).toBeGreaterThanOrEqual(110);
        expect(more, `${s.id} more ${lang}`).toBeLessThanOrEqual(lang === 'en' ? 160 : 170);
      }
    }
  });

  it('names every country by an ISO code that world-atlas draws', () => {
    const atlas = loadWorldAtlasIds();
    const countries = pack.actors.filter((a) => a.kind === 'country');
    expect(countries.length).toBeGreaterThanOrEqual(17);
    for (const c of countries) expect(atlas.has(c.iso ?? ''), `${c.id} ${c.iso}`).toBe(true);
    expect(pack.actors.find((a) => a.id === 'azerbaijan')?.iso).toBe('031');
    expect(pack.actors.find((a) => a.id === 'armenia')?.iso).toBe('051');
  });

  it('keeps every place, anchor and camera centre inside the map', () => {
    for (const p of pack.places) expect(inMap(p.at), p.id).toBe(true);
    for (const a of pack.actors) if (a.anchor) expect(inMap(a.anchor), a.id).toBe(true);
    for (const s of pack.scenarios) expect(inMap(s.camera.center), s.id).toBe(true);
  });

  it('draws the corridors the story needs, neutrally named', () => {
    const byId = new Map(pack.corridors.map((c) => [c.id, c]));
    const zangezur = byId.get('zangezur-syunik');
    expect(zangezur?.name.en).toBe("Zangezur corridor (Baku's name) / Syunik corridor (Yerevan's name)");
    expect(zangezur?.status).toBe('proposed');
    expect(zangezur?.route).toEqual(expect.arrayContaining(['horadiz', 'meghri', 'julfa', 'nakhchivan', 'kars']));
    expect(zangezur?.backers).toEqual(['azerbaijan', 'turkey', 'eu']);
    expect(byId.get('tap')?.route.at(-1)).toBe('san-foca');
    // The South Caucasus Pipeline ends at the Georgian–Turkish border, where TANAP begins.
    expect(byId.get('south-caucasus-pipeline')?.route).toEqual(['sangachal', 'tbilisi', 'turkgozu']);
    expect(byId.get('tanap')?.route[0]).toBe('turkgozu');
    // The analysis names no Russia–Afghanistan route, so the map draws none.
    expect(byId.has('russia-afghanistan-route')).toBe(false);
    for (const c of pack.corridors) expect(new Set(c.route).size, c.id).toBe(c.route.length);
  });

  it('dates the events the analysis mentions, each opening a scenario', () => {
    const byId = new Map(pack.timeline.map((e) => [e.id, e]));
    expect(byId.get('azal-crash')?.date).toBe('2024-12-25');
    expect(byId.get('azal-crash')?.text.en).toMatch(/\b38\b/);
    expect(byId.get('abu-dhabi-meeting')?.date).toBe('2025-07-10');
    expect(byId.get('taliban-recognition')?.date).toMatch(/^2025-07/);
    expect(byId.get('ukraine-invasion')?.date).toBe('2022-02-24');
    for (const id of ['karabakh-war-2020', 'turkmen-succession', 'karabakh-2023', 'israel-iran-2025', 'yekaterinburg-raids', 'sputnik-arrests']) {
      expect(byId.has(id), id).toBe(true);
    }
  });

  it('cites the analysis as untitled, and marks what the editors added as their own context', () => {
    const analysis = pack.sources.find((s) => s.id === 'santiago-orti-2025')!;
    expect(analysis).toMatchObject({ author: 'Rafael Santiago Orti', untitled: true, title: 'untitled analysis' });
    const editors = pack.sources.filter((s) => s.kind === 'editors-context');
    expect(editors.length).toBeGreaterThanOrEqual(3);
    for (const s of editors) {
      expect(s.author, s.id).toBe(pack.credits.editors);
      // The kiosk labels it "Editors' context"; the note says what they added.
      expect(s.note?.en?.trim(), s.id).toBeTruthy();
      expect(s.note?.es?.trim(), s.id).toBeTruthy();
    }
    // Outside facts rest on an entry that contains them.
    const cites = (eventId: string) => pack.timeline.find((e) => e.id === eventId)!.sources;
    expect(cites('azal-crash')).toContain('editors-azal');
    expect(cites('karabakh-2023')).toContain('editors-karabakh-2023');
    for (const id of ['bri-launch', 'israel-iran-2025', 'ukraine-invasion']) expect(cites(id), id).toContain('editors-dates');
    for (const s of pack.scenarios) if (s.corridors.length > 0) expect(s.sources, s.id).toContain('editors-routes');
  });

  it('stands at July 2025 and dates nothing more precisely than its sources', () => {
    expect(pack.asOf).toBe('2025-07');
    for (const e of pack.timeline) expect(e.date <= '2025-07-31', e.id).toBe(true);
    // The State Department briefing is dated only 2025, and so is the lease it describes.
    expect(pack.timeline.find((e) => e.id === 'us-lease-idea')?.date).toBe('2025');
    expect(pack.timeline.find((e) => e.id === 'israel-iran-2025')?.sources).toContain('editors-dates');
  });

  it('attributes the judgements of every label to the analyst or the analysis', () => {
    const byline = /Santiago Orti|the analysis|the author|he argues|he writes|el análisis|el autor|sostiene|escribe/i;
    for (const s of pack.scenarios) for (const lang of ['en', 'es']) expect(s.summary[lang], `${s.id} ${lang}`).toMatch(byline);
  });

  it('cites the analysis and all six footnotes with their dates as printed', () => {
    const byNote = new Map(pack.sources.filter((s) => s.footnote).map((s) => [s.footnote, s]));
    expect([...byNote.keys()].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(byNote.get(1)?.dateAsCited).toBe('30/07/2025');
    expect(byNote.get(2)?.dateAsCited).toBe('07/11/2025');
    expect(byNote.get(3)?.dateAsCited).toBe('04/07/2025');
    expect(byNote.get(6)?.dateAsCited).toBe('08/07/2025');
    expect(pack.sources.some((s) => s.author === 'Rafael Santiago Orti' && !s.footnote)).toBe(true);
  });

  it('offers the eight-step lesson with a prompt in both languages at every step', () => {
    const lesson = pack.lessons?.find((l) => l.title.en === 'The Caspian in eight steps');
    expect(lesson?.steps.map((s) => s.scenario)).toEqual(pack.scenarios.map((s) => s.id));
    for (const step of lesson?.steps ?? []) {
      expect(step.prompt?.en?.trim()).toBeTruthy();
      expect(step.prompt?.es?.trim()).toBeTruthy();
    }
  });

  it('copies no run of 8 words from the analysis into its English texts', () => {
    const source = readFileSync(SOURCE_URL, 'utf8');
    expect(source.length).toBeGreaterThan(15_000);
    // The credit line quotes the analyst's own byline, as a credit should.
    const texts = localTexts(pack).filter(({ at }) => at !== 'credits.affiliation').map(({ at, text }) => ({ at, text: text.en ?? '' }));
    expect(copiedRuns(texts, source, 8)).toEqual([]);
  });

  it('has a copy guard that does notice a copied sentence', () => {
    const source = readFileSync(SOURCE_URL, 'utf8');
    const planted = 'As the label says, the emergence of the Middle Corridor as a key route for Eurasian connectivity is no accident.';
    // 14 shared words hold seven runs of 8.
    expect(copiedRuns([{ at: 'planted', text: planted }], source, 8)).toHaveLength(7);
  });
});

/** Every run of n words of the texts that also appears in the source, ignoring case and punctuation. */
function copiedRuns(texts: Array<{ at: string; text: string }>, source: string, n: number): string[] {
  const words = (t: string): string[] => t.toLowerCase().replace(/[\u2018\u2019]/g, "'").split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  const src = words(source);
  const runs = new Set<string>();
  for (let i = 0; i + n <= src.length; i++) runs.add(src.slice(i, i + n).join(' '));
  const copied: string[] = [];
  for (const { at, text } of texts) {
    const w = words(text);
    for (let i = 0; i + n <= w.length; i++) {
      const run = w.slice(i, i + n).join(' ');
      if (runs.has(run)) copied.push(`${at}: "${run}"`);
    }
  }
  return copied;
}
