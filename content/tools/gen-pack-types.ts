// Writes content/schema/pack-types.ts from content/schema/pack.schema.json.
//
//   npm run gen:types
//
// Run it after every change to the schema and commit both files.

import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { packTypesSource } from './pack-types-source.js';

export const SCHEMA_FILE = fileURLToPath(new URL('../schema/pack.schema.json', import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL('../schema/pack-types.ts', import.meta.url));

const source = await packTypesSource(await readFile(SCHEMA_FILE, 'utf8'));
await writeFile(TYPES_FILE, source);
process.stdout.write(`wrote ${TYPES_FILE}\n`);
