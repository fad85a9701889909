// The author panel's words for the checks' problems, keyed by problem code,
// in the kiosk's languages. The bridge sends each problem in English with its
// code and the values it names; a kind or a language missing here shows the
// English, which every tool prints and which is always right.

import type { AuthorProblem } from '../../firmware-bridge/api/messages.js';

type Words = Record<string, string>;

interface ProblemWords {
  message: Words;
  /** When absent (or without the language), the bridge's English fix. */
  fix?: Words;
}

const REFUSED_UNTIL = { es: 'hasta entonces `pack validate`, `pack build` y una memoria USB rechazan el paquete' };

export const PROBLEM_STRINGS: Record<string, ProblemWords> = {
  'text-missing-language': {
    message: { es: "no tiene texto en '{language}' ({languageName}); cada texto necesita todos los idiomas del paquete ({languages})" },
    fix: { es: `escriba el texto en ese idioma; ${REFUSED_UNTIL.es}` },
  },
  'summary-too-long': {
    message: { es: 'tiene {words} palabras; una cartela de museo tiene como mucho {max}: acórtela o pase el detalle a «more»' },
    fix: { es: `acorte el resumen a {max} palabras o pase el detalle a «more»; ${REFUSED_UNTIL.es}` },
  },
  'text-blank': {
    message: { es: 'está en blanco; escriba el texto o quite el idioma del paquete' },
    fix: { es: 'escriba el texto que falta, en cada idioma del paquete' },
  },
  'text-extra-language': {
    message: { es: "es un texto en '{language}' ({languageName}), que no es uno de los idiomas del paquete ({languages}); añádalo a «languages» o quite este texto" },
  },
  'field-required': {
    message: { es: 'es obligatorio y falta' },
    fix: { es: 'añada el campo «{name}»' },
  },
  'field-unknown': {
    message: { es: 'no es un campo que conozca el formato del paquete; revise cómo se escribe o quítelo' },
  },
  'json-syntax': {
    message: { es: 'no es JSON válido: {detail}' },
    fix: { es: 'mire esta línea y la anterior: una coma o unas comillas que faltan a menudo solo se notan en la línea siguiente' },
  },
  'files-unlisted': {
    message: { es: 'está en el paquete pero no en la lista «files» de pack.json' },
    fix: { es: 'normal mientras escribe: `crossroads pack build` escribe la lista de archivos' },
  },
  'files-missing': {
    message: { es: 'figura en la lista «files» de pack.json pero no está en el paquete' },
    fix: { es: 'normal mientras escribe: `crossroads pack build` escribe la lista de archivos' },
  },
  'source-uncited': {
    message: { es: 'la fuente «{id}» no se cita en ninguna parte' },
    fix: { es: 'cítela en los escenarios o eventos de la línea de tiempo que la usan, o quítela' },
  },
  'scenario-uncited': {
    message: { es: 'el escenario «{id}» no cita ninguna fuente' },
    fix: { es: 'añada los ids de sus fuentes a su lista «sources»' },
  },
};

function languageName(tag: unknown, language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language', fallback: 'code' }).of(String(tag)) ?? String(tag);
  } catch {
    return String(tag); // a malformed tag has no name
  }
}

function fill(template: string, params: Record<string, string | number>, language: string): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (name === 'languageName') return languageName(params['language'], language);
    const value = params[name];
    return value === undefined ? whole : String(value);
  });
}

/** The problem's message and fix in `language`, else the bridge's English. */
export function problemWords(p: AuthorProblem, language: string): { message: string; fix: string } {
  const entry = p.code ? PROBLEM_STRINGS[p.code] : undefined;
  const message = entry?.message[language];
  if (!entry || !message) return { message: p.message, fix: p.fix };
  const params = p.params ?? {};
  const fix = entry.fix?.[language];
  return { message: fill(message, params, language), fix: fix ? fill(fix, params, language) : p.fix };
}
