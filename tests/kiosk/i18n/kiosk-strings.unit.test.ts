import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { formatPackDate, packYear } from '../../../kiosk/i18n/format-date.js';
import { KIOSK_STRINGS, uiText } from '../../../kiosk/i18n/kiosk-strings.js';

const pack = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

describe('kiosk strings', () => {
  it('has every string in English and Spanish, none empty', () => {
    for (const [key, text] of Object.entries(KIOSK_STRINGS)) {
      expect(text.en?.trim(), key).toBeTruthy();
      expect(text.es?.trim(), key).toBeTruthy();
    }
  });
  it('lets a pack override a string and add a language', () => {
    const withFrench = { ...pack, languages: [...pack.languages, 'fr'], strings: { invite: { fr: 'Appuyez sur un bouton', en: 'Touch me' } } };
    expect(uiText('invite', 'fr', withFrench)).toBe('Appuyez sur un bouton');
    expect(uiText('invite', 'en', withFrench)).toBe('Touch me');
    expect(uiText('invite', 'es', withFrench)).toBe(KIOSK_STRINGS.invite.es);
    // A language the kiosk does not know falls back to English, never to nothing.
    expect(uiText('stillThere', 'fr', withFrench)).toBe(KIOSK_STRINGS.stillThere.en);
  });
});

describe('formatPackDate', () => {
  it('writes dates to the precision the pack gives, in the visitor’s language', () => {
    expect(formatPackDate('2025', 'en')).toBe('2025');
    expect(formatPackDate('2022-03', 'en')).toBe('March 2022');
    expect(formatPackDate('2022-02-24', 'en')).toBe('February 24, 2022');
    expect(formatPackDate('2022-02-24', 'es')).toBe('24 de febrero de 2022');
    expect(formatPackDate('sometime', 'en')).toBe('sometime');
    expect(packYear('2013-09')).toBe('2013');
  });
});
