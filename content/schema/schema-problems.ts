// Translates ajv's schema errors into sentences a maintainer who does not
// program can act on, each tied to the field it is about.
import type { ErrorObject } from 'ajv/dist/2020.js';
import { PROBLEM_CODES, type ManifestProblem } from './manifest-problem.js';
import { joinField, pointerToField } from './field-path.js';

const FILE = 'pack.json';

/** Why a text of each patterned kind (the schema's $defs name) was refused. */
const PATTERN_HINTS: Record<string, string> = {
  slug: "an id may use only lower-case letters, digits and single hyphens, like 'middle-corridor'",
  semver: 'a version is three whole numbers joined by dots, like 1.0.0',
  languageTag: "a language code looks like 'en', 'es' or 'pt-BR'",
  sha256: 'a file hash is 64 characters, each a digit 0-9 or a letter a-f',
  assetPath: "a file path inside the pack uses forward slashes, is not absolute, has no '.' or '..' parts and is not pack.json or pack.sig",
  date: 'a date is written YYYY, YYYY-MM or YYYY-MM-DD with a real month and day',
  isoNumeric: "an ISO country code is three digits, like '031' for Azerbaijan",
  stringKey: "an interface string key starts with a letter and uses only letters, digits, '.', '_' and '-'",
  imagePath: "a picture lies in the images folder and is a .webp, .jpg or .png file, like 'images/baku-port.webp'",
  audioPath: "a narration lies in the audio folder and is an .opus, .ogg or .mp3 file, like 'audio/middle-corridor.en.opus'",
  captionsPath: "captions lie in the audio folder and are a WebVTT .vtt file, like 'audio/middle-corridor.en.vtt'",
};

const TYPE_NOUNS: Record<string, string> = {
  string: 'a text', number: 'a number', integer: 'a whole number', boolean: 'true or false',
  array: 'a list [ ... ]', object: 'a group of named fields { ... }', null: 'empty (null)',
};

const LIST_NOUNS: Record<string, string> = {
  route: 'place', sources: 'source', languages: 'language', steps: 'step', scenarios: 'scenario',
};

export function schemaProblems(errors: readonly ErrorObject[], root: unknown): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors) {
    const problem = translate(error, root);
    if (!problem) continue;
    const key = `${problem.field}\u0000${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ file: FILE, ...problem });
  }
  return problems;
}

type Found = Omit<ManifestProblem, 'file'>;

function translate(error: ErrorObject, root: unknown): Found | undefined {
  const field = pointerToField(error.instancePath, root);
  const params = error.params as Record<string, unknown>;
  // Errors about a key (a file path, a language code) rather than a value.
  if (error.propertyName !== undefined) {
    if (error.keyword === 'propertyNames') return undefined;
    const hint = hintFor(error) ?? 'that name is not allowed here';
    return { field: joinField(field, error.propertyName), message: `the name "${error.propertyName}" is not allowed: ${hint}` };
  }
  const lonLatPart = /lonLat\/prefixItems\/([01])\//.exec(error.schemaPath);
  switch (error.keyword) {
    case 'if':
    case 'propertyNames':
      return undefined; // the errors that explain these are reported on their own
    case 'required':
      return missing(field, String(params.missingProperty), error.schemaPath);
    case 'additionalProperties':
      return {
        field: joinField(field, String(params.additionalProperty)),
        message: 'is not a field the pack format knows; check its spelling or remove it',
        code: PROBLEM_CODES.fieldUnknown,
      };
    case 'type':
      return { field, message: `should be ${TYPE_NOUNS[String(params.type)] ?? String(params.type)}, but is ${describe(error.data)}` };
    case 'const':
      return field === 'format'
        ? { field, message: `must be 1, the only manifest format this kiosk reads, not ${describe(error.data)}` }
        : { field, message: `must be ${JSON.stringify(params.allowedValue)}, not ${describe(error.data)}` };
    case 'enum':
      return { field, message: `is ${describe(error.data)}, but must be one of: ${(params.allowedValues as unknown[]).join(', ')}` };
    case 'pattern': {
      const hint = hintFor(error);
      if (field.endsWith('.url')) return { field, message: `"${String(error.data)}" is not a web address starting with http:// or https://` };
      return { field, message: `"${String(error.data)}" is not written correctly: ${hint ?? 'it does not have the expected form'}` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const schema = error.parentSchema as { minimum?: number; maximum?: number } | undefined;
      const what = lonLatPart ? (lonLatPart[1] === '0' ? 'the longitude is' : 'the latitude is') : 'is';
      const range = schema?.minimum !== undefined && schema.maximum !== undefined
        ? `between ${schema.minimum} and ${schema.maximum}`
        : `${error.keyword.includes('inimum') ? 'at least' : 'at most'} ${String(params.limit)}`;
      return { field, message: `${what} ${describe(error.data)}, but must be ${range}` };
    }
    case 'minItems':
    case 'maxItems':
    case 'items':
      if (error.schemaPath.includes('lonLat')) {
        return { field, message: 'must be exactly two numbers: [longitude, latitude]' };
      }
      if (error.keyword === 'minItems') {
        const limit = Number(params.limit);
        const noun = LIST_NOUNS[lastName(field)] ?? 'item';
        const count = ['no', 'one', 'two', 'three'][limit] ?? String(limit);
        return { field, message: `must list at least ${count} ${noun}${limit === 1 ? '' : 's'}` };
      }
      return { field, message: `has too many entries (at most ${String(params.limit)})` };
    case 'uniqueItems': {
      const list = error.data as unknown[];
      return { field, message: `lists ${describe(list[Number(params.j)])} twice; each may appear only once` };
    }
    case 'minLength':
      return { field, message: 'must not be empty' };
    case 'minProperties':
      return { field, message: 'must not be empty; give the text in every language of the pack' };
    case 'not':
      if (error.schemaPath.endsWith('else/not')) {
        return { field: joinField(field, 'iso'), message: "only a country has an ISO code: remove 'iso' or make the kind 'country'" };
      }
      return { field, message: 'has a value that is not allowed here' };
    default:
      return { field, message: `does not fit the pack format (${error.message ?? error.keyword})` };
  }
}

function missing(parent: string, name: string, schemaPath: string): Found {
  const field = joinField(parent, name);
  if (schemaPath.includes('/then/')) return { field, message: "is required for a country: its ISO 3166-1 numeric code, like '031'" };
  if (schemaPath.includes('/else/')) return { field, message: 'is required for an organisation or group, so the map knows where to put it: [longitude, latitude]' };
  return { field, message: 'is required but missing', code: PROBLEM_CODES.fieldRequired, params: { name } };
}

function hintFor(error: ErrorObject): string | undefined {
  const def = /\$defs\/([A-Za-z0-9]+)\/pattern$/.exec(error.schemaPath)?.[1];
  return def ? PATTERN_HINTS[def] : undefined;
}

function lastName(field: string): string {
  return /([A-Za-z_$][\w$]*)$/.exec(field)?.[1] ?? '';
}

/** Shows a value the way a maintainer typed it, kept short. */
export function describe(value: unknown): string {
  if (value === undefined) return 'missing';
  if (Array.isArray(value)) return 'a list';
  if (value !== null && typeof value === 'object') return 'a group of fields';
  const text = typeof value === 'string' ? `'${value}'` : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
