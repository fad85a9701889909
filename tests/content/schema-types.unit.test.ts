// pack.schema.json is the one source of the manifest's shape: the validator
// reads it, editors read its descriptions, and pack-types.ts is generated from
// it (tests/content/tools/pack-types-source.unit.test.ts keeps the two equal).
import { describe, expect, it } from 'vitest';
import { SCHEMA_URL, loadJson } from './helpers/load-pack.js';

const schema = loadJson(SCHEMA_URL);

describe('the JSON Schema', () => {
  it('describes every property for the editor (and so for the generated types)', () => {
    const missing: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${at}/${i}`)); return; }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record.properties === 'object' && record.properties !== null) {
        for (const [key, prop] of Object.entries(record.properties)) {
          if (typeof (prop as { description?: unknown }).description !== 'string') missing.push(`${at}/properties/${key}`);
        }
      }
      for (const [key, value] of Object.entries(record)) walk(value, `${at}/${key}`);
    };
    walk(schema, '#');
    expect(missing).toEqual([]);
  });

  it('closes every object, so the generated types list all a manifest may hold', () => {
    const open: string[] = [];
    const walk = (node: unknown, at: string): void => {
      if (Array.isArray(node)) { node.forEach((n, i) => walk(n, `${at}/${i}`)); return; }
      if (typeof node !== 'object' || node === null) return;
      const record = node as Record<string, unknown>;
      if (typeof record.properties === 'object' && record.additionalProperties !== false) open.push(at);
      // A condition's subschema only tests a value; it declares nothing.
      for (const [key, value] of Object.entries(record)) if (!['if', 'then', 'else', 'not'].includes(key)) walk(value, `${at}/${key}`);
    };
    walk(schema, '#');
    expect(open).toEqual([]);
  });
});
