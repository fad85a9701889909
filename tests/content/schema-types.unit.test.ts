// pack.schema.json and pack-types.ts describe the same manifest. The key
// tables below are checked by the compiler against the TypeScript types, and
// by the test against the schema, so neither can drift alone.
import { describe, expect, it } from 'vitest';
import type {
  Actor, ActorKind, CameraFraming, Corridor, CorridorKind, CorridorStatus, LegSurface, Lesson, LessonStep, PackCredits,
  NarrationTrack, PackImage, PackManifest, Place, PlaceKind, Relation, RelationType, Scenario, Source, SourceKind, TimelineEvent,
} from '../../content/schema/pack-types.js';
import { SCHEMA_URL, loadJson } from './helpers/load-pack.js';

/** Each field of T marked as the type declares it: required or optional. */
type Fields<T> = { [K in keyof T]-?: object extends Pick<T, K> ? 'optional' : 'required' };
const fields = <T>(f: Fields<T>): Record<string, 'required' | 'optional'> => f;

/** All members of a string union, no more, no fewer (checked by the compiler). */
const members = <T extends string>() =>
  <const A extends readonly T[]>(...values: A & ([T] extends [A[number]] ? unknown : never)): readonly string[] => values;

interface ObjectSchema { properties: Record<string, { enum?: string[] }>; required?: string[]; additionalProperties?: unknown }
const schema = loadJson(SCHEMA_URL) as ObjectSchema & { $defs: Record<string, ObjectSchema> };

const OBJECTS: Array<[string, ObjectSchema, Record<string, 'required' | 'optional'>]> = [
  ['the manifest', schema, fields<PackManifest>({
    $schema: 'optional', format: 'required', id: 'required', version: 'required', title: 'required', languages: 'required',
    files: 'required', minKioskVersion: 'optional', credits: 'required', actors: 'required', places: 'required',
    corridors: 'required', scenarios: 'required', timeline: 'required', sources: 'required', lessons: 'optional', images: 'optional', asOf: 'optional',
    strings: 'optional',
  })],
  ['credits', schema.properties.credits as ObjectSchema, fields<PackCredits>({ analyst: 'required', affiliation: 'optional', editors: 'optional' })],
  ['actor', schema.$defs.actor!, fields<Actor>({ id: 'required', name: 'required', kind: 'required', iso: 'optional', anchor: 'optional' })],
  ['place', schema.$defs.place!, fields<Place>({ id: 'required', name: 'required', kind: 'required', at: 'required', country: 'optional' })],
  ['corridor', schema.$defs.corridor!, fields<Corridor>({
    id: 'required', name: 'required', kind: 'required', status: 'required', backers: 'required', route: 'required', note: 'optional',
    countries: 'optional', legs: 'optional',
  })],
  ['relation', schema.$defs.relation!, fields<Relation>({ from: 'required', to: 'required', type: 'required', reason: 'required' })],
  ['camera', schema.$defs.camera!, fields<CameraFraming>({ center: 'required', zoom: 'required', tilt: 'optional', heading: 'optional' })],
  ['scenario', schema.$defs.scenario!, fields<Scenario>({
    id: 'required', title: 'required', summary: 'required', more: 'required', highlight: 'required', corridors: 'required',
    relations: 'required', places: 'optional', camera: 'required', sources: 'required', images: 'optional', narration: 'optional',
  })],
  ['timeline event', schema.$defs.timelineEvent!, fields<TimelineEvent>({
    id: 'required', date: 'required', title: 'required', text: 'required', scenario: 'required', highlight: 'optional', sources: 'required',
    image: 'optional',
  })],
  ['source', schema.$defs.source!, fields<Source>({
    id: 'required', kind: 'optional', author: 'required', title: 'required', untitled: 'optional', publisher: 'required', date: 'required',
    dateAsCited: 'optional', url: 'optional', footnote: 'optional', note: 'optional',
  })],
  ['lesson step', schema.$defs.lessonStep!, fields<LessonStep>({ scenario: 'required', event: 'optional', prompt: 'optional' })],
  ['lesson', schema.$defs.lesson!, fields<Lesson>({ id: 'required', title: 'required', steps: 'required' })],
  ['image', schema.$defs.image!, fields<PackImage>({
    id: 'required', file: 'required', width: 'required', height: 'required', alt: 'required', credit: 'required',
  })],
  ['narration track', schema.$defs.narrationTrack!, fields<NarrationTrack>({
    audio: 'required', captions: 'required', credit: 'required', draft: 'optional',
  })],
];

const ENUMS: Array<[string, string, string, readonly string[]]> = [
  ['actor', 'kind', 'ActorKind', members<ActorKind>()('country', 'organisation', 'group')],
  ['place', 'kind', 'PlaceKind', members<PlaceKind>()('capital', 'city', 'port', 'border', 'hub')],
  ['corridor', 'kind', 'CorridorKind', members<CorridorKind>()('rail', 'sea', 'road', 'pipeline', 'multimodal')],
  ['corridor', 'status', 'CorridorStatus', members<CorridorStatus>()('operating', 'planned', 'proposed')],
  ['relation', 'type', 'RelationType', members<RelationType>()('alliance', 'partnership', 'mediation', 'rivalry', 'tension')],
  ['source', 'kind', 'SourceKind', members<SourceKind>()('work', 'editors-context')],
];

describe('the JSON Schema and the TypeScript types', () => {
  it.each(OBJECTS)('agree on the fields of %s, and which are required', (_name, object, expected) => {
    expect(Object.keys(object.properties).sort()).toEqual(Object.keys(expected).sort());
    const required = Object.entries(expected).filter(([, how]) => how === 'required').map(([key]) => key);
    expect([...(object.required ?? [])].sort()).toEqual(required.sort());
    expect(object.additionalProperties).toBe(false);
  });

  it.each(ENUMS)('agree on the values of %s.%s (%s)', (def, field, _type, values) => {
    expect(schema.$defs[def]!.properties[field]!.enum).toEqual([...values]);
  });

  it('agree on the surfaces a corridor leg runs over (LegSurface)', () => {
    const legs = schema.$defs.corridor!.properties.legs as { items?: { enum?: string[] } };
    expect(legs.items?.enum).toEqual([...members<LegSurface>()('land', 'water')]);
  });

  it('describes every property for the editor', () => {
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
});
