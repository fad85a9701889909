// Checks a schema can't express: ids unique, references resolve, texts in
// every language, label lengths, relation ends, timeline order. Written to
// walk a manifest that may also break the schema, so it never throws.
import type { ManifestProblem } from './check-manifest.js';
import { entries, isRecord, joinField } from './field-path.js';
import { checkTexts } from './manifest-texts.js';
import { checkTimelineOrder } from './timeline-dates.js';

type Report = (field: string, message: string) => void;

const LISTS = ['actors', 'places', 'corridors', 'scenarios', 'timeline', 'sources', 'lessons'] as const;
type ListName = (typeof LISTS)[number];

/** What a reference points at, as a maintainer would say it. */
const NOUNS: Record<ListName, string> = {
  actors: 'actor', places: 'place', corridors: 'corridor', scenarios: 'scenario',
  timeline: 'timeline event', sources: 'source', lessons: 'lesson',
};

export function semanticProblems(manifest: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  if (!isRecord(manifest)) return problems;
  const report: Report = (field, message) => problems.push({ file: 'pack.json', field, message });
  const ids = collectIds(manifest, report);
  const refs = new References(ids, report);

  entries(manifest.corridors, 'corridors').forEach(([c, at]) => {
    refs.check(c.backers, joinField(at, 'backers'), ['actors']);
    refs.check(c.route, joinField(at, 'route'), ['places']);
  });
  entries(manifest.scenarios, 'scenarios').forEach(([s, at]) => {
    refs.check(s.highlight, joinField(at, 'highlight'), ['actors']);
    refs.check(s.corridors, joinField(at, 'corridors'), ['corridors']);
    refs.check(s.places, joinField(at, 'places'), ['places']);
    refs.check(s.sources, joinField(at, 'sources'), ['sources']);
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
  });
  entries(manifest.lessons, 'lessons').forEach(([l, at]) => {
    entries(l.steps, joinField(at, 'steps')).forEach(([step, st]) => {
      refs.checkOne(step.scenario, joinField(st, 'scenario'), ['scenarios']);
      if (step.event !== undefined) refs.checkOne(step.event, joinField(st, 'event'), ['timeline']);
    });
  });

  checkTexts(manifest, report);
  checkTimelineOrder(manifest.timeline, report);
  return problems;
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
