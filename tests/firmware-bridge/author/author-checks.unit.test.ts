// The author's checks: positions of problems in pack.json, the pack that
// `pack new` writes, and the curator's warnings.

import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuthorChecks } from '../../../firmware-bridge/author/author-checks.js';
import { curatorWarnings } from '../../../firmware-bridge/author/curator-warnings.js';
import { JsonPositions, parseFieldPath } from '../../../firmware-bridge/author/json-positions.js';
import { idFromFolder, newPack } from '../../../firmware-bridge/author/pack-new.js';
import { packTemplate } from '../../../firmware-bridge/author/pack-template.js';
import { validatePack } from '../../../firmware-bridge/packs/pack-validator.js';

const roots: string[] = [];
const scratch = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'crossroads-author-unit-'));
  roots.push(root);
  return root;
};
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

describe('JsonPositions', () => {
  it('reads field paths', () => {
    expect(parseFieldPath('scenarios[2].title.en')).toEqual(['scenarios', 2, 'title', 'en']);
    expect(parseFieldPath('files["images/a b.webp"]')).toEqual(['files', 'images/a b.webp']);
    expect(parseFieldPath('')).toEqual([]);
    expect(parseFieldPath('a..b')).toBeNull();
  });

  it('places a field at its name, and a missing one at the deepest part that exists', () => {
    const text = '{\n  "scenarios": [\n    {\n      "title": { "en": "A" }\n    }\n  ]\n}\n';
    const positions = new JsonPositions(text);
    expect(positions.syntax).toBeNull();
    expect(positions.find('scenarios[0].title')).toEqual({ line: 4, column: 7 });
    expect(positions.find('scenarios[0].title.es')).toEqual({ line: 4, column: 7 });
    expect(positions.find('scenarios[0].title.en')).toEqual({ line: 4, column: 18 });
  });

  it('points a syntax error at its line', () => {
    const positions = new JsonPositions('{\n  "a": 1,,\n  "b": 2\n}');
    expect(positions.syntax?.line).toBe(2);
    expect(positions.syntax?.message).toMatch(/field name/);
    expect(new JsonPositions('').syntax).not.toBeNull();
  });
});

describe('pack new', () => {
  it('writes a pack that passes every check of pack validate, with $schema pointing at the schema', async () => {
    const dir = join(scratch(), 'Silk Roads 2026');
    expect(idFromFolder(dir)).toBe('silk-roads-2026');
    const result = await newPack(dir);
    expect(result.reason).toBeNull();
    const written = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8')) as { $schema: string; id: string };
    expect(written.id).toBe('silk-roads-2026');
    expect(JSON.parse(readFileSync(join(dir, written.$schema), 'utf8')).title).toMatch(/content pack manifest/);
    const checked = await validatePack(dir, { requireSignature: false, trustedKeys: { dir: '', keys: [], skipped: [] }, kioskVersion: '0.1.0' });
    expect(checked.problems).toEqual([]);
  });

  it('refuses a folder that is not empty', async () => {
    const dir = scratch();
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    expect((await newPack(dir)).reason).toMatch(/not empty/);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('AuthorChecks', () => {
  it('says where a problem is and keeps no pack to show; lists files as warnings only', async () => {
    const dir = join(scratch(), 'p');
    await newPack(dir);
    const checks = new AuthorChecks(dir, '0.1.0');
    const good = await checks.check();
    expect(good.pack?.id).toBe('p');
    expect(good.problems).toEqual([]);

    writeFileSync(join(dir, 'extra.txt'), 'an asset not yet built');
    const extra = await checks.check();
    expect(extra.pack?.id).toBe('p');
    expect(extra.problems.map((p) => [p.severity, p.file])).toEqual([['warning', 'extra.txt']]);

    const text = readFileSync(join(dir, 'pack.json'), 'utf8').replace('"version": "0.1.0"', '"version": 7');
    writeFileSync(join(dir, 'pack.json'), text);
    const bad = await checks.check();
    expect(bad.pack).toBeNull();
    const version = bad.problems.find((p) => p.field === 'version')!;
    expect(version.severity).toBe('error');
    expect(version.line).toBe(text.split('\n').findIndex((l) => l.includes('"version"')) + 1);
  });

  it('shows a text missing in one language and a summary over 60 words as curator warnings, which pack validate still refuses', async () => {
    const dir = join(scratch(), 'p');
    await newPack(dir);
    const pack = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
    delete pack.scenarios[0].title.es;
    pack.scenarios[0].summary.en = Array.from({ length: 61 }, (_, i) => `word${i}`).join(' ');
    const text = JSON.stringify(pack, null, 2);
    writeFileSync(join(dir, 'pack.json'), text);
    const result = await new AuthorChecks(dir, '0.1.0').check();
    expect(result.pack?.id).toBe('p');
    expect(result.problems.map((p) => [p.severity, p.curator, p.field, p.code])).toEqual([
      ['warning', true, 'scenarios[0].title', 'text-missing-language'],
      ['warning', true, 'scenarios[0].summary.en', 'summary-too-long'],
    ]);
    const [missing, long] = result.problems;
    expect(missing!.params).toEqual({ language: 'es', languages: 'en, es' });
    const lines = text.split('\n');
    const scenarios = lines.findIndex((l) => l.includes('"scenarios": ['));
    expect(missing!.line).toBe(lines.findIndex((l, i) => i > scenarios && l.includes('"title": {')) + 1);
    expect(missing!.fix).toMatch(/stick refuse/);
    expect(long!.params).toEqual({ words: 61, max: 60 });
    const validated = await validatePack(dir, { requireSignature: false, trustedKeys: { dir: '', keys: [], skipped: [] }, kioskVersion: '0.1.0' });
    expect(validated.ok).toBe(false);
    expect(validated.problems.map((p) => p.field)).toEqual(['scenarios[0].title', 'scenarios[0].summary.en']);
  });

  it('refuses a symbolic link as a stick would', async () => {
    const dir = join(scratch(), 'p');
    await newPack(dir);
    symlinkSync('/etc/hostname', join(dir, 'outside'));
    const result = await new AuthorChecks(dir, '0.1.0').check();
    expect(result.pack).toBeNull();
    expect(result.problems[0]?.message).toMatch(/symbolic link/);
  });
});

describe('curatorWarnings', () => {
  it('names a source cited nowhere and a scenario citing none', () => {
    const pack = packTemplate('w');
    expect(curatorWarnings(pack)).toEqual([]);
    pack.sources.push({ ...pack.sources[0]!, id: 'unused' });
    pack.scenarios[0]!.sources = [];
    const messages = curatorWarnings(pack).map((w) => `${w.field}: ${w.message}`);
    expect(messages).toEqual(['sources[0]: the source "my-source" is cited nowhere', 'sources[1]: the source "unused" is cited nowhere', 'scenarios[0]: the scenario "first-scenario" cites no source']);
  });
});
