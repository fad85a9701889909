// Checks a pack manifest (the parsed pack.json) against the JSON Schema and
// against the rules a schema can't express, and reports every problem in
// words a maintainer can act on. Files, hashes and signatures are checked by
// the pack tools on top of this.
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import packSchema from './pack.schema.json' with { type: 'json' };
import { semanticProblems } from './manifest-semantics.js';
import { schemaProblems } from './schema-problems.js';
import type { ManifestProblem } from './manifest-problem.js';

export { wordCount, SUMMARY_MAX_WORDS } from './manifest-texts.js';

export type { ManifestProblem } from './manifest-problem.js';

export { packSchema };

// Compiling the schema takes a while and its result never changes, so it is
// done once, on first use, and shared; it holds no other state.
let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  compiled ??= new Ajv2020({ allErrors: true, verbose: true }).compile(packSchema);
  return compiled;
}

/** Every problem with a manifest; an empty list means the manifest is valid. */
export function checkManifest(value: unknown): ManifestProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ file: 'pack.json', field: '', message: 'must hold a single JSON object { ... } describing the pack' }];
  }
  const validate = validator();
  const problems = validate(value) ? [] : schemaProblems(validate.errors ?? [], value);
  return [...problems, ...semanticProblems(value)];
}
