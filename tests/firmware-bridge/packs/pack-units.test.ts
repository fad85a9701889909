// The small pure pieces of pack checking, with raw inputs, and the folder
// reader's refusal of links and special files on a real file system.

import { execFileSync } from 'node:child_process';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findAssetReferences } from '../../../firmware-bridge/packs/pack-assets.js';
import { formatProblem } from '../../../firmware-bridge/packs/pack-problem.js';
import { decodeSignature } from '../../../firmware-bridge/packs/pack-signature.js';
import { unsafePathReason } from '../../../firmware-bridge/packs/pack-source.js';
import { validatePack } from '../../../firmware-bridge/packs/pack-validator.js';
import { reportName } from '../../../firmware-bridge/packs/stick-report.js';
import { minimalManifest, removeDir, tempDir, writePackFolder } from './helpers/pack-fixtures.js';

describe('entry names', () => {
  it('accepts plain relative paths and says what is wrong with the rest', () => {
    expect(unsafePathReason('images/baku.webp')).toBeNull();
    expect(unsafePathReason('images/')).toBeNull();
    expect(unsafePathReason('../x')).toMatch(/climbs out/);
    expect(unsafePathReason('a/../../x')).toMatch(/climbs out/);
    expect(unsafePathReason('/etc/passwd')).toMatch(/absolute/);
    expect(unsafePathReason('C:/Windows/x')).toMatch(/absolute/);
    expect(unsafePathReason('a\\..\\x')).toMatch(/backslashes/);
    expect(unsafePathReason('a//b')).toMatch(/empty or "\." part/);
    expect(unsafePathReason('./a')).toMatch(/empty or "\." part/);
    expect(unsafePathReason('a\u0000b')).toMatch(/control characters/);
    expect(unsafePathReason('')).toMatch(/empty name/);
    expect(unsafePathReason(`${'x'.repeat(256)}.txt`)).toMatch(/longer than 255 bytes/);
  });
});

describe('asset references', () => {
  it('finds file paths anywhere in the manifest but not sentences, URLs or the files list', () => {
    const refs = findAssetReferences({
      $schema: '../../schema/pack.schema.json',
      files: { 'images/a.webp': 'x' },
      strings: { logo: { en: 'images/logo.svg', es: './images/logo-es.svg' } },
      sources: [{ url: 'https://example.org/report.pdf', title: 'See the report.pdf for more' }],
      scenarios: [{ more: { en: 'A long text that ends with map.png' } }],
    });
    expect(refs).toEqual([
      { field: 'strings.logo.en', path: 'images/logo.svg' },
      { field: 'strings.logo.es', path: 'images/logo-es.svg' },
    ]);
  });
});

describe('signature text', () => {
  it('explains a pack.sig that is not a signature', () => {
    expect(decodeSignature('')).toBe('is empty');
    expect(decodeSignature('not base64!')).toBe('is not base64 text');
    expect(decodeSignature(Buffer.alloc(10).toString('base64'))).toBe('holds 10 bytes; an ed25519 signature has 64');
    expect(decodeSignature(Buffer.alloc(64, 1).toString('base64') + '\n')).toEqual(Buffer.alloc(64, 1));
  });
});

describe('report names', () => {
  it('uses local date and time, zero-padded', () => {
    expect(reportName(new Date(2025, 2, 4, 5, 6, 7))).toBe('report-20250304-050607.txt');
  });
});

describe('pack folders', () => {
  let root: string;
  const keys = { dir: 'none', keys: [], skipped: [] };

  beforeAll(async () => {
    root = await tempDir();
  });

  afterAll(async () => {
    await removeDir(root);
  });

  it('validates a clean folder with the signature check off, as for the built-in pack', async () => {
    const dir = join(root, 'clean');
    await writePackFolder(dir, { manifest: minimalManifest(), keys: null });
    const result = await validatePack(dir, { requireSignature: false, trustedKeys: keys, kioskVersion: '0.1.0' });
    expect(result.problems).toEqual([]);
    expect(result.manifest?.id).toBe('test-pack');
  });

  it('refuses a folder holding a symbolic link or a named pipe', async () => {
    const dir = join(root, 'links');
    await writePackFolder(dir, { manifest: minimalManifest(), keys: null });
    await symlink('/etc/passwd', join(dir, 'data', 'passwd'));
    execFileSync('mkfifo', [join(dir, 'data', 'pipe')]);
    const result = await validatePack(dir, { requireSignature: false, trustedKeys: keys, kioskVersion: '0.1.0' });
    expect(result.problems.map(formatProblem)).toEqual([
      'data/passwd: is a symbolic link; packs may hold only plain files and folders',
      'data/pipe: is a device or special file; packs may hold only plain files and folders',
    ]);
  });

  it('refuses a folder whose pack.json is not JSON, saying where', async () => {
    const dir = join(root, 'broken');
    await writePackFolder(dir, { manifest: minimalManifest(), keys: null });
    await writeFile(join(dir, 'pack.json'), '{"format": 1,,}');
    const result = await validatePack(dir, { requireSignature: false, trustedKeys: keys, kioskVersion: '0.1.0' });
    expect(result.problems).toHaveLength(1);
    expect(formatProblem(result.problems[0]!)).toMatch(/^pack.json: is not valid JSON \(.+\)$/);
  });
});
