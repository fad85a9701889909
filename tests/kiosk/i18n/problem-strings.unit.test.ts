// The author panel words the checks' problems in the page's language by
// problem code, the bridge's English where a code or a language has no words.

import { describe, expect, it } from 'vitest';
import type { AuthorProblem } from '../../../firmware-bridge/api/messages.js';
import { problemWords } from '../../../kiosk/i18n/problem-strings.js';

const missing: AuthorProblem = {
  severity: 'warning',
  file: 'pack.json',
  line: 12,
  column: 7,
  field: 'scenarios[0].summary',
  message: "has no text in 'es' (Spanish); every text needs each of the pack's languages (en, es)",
  fix: 'write the text in that language; until then `pack validate`, `pack build` and a stick refuse the pack',
  curator: true,
  code: 'text-missing-language',
  params: { language: 'es', languages: 'en, es' },
};

describe('problemWords', () => {
  it('words a missing translation in Spanish, naming the language in Spanish', () => {
    expect(problemWords(missing, 'es')).toEqual({
      message: "no tiene texto en 'es' (español); cada texto necesita todos los idiomas del paquete (en, es)",
      fix: 'escriba el texto en ese idioma; hasta entonces `pack validate`, `pack build` y una memoria USB rechazan el paquete',
    });
  });

  it('fills counts', () => {
    const long = { ...missing, code: 'summary-too-long', params: { words: 61, max: 60 } };
    expect(problemWords(long, 'es').message).toBe('tiene 61 palabras; una cartela de museo tiene como mucho 60: acórtela o pase el detalle a «more»');
  });

  it('keeps the English for English, for a language it has no words in, and for a kind without a code', () => {
    const english = { message: missing.message, fix: missing.fix };
    expect(problemWords(missing, 'en')).toEqual(english);
    expect(problemWords(missing, 'kk')).toEqual(english);
    const { code: _code, ...uncoded } = missing;
    expect(problemWords(uncoded, 'es')).toEqual(english);
    expect(problemWords({ ...missing, code: 'no-such-kind' }, 'es')).toEqual(english);
  });
});
