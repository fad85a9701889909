// The kiosk's own interface words. A pack may add languages or override any
// of these through its `strings`; pack texts themselves come from the pack.

import type { LocalText, PackManifest } from '../../content/schema/pack-types.js';

export const KIOSK_STRINGS = {
  invite: { en: 'Press any button or turn a knob', es: 'Pulse cualquier botón o gire un mando' },
  scenario: { en: 'Scenario', es: 'Escenario' },
  of: { en: 'of', es: 'de' },
  more: { en: 'More', es: 'Más' },
  sources: { en: 'Sources', es: 'Fuentes' },
  analysisBy: { en: 'Analysis by', es: 'Análisis de' },
  loading: { en: 'Preparing the map…', es: 'Preparando el mapa…' },
  legend: { en: 'On the map', es: 'En el mapa' },
  highlighted: { en: 'Countries in this story', es: 'Países de esta historia' },
} satisfies Record<string, LocalText>;

export type KioskStringKey = keyof typeof KIOSK_STRINGS;

/** Picks a text in the language, else the pack's default, else any. */
export function pick(text: LocalText | undefined, language: string, fallback?: string): string {
  if (!text) return '';
  return text[language] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}

/** An interface string, the pack's override first. */
export function uiText(key: KioskStringKey, language: string, pack: PackManifest | null): string {
  const override = pack?.strings?.[key];
  const fallback = pack?.languages[0] ?? 'en';
  return (override && override[language]) ?? pick(KIOSK_STRINGS[key], language, 'en') ?? pick(override, fallback);
}
