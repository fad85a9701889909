// Narration is given per language, like a text, but as a map of tracks rather
// than a LocalText: a track in a language the pack does not speak could never
// be played (the visitor cannot choose that language), so it is a mistake.
// A missing language is allowed: that language simply has no play button.
import { entries, isRecord, joinField } from './field-path.js';

type Report = (field: string, message: string) => void;

export function checkNarration(manifest: Record<string, unknown>, report: Report): void {
  if (!Array.isArray(manifest.languages)) return; // the schema reports it
  const languages = manifest.languages.filter((l): l is string => typeof l === 'string');
  if (languages.length === 0) return;
  entries(manifest.scenarios, 'scenarios').forEach(([s, at]) => {
    if (!isRecord(s.narration)) return;
    const tracks = joinField(at, 'narration');
    const seen = new Map<string, string>();
    for (const [lang, track] of Object.entries(s.narration)) {
      const field = joinField(tracks, lang);
      if (!languages.includes(lang)) {
        report(field, `is narration in '${lang}', which is not one of the pack's languages (${languages.join(', ')}); add it to "languages" or remove this track`);
      }
      if (!isRecord(track)) continue;
      // One file cannot be both a sound and its captions, nor two languages' speech.
      for (const key of ['audio', 'captions'] as const) {
        const file = track[key];
        if (typeof file !== 'string') continue;
        const earlier = seen.get(file);
        if (earlier !== undefined) report(joinField(field, key), `names "${file}", which ${earlier} already names; each track needs its own sound and captions files`);
        else seen.set(file, joinField(field, key));
      }
    }
  });
}
