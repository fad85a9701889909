// The proof sheet a curator signs off: every scenario in every language, its
// screenshot at the kiosk's size and its texts (title, summary, longer text,
// sources), plus the places an overlay hides on each screen size. One
// self-contained HTML page: images inline as data: URLs, no script, print CSS
// (one scenario and language a page). Pure: the run that takes the
// screenshots is proof-run.ts.

import type { PackManifest, Source } from '../../content/schema/pack-types.js';

export interface ProofShot {
  scenario: string;
  language: string;
  /** A JPEG, base64. */
  jpeg: string;
}

export interface ProofHidden {
  scenario: string;
  language: string;
  /** The screen: `1920x1080`. */
  size: string;
  place: string;
  under: string;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function text(value: unknown, language: string): string {
  const entry = (value ?? {}) as Record<string, string>;
  return entry[language] ?? '';
}

function sourceLine(source: Source | undefined, id: string, language: string): string {
  if (!source) return `<li>${escape(id)} (not in the pack's sources)</li>`;
  const s = source as unknown as Record<string, unknown>;
  const parts = [s.author, s.title, s.publisher, s.date].filter((p): p is string => typeof p === 'string' && p !== '');
  const note = text(s.note, language);
  return `<li><span class="id">${escape(id)}</span>: ${escape(parts.join(', '))}${note ? ` <span class="note">(${escape(note)})</span>` : ''}</li>`;
}

const STYLE = `
body { font-family: 'Noto Sans', 'DejaVu Sans', sans-serif; margin: 1.5em; color: #111; }
header { margin-bottom: 1.5em; }
.sheet { border-top: 2px solid #333; padding-top: 1em; margin-top: 1.5em; break-inside: avoid; }
.sheet img { width: 100%; height: auto; border: 1px solid #999; }
.meta { color: #555; font-size: 0.9em; }
.more { white-space: pre-wrap; }
.hidden { color: #8a3b00; }
.sign { margin-top: 1.5em; }
.sign span { display: inline-block; min-width: 14em; border-bottom: 1px solid #333; margin-right: 2em; }
@page { size: A4 portrait; margin: 12mm; }
@media print { body { margin: 0; } .sheet { break-before: page; border-top: none; margin-top: 0; } }
`;

export function proofSheet(pack: PackManifest, shots: ProofShot[], hidden: ProofHidden[], madeAt: Date): string {
  const sources = new Map(pack.sources.map((s) => [s.id, s]));
  const sheets: string[] = [];
  for (const language of pack.languages) {
    pack.scenarios.forEach((scenario, i) => {
      const shot = shots.find((s) => s.scenario === scenario.id && s.language === language);
      const under = hidden.filter((h) => h.scenario === scenario.id && h.language === language);
      sheets.push(`<section class="sheet" data-scenario="${escape(scenario.id)}" lang="${escape(language)}">
<p class="meta">${i + 1} / ${pack.scenarios.length} · ${escape(scenario.id)} · ${escape(language)}</p>
<h2>${escape(text(scenario.title, language))}</h2>
${shot ? `<img alt="${escape(text(scenario.title, language))}" src="data:image/jpeg;base64,${shot.jpeg}">` : '<p class="hidden">no screenshot</p>'}
<p class="summary">${escape(text(scenario.summary, language))}</p>
<p class="more">${escape(text(scenario.more, language))}</p>
<h3>Sources</h3>
<ul class="sources">${(scenario.sources ?? []).map((id) => sourceLine(sources.get(id), id, language)).join('')}</ul>
${under.length ? `<h3>Hidden under an overlay</h3><ul class="hidden">${under.map((h) => `<li>${escape(h.place)}: under the ${escape(h.under)} at ${escape(h.size)}</li>`).join('')}</ul>` : ''}
</section>`);
    });
  }
  const title = text(pack.title, pack.languages[0] ?? 'en');
  return `<!doctype html>
<html lang="${escape(pack.languages[0] ?? 'en')}">
<head><meta charset="utf-8"><title>Proof: ${escape(title)}</title><style>${STYLE}</style></head>
<body>
<header>
<h1>Proof: ${escape(title)}</h1>
<p class="meta">${escape(pack.id)} ${escape(pack.version)} · ${pack.scenarios.length} scenarios × ${pack.languages.length} languages · screenshots at 1920×1080 · made ${escape(madeAt.toISOString().slice(0, 16).replace('T', ' '))} UTC</p>
<p class="meta">Places hidden under an overlay, checked at 1920×1080, 1080×1920 and 1280×800: ${hidden.length === 0 ? 'none' : hidden.length}.</p>
<p class="sign">Checked by <span></span> Date <span></span></p>
</header>
${sheets.join('\n')}
</body>
</html>
`;
}
