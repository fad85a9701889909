// Checks a schema can't express: ids unique, references resolve (pictures
// too), texts in every language, label lengths, relation ends, timeline order,
// one surface per leg, narration only in the pack's languages. (Where routes run on the map is the bridge's map check.) Written to
// walk a manifest that may also break the schema, so it never throws.
import type { ManifestProblem, ReportProblem } from './manifest-problem.js';
import { entries, isRecord, joinField } from './field-path.js';
import { checkNarration } from './manifest-media.js';
import { checkTexts } from './manifest-texts.js';
import { checkTimelineOrder, parseDate } from './timeline-dates.js';

type Report = ReportProblem;

const LISTS = ['actors', 'places', 'corridors', 'scenarios', 'timeline', 'sources', 'lessons', 'images'] as const;
type ListName = (typeof LISTS)[number];

/** What a reference points at, as a maintainer would say it. */
const NOUNS: Record<ListName, string> = {
  actors: 'actor', places: 'place', corridors: 'corridor', scenarios: 'scenario',
  timeline: 'timeline event', sources: 'source', lessons: 'lesson', images: 'image',
};

export function semanticProblems(manifest: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  if (!isRecord(manifest)) return problems;
  const report: Report = (field, message, kind) => problems.push({ file: 'pack.json', field, message, ...kind });
  const ids = collectIds(manifest, report);
  const refs = new References(ids, report);

  const countries = countryActors(manifest);
  const isCountry = (id: unknown, field: string): void => {
    if (typeof id === 'string' && ids.get('actors')?.has(id) && !countries.has(id)) {
      report(field, `names '${id}', which is not a country actor (kind "country"); only countries can be crossed or hold a place`);
    }
  };
  entries(manifest.places, 'places').forEach(([p, at]) => {
    refs.checkOne(p.country, joinField(at, 'country'), ['actors']);
    isCountry(p.country, joinField(at, 'country'));
  });
  entries(manifest.corridors, 'corridors').forEach(([c, at]) => {
    refs.check(c.backers, joinField(at, 'backers'), ['actors']);
    refs.check(c.route, joinField(at, 'route'), ['places']);
    refs.check(c.countries, joinField(at, 'countries'), ['actors']);
    if (Array.isArray(c.countries)) c.countries.forEach((id, i) => isCountry(id, joinField(joinField(at, 'countries'), i)));
    // A route too short for legs is the schema's to report.
    if (Array.isArray(c.legs) && Array.isArray(c.route) && c.route.length >= 2 && c.legs.length !== c.route.length - 1) {
      report(joinField(at, 'legs'), `has ${c.legs.length} entries, but the route of ${c.route.length} places has ${c.route.length - 1} legs; give one "land" or "water" per leg`);
    }
  });
  entries(manifest.sources, 'sources').forEach(([s, at]) => {
    if (s.kind === 'editors-context' && s.note === undefined) {
      report(at, `is editors' context but has no "note"; say which facts the editors added, in every language`);
    }
  });
  if (typeof manifest.asOf === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(manifest.asOf) && !parseDate(manifest.asOf)) {
    report('asOf', `'${manifest.asOf}' is not a real calendar date`);
  }
  entries(manifest.scenarios, 'scenarios').forEach(([s, at]) => {
    refs.check(s.highlight, joinField(at, 'highlight'), ['actors']);
    refs.check(s.corridors, joinField(at, 'corridors'), ['corridors']);
    refs.check(s.places, joinField(at, 'places'), ['places']);
    refs.check(s.sources, joinField(at, 'sources'), ['sources']);
    refs.check(s.images, joinField(at, 'images'), ['images']);
    entries(s.relations, joinField(at, 'relations')).forEach(([r, rel]) => {
      refs.checkOne(r.from, joinField(rel, 'from'), ['actors']);
      refs.checkOne(r.to, joinField(rel, 'to'), ['actors']);
      if (typeof r.from === 'string' && r.from === r.to) {
        report(joinField(rel, 'to'), `links '${r.from}' to itself; a relation needs two different actors`);
      }
    });
  });
  entries(manifest.timeline, 'timeline').forEach(([e, at]) => {
    refs.checkOne(e.scenario, joinField(at, 'scenario'), ['scenarios']);
    refs.check(e.highlight, joinField(at, 'highlight'), ['actors', 'places']);
    refs.check(e.sources, joinField(at, 'sources'), ['sources']);
    if (e.image !== undefined) refs.checkOne(e.image, joinField(at, 'image'), ['images']);
  });
  entries(manifest.lessons, 'lessons').forEach(([l, at]) => {
    entries(l.steps, joinField(at, 'steps')).forEach(([step, st]) => {
      refs.checkOne(step.scenario, joinField(st, 'scenario'), ['scenarios']);
      if (step.event !== undefined) refs.checkOne(step.event, joinField(st, 'event'), ['timeline']);
    });
  });

  checkTexts(manifest, report);
  checkNarration(manifest, report);
  checkTimelineOrder(manifest.timeline, report);
  return problems;
}

/** Ids of the actors that are countries (their ISO code is the schema's to require). */
function countryActors(manifest: Record<string, unknown>): Set<string> {
  const out = new Set<string>();
  for (const [a] of entries(manifest.actors, 'actors')) if (a.kind === 'country' && typeof a.id === 'string') out.add(a.id);
  return out;
}

function collectIds(manifest: Record<string, unknown>, report: Report): Map<ListName, Set<string>> {
  const ids = new Map<ListName, Set<string>>();
  for (const list of LISTS) {
    const firstAt = new Map<string, string>();
    for (const [item, at] of entries(manifest[list], list)) {
      if (typeof item.id !== 'string') continue;
      const earlier = firstAt.get(item.id);
      if (earlier !== undefined) {
        report(joinField(at, 'id'), `uses the id '${item.id}', which ${earlier} already uses; each ${NOUNS[list]} needs its own id`);
      } else {
        firstAt.set(item.id, at);
      }
    }
    ids.set(list, new Set(firstAt.keys()));
  }
  return ids;
}

class References {
  constructor(private readonly ids: Map<ListName, Set<string>>, private readonly report: Report) {}

  check(value: unknown, at: string, kinds: readonly ListName[]): void {
    if (!Array.isArray(value)) return;
    value.forEach((id, i) => this.checkOne(id, joinField(at, i), kinds));
  }

  checkOne(id: unknown, at: string, kinds: readonly ListName[]): void {
    if (typeof id !== 'string') return; // the schema reports the wrong type
    if (kinds.some((k) => this.ids.get(k)?.has(id))) return;
    const noun = kinds.map((k) => NOUNS[k]).join(' or ');
    const where = kinds.map((k) => `"${k}"`).join(' or ');
    this.report(at, `names ${noun} '${id}', which the pack does not define (add it to ${where} or fix the spelling)`);
  }
}
