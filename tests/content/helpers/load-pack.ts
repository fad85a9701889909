// Reads the built-in pack and the files the content tests compare it with.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LocalText, PackManifest } from '../../../content/schema/pack-types.js';

const here = (path: string): URL => new URL(path, import.meta.url);

export const PACK_URL = here('../../../content/packs/caspian-2025/pack.json');
export const SCHEMA_URL = here('../../../content/schema/pack.schema.json');
export const SOURCE_URL = here('../fixtures/caspian-analysis.txt');

/** A fresh copy of the built-in manifest each call, so a test may break it freely. */
export function loadPack(): PackManifest {
  return JSON.parse(readFileSync(PACK_URL, 'utf8')) as PackManifest;
}

/** The built-in pack's other files (its pictures, narration, captions), path -> bytes, as pack.json "files" lists them. */
export function loadPackFiles(): Record<string, Buffer> {
  return Object.fromEntries(Object.keys(loadPack().files).map((path) => [path, readFileSync(new URL(path, PACK_URL))]));
}

export function loadJson(url: URL): unknown {
  return JSON.parse(readFileSync(url, 'utf8'));
}

export function loadWorldAtlasIds(): Set<string> {
  const require = createRequire(import.meta.url);
  const atlas = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as {
    objects: { countries: { geometries: Array<{ id?: string }> } };
  };
  return new Set(atlas.objects.countries.geometries.map((g) => g.id).filter((id): id is string => id !== undefined));
}

/** Every LocalText in the manifest with where it sits. */
export function localTexts(pack: PackManifest): Array<{ at: string; text: LocalText }> {
  const out: Array<{ at: string; text: LocalText }> = [];
  const add = (at: string, text: LocalText | undefined): void => { if (text) out.push({ at, text }); };
  add('title', pack.title);
  add('credits.affiliation', pack.credits.affiliation);
  pack.actors.forEach((a, i) => add(`actors[${i}].name`, a.name));
  pack.places.forEach((p, i) => add(`places[${i}].name`, p.name));
  pack.corridors.forEach((c, i) => { add(`corridors[${i}].name`, c.name); add(`corridors[${i}].note`, c.note); });
  pack.scenarios.forEach((s, i) => {
    add(`scenarios[${i}].title`, s.title);
    add(`scenarios[${i}].summary`, s.summary);
    add(`scenarios[${i}].more`, s.more);
    s.relations.forEach((r, j) => add(`scenarios[${i}].relations[${j}].reason`, r.reason));
  });
  pack.timeline.forEach((e, i) => { add(`timeline[${i}].title`, e.title); add(`timeline[${i}].text`, e.text); });
  (pack.lessons ?? []).forEach((l, i) => {
    add(`lessons[${i}].title`, l.title);
    l.steps.forEach((s, j) => add(`lessons[${i}].steps[${j}].prompt`, s.prompt));
  });
  return out;
}
