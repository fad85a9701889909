// Every text of the pack in every language of the pack, and museum labels
// short enough to read standing up.
import { entries, isRecord, joinField } from './field-path.js';
import { PROBLEM_CODES, type ReportProblem as Report } from './manifest-problem.js';

export const SUMMARY_MAX_WORDS = 60;

/** Words as a reader counts them: runs of text holding a letter or digit (a lone dash is no word). */
export function wordCount(text: string): number {
  return text.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

function languageLabel(tag: string): string {
  let name: string | undefined;
  try { name = LANGUAGE_NAMES.of(tag); } catch { name = undefined; } // a malformed tag has no name
  return name && name !== tag ? `'${tag}' (${name})` : `'${tag}'`;
}

export function checkTexts(manifest: Record<string, unknown>, report: Report): void {
  const languages = Array.isArray(manifest.languages)
    ? [...new Set(manifest.languages.filter((l): l is string => typeof l === 'string'))]
    : [];
  if (languages.length === 0) return; // the schema reports it; nothing to compare against
  const text = (value: unknown, at: string): void => checkLocalText(value, at, languages, report);

  text(manifest.title, 'title');
  if (isRecord(manifest.credits)) text(manifest.credits.affiliation, 'credits.affiliation');
  for (const list of ['actors', 'places', 'corridors'] as const) {
    entries(manifest[list], list).forEach(([item, at]) => {
      text(item.name, joinField(at, 'name'));
      text(item.note, joinField(at, 'note'));
    });
  }
  entries(manifest.scenarios, 'scenarios').forEach(([s, at]) => {
    for (const key of ['title', 'summary', 'more'] as const) text(s[key], joinField(at, key));
    entries(s.relations, joinField(at, 'relations')).forEach(([r, rel]) => text(r.reason, joinField(rel, 'reason')));
    checkSummaryLength(s.summary, joinField(at, 'summary'), report);
  });
  entries(manifest.timeline, 'timeline').forEach(([e, at]) => {
    text(e.title, joinField(at, 'title'));
    text(e.text, joinField(at, 'text'));
  });
  entries(manifest.sources, 'sources').forEach(([src, at]) => text(src.note, joinField(at, 'note')));
  entries(manifest.images, 'images').forEach(([img, at]) => {
    text(img.alt, joinField(at, 'alt'));
    text(img.credit, joinField(at, 'credit'));
  });
  entries(manifest.lessons, 'lessons').forEach(([l, at]) => {
    text(l.title, joinField(at, 'title'));
    entries(l.steps, joinField(at, 'steps')).forEach(([step, st]) => text(step.prompt, joinField(st, 'prompt')));
  });
  if (isRecord(manifest.strings)) {
    for (const [key, value] of Object.entries(manifest.strings)) text(value, joinField('strings', key));
  }
}

function checkLocalText(value: unknown, at: string, languages: readonly string[], report: Report): void {
  if (!isRecord(value)) return; // absent optional text, or a wrong type the schema reports
  const list = languages.join(', ');
  for (const lang of languages) {
    const t = value[lang];
    if (t === undefined) {
      report(at, `has no text in ${languageLabel(lang)}; every text needs each of the pack's languages (${list})`, { code: PROBLEM_CODES.textMissingLanguage, params: { language: lang, languages: list } });
    } else if (typeof t === 'string' && t.length > 0 && t.trim() === '') {
      report(joinField(at, lang), 'is blank; write the text or remove the language from the pack', { code: PROBLEM_CODES.textBlank, params: { language: lang } });
    }
  }
  for (const lang of Object.keys(value)) {
    if (!languages.includes(lang)) {
      report(joinField(at, lang), `is a text in ${languageLabel(lang)}, which is not one of the pack's languages (${list}); add it to "languages" or remove this text`, { code: PROBLEM_CODES.textExtraLanguage, params: { language: lang, languages: list } });
    }
  }
}

function checkSummaryLength(summary: unknown, at: string, report: Report): void {
  if (!isRecord(summary)) return;
  for (const [lang, t] of Object.entries(summary)) {
    if (typeof t !== 'string') continue;
    const words = wordCount(t);
    if (words > SUMMARY_MAX_WORDS) {
      report(joinField(at, lang), `is ${words} words long; a museum label may have at most ${SUMMARY_MAX_WORDS} words, so shorten it or move detail to "more"`, { code: PROBLEM_CODES.summaryTooLong, params: { words, max: SUMMARY_MAX_WORDS } });
    }
  }
}
