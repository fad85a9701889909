// pack-types.ts is generated from pack.schema.json: regenerated here in
// memory, it must equal the committed file, so the types cannot drift from
// the schema (run `npm run gen:types` after a schema change).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { GENERATED_HEADER, generatorSchema, packTypesSource } from '../../../content/tools/pack-types-source.js';
import { SCHEMA_URL } from '../helpers/load-pack.js';

const TYPES_URL = new URL('../../../content/schema/pack-types.ts', import.meta.url);
const schemaText = readFileSync(SCHEMA_URL, 'utf8');

describe('the pack types generated from the schema', () => {
  it('are the committed pack-types.ts, with its header saying how it is made', async () => {
    const committed = readFileSync(TYPES_URL, 'utf8');
    expect(committed.startsWith(GENERATED_HEADER)).toBe(true);
    // A difference here: the schema changed without `npm run gen:types`, or pack-types.ts was edited by hand.
    expect(await packTypesSource(schemaText)).toBe(committed);
  });

  it('follow a change to the schema', async () => {
    const schema = JSON.parse(schemaText) as { $defs: Record<string, { properties: Record<string, unknown>; required: string[] }> };
    schema.$defs.relation!.properties.weight = { type: 'number', description: 'How strong the tie is.' };
    schema.$defs.relation!.required.push('weight');
    const source = await packTypesSource(JSON.stringify(schema));
    expect(source).toMatch(/export interface Relation \{[^}]*\n {2}weight: number;\n\}/);
  });

  it('name the types the code imports and keep each field, a tuple and a reference with its own description', async () => {
    const source = await packTypesSource(schemaText);
    for (const name of ['PackManifest', 'PackCredits', 'Actor', 'Place', 'Corridor', 'Relation', 'CameraFraming', 'Scenario', 'TimelineEvent', 'Source', 'Lesson', 'LessonStep', 'PackImage', 'NarrationTrack', 'LocalText']) {
      expect(source, name).toMatch(new RegExp(`^export interface ${name} \\{`, 'm'));
    }
    for (const name of ['ActorKind', 'PlaceKind', 'CorridorKind', 'CorridorStatus', 'LegSurface', 'RelationType', 'SourceKind', 'LanguageTag', 'LonLat']) {
      expect(source, name).toMatch(new RegExp(`^export type ${name} = `, 'm'));
    }
    expect(source).toContain('export type LonLat = [number, number];');
    // The manifest's own `title` is a field, not the schema's title keyword.
    expect(source).toMatch(/export interface PackManifest \{[\s\S]*?\n {2}title: LocalText;/);
    // One LocalText, not a copy per field that describes it.
    expect(source).not.toMatch(/LocalText\d/);
    expect(source).not.toMatch(/^export type Date\b/m);
  });

  it('leave the schema itself as editors and the validator read it', () => {
    const schema = JSON.parse(schemaText) as Record<string, unknown>;
    const before = JSON.stringify(schema);
    const read = generatorSchema(schema) as { $defs: Record<string, Record<string, unknown>> };
    expect(JSON.stringify(schema)).toBe(before);
    expect(read.$defs.lonLat).toMatchObject({ items: [{ type: 'number' }, { type: 'number' }], additionalItems: false });
    expect(read.$defs.lonLat).not.toHaveProperty('prefixItems');
    expect(read.$defs.actor).not.toHaveProperty('allOf');
  });
});
