// The manifest's TypeScript types, generated from its JSON Schema, so the
// two are one source: content/schema/pack-types.ts is this function's output
// (`npm run gen:types` writes it; a unit test fails when the committed file
// differs). The generator (json-schema-to-typescript) reads draft 7, so the
// schema is first put in words it reads, in memory: tuples as `items` lists,
// no conditionals (they only check, they add no shape), a reference's own
// description kept beside it, and the names the code imports given as titles.

import { compile, type JSONSchema } from 'json-schema-to-typescript';

type Node = Record<string, unknown>;

/** Keywords whose value maps names to schemas. */
const NAMED = new Set(['properties', 'patternProperties', '$defs', 'definitions']);

/** The types' names, by the schema node they come from; the rest take their $defs key (PascalCase). */
const NAMES: Record<string, string> = {
  '#': 'PackManifest',
  '#/properties/credits': 'PackCredits',
  '#/$defs/languageTag': 'LanguageTag',
  // Not "Date", which would hide the global in the module.
  '#/$defs/date': 'DateString',
  '#/$defs/camera': 'CameraFraming',
  '#/$defs/image': 'PackImage',
  '#/$defs/actor/properties/kind': 'ActorKind',
  '#/$defs/place/properties/kind': 'PlaceKind',
  '#/$defs/corridor/properties/kind': 'CorridorKind',
  '#/$defs/corridor/properties/status': 'CorridorStatus',
  '#/$defs/corridor/properties/legs/items': 'LegSurface',
  '#/$defs/relation/properties/type': 'RelationType',
  '#/$defs/source/properties/kind': 'SourceKind',
};

export const GENERATED_HEADER = `// GENERATED from pack.schema.json by \`npm run gen:types\`
// (content/tools/gen-pack-types.ts, json-schema-to-typescript): do not edit.
// Change the schema and run it again; tests/content/tools/pack-types-source.unit.test.ts
// fails while this file and the schema disagree.
`;

/** The schema as the generator reads it (a copy; the schema itself is left as editors and the validator see it). */
export function generatorSchema(schema: Node): Node {
  const walk = (node: unknown, at: string, names = false): unknown => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${at}/${i}`));
    if (typeof node !== 'object' || node === null) return node;
    const out: Node = {};
    for (const [key, value] of Object.entries(node as Node)) {
      // In `properties` and `$defs` the keys are names ("title" is a field of the manifest), elsewhere keywords.
      if (!names && (key === 'if' || key === 'then' || key === 'else' || key === 'title')) continue;
      out[key] = names ? walk(value, `${at}/${key}`) : walk(value, `${at}/${key}`, NAMED.has(key));
    }
    // Conditionals gone, an allOf of them is empty.
    if (Array.isArray(out.allOf) && out.allOf.every((part) => Object.keys(part as Node).length === 0)) delete out.allOf;
    if (Array.isArray(out.prefixItems)) {
      out.items = out.prefixItems;
      out.additionalItems = false;
      delete out.prefixItems;
    }
    const name = NAMES[at];
    if (name) out.title = name;
    // A $ref with a description of its own would be a copy of the type (LocalText1, LocalText2...); as an allOf it is the type.
    if (typeof out.$ref === 'string' && Object.keys(out).length > 1) {
      const { $ref, ...rest } = out;
      return { ...rest, allOf: [{ $ref }] };
    }
    return out;
  };
  return walk(schema, '#') as Node;
}

/** pack-types.ts's text for the schema's text. */
export async function packTypesSource(schemaText: string): Promise<string> {
  const schema = generatorSchema(JSON.parse(schemaText) as Node) as JSONSchema;
  const types = await compile(schema, 'PackManifest', {
    bannerComment: '',
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    unreachableDefinitions: false,
    style: { printWidth: 140, singleQuote: true },
  });
  return `${GENERATED_HEADER}\n${types}`;
}
