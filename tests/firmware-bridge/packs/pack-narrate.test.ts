// `crossroads pack narrate` for real: espeak-ng speaks each sentence,
// opusenc encodes, and the pack gains a valid Ogg Opus of plausible length,
// captions that parse with one cue a piece and timings that add up to the
// sound, and a draft track in pack.json whose other bytes are untouched; the
// folder then validates. Without espeak-ng or opusenc it says which Debian
// package to install.
import { spawn } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as pack } from '../../../firmware-bridge/cli/pack-command.js';
import { audioChecker } from '../../../firmware-bridge/packs/audio-container.js';
import { validatePack } from '../../../firmware-bridge/packs/pack-validator.js';
import { parseWebVtt } from '../../../firmware-bridge/packs/webvtt-check.js';
import { minimalManifest, removeDir, sha256, tempDir } from './helpers/pack-fixtures.js';

const CLI = fileURLToPath(new URL('../../../firmware-bridge/cli/run.ts', import.meta.url));
const SUMMARY_EN = 'Ferries link Aktau and Alat, the port of Baku. They cross the Caspian Sea in about a day.';
const SUMMARY_ES = 'Los ferris unen Aktau con Alat, el puerto de Bakú. Cruzan el mar Caspio en un día.';

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  const chunks = { out: [] as Buffer[], err: [] as Buffer[] };
  out.on('data', (c: Buffer) => chunks.out.push(c));
  err.on('data', (c: Buffer) => chunks.err.push(c));
  const code = await pack(args, { stdout: out, stderr: err });
  return { code, stdout: Buffer.concat(chunks.out).toString(), stderr: Buffer.concat(chunks.err).toString() };
}

/** The CLI as its own process with only `bin` on PATH, so a tool can be missing. */
function cliWithPath(bin: string, args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, PATH: bin }, stdio: ['ignore', 'ignore', 'pipe'] });
    const err: Buffer[] = [];
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('close', (code) => resolve({ code, stderr: Buffer.concat(err).toString() }));
  });
}

/** A two-language pack, written in an author's own layout: four-space indents, arrays on one line. */
function authoredManifest(): string {
  const m = minimalManifest('narrated', '1.0.0') as Record<string, any>;
  const withEs = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(withEs);
    if (value && typeof value === 'object') {
      const o = value as Record<string, unknown>;
      if (Object.keys(o).length === 1 && typeof o.en === 'string') return { en: o.en, es: `${o.en} (es)` };
      return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withEs(v)]));
    }
    return value;
  };
  const both = withEs(m) as Record<string, any>;
  both.languages = ['en', 'es'];
  both.scenarios[0].summary = { en: SUMMARY_EN, es: SUMMARY_ES };
  both.files = { 'data/notes.txt': sha256('notes\n') };
  return JSON.stringify(both, null, 4).replace(/\[\s+("[^"\]]*"(?:,\s+"[^"\]]*")*)\s+\]/g, (_all, items: string) => `[${items.replace(/,\s+/g, ', ')}]`) + '\n';
}

let root: string;
let dir: string;
let original: string;

beforeAll(async () => {
  root = await tempDir('crossroads-narrate-');
  dir = join(root, 'pack');
  await mkdir(join(dir, 'data'), { recursive: true });
  await writeFile(join(dir, 'data', 'notes.txt'), 'notes\n');
  original = authoredManifest();
  await writeFile(join(dir, 'pack.json'), original);
});

afterAll(async () => {
  await removeDir(root);
});

describe('crossroads pack narrate', () => {
  it('speaks the summary into Ogg Opus with captions, and marks the track as a draft', async () => {
    const ran = await cli(['narrate', dir, '--language', 'en']);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/crossing: audio\/crossing.en.opus \(\d+\.\d s, 2 sentences\) and audio\/crossing.en.vtt/);

    const opus = await readFile(join(dir, 'audio/crossing.en.opus'));
    const checker = audioChecker('opus');
    checker.push(opus);
    expect(checker.finish()).toBeNull();
    // 17 words at 150 a minute is about 7 s; espeak-ng's pauses add a little.
    expect(checker.seconds).toBeGreaterThan(4);
    expect(checker.seconds).toBeLessThan(12);
    expect(opus.length / checker.seconds!).toBeLessThan(5000); // a speech bitrate: under 40 kbit/s

    const parsed = parseWebVtt(await readFile(join(dir, 'audio/crossing.en.vtt')));
    if ('problem' in parsed) throw new Error(parsed.problem);
    expect(parsed.cues.map((c) => c.text)).toEqual(['Ferries link Aktau and Alat, the port of Baku.', 'They cross the Caspian Sea in about a day.']);
    expect(parsed.cues[0]!.start).toBe(0);
    expect(parsed.cues[1]!.start).toBe(parsed.cues[0]!.end);
    // The captions end where the sound does (Opus frames round up by at most 20 ms).
    expect(Math.abs(parsed.cues[1]!.end - checker.seconds!)).toBeLessThan(0.03);

    const text = await readFile(join(dir, 'pack.json'), 'utf8');
    const manifest = JSON.parse(text);
    expect(manifest.scenarios[0].narration).toEqual({
      en: { audio: 'audio/crossing.en.opus', captions: 'audio/crossing.en.vtt', credit: 'Draft narration: synthetic voice (espeak-ng)', draft: true },
    });
    expect(manifest.files['audio/crossing.en.opus']).toBe(sha256(opus));
    // Everything the command did not add is as the author wrote it.
    expect(text).toContain('"highlight": ["azerbaijan", "kazakhstan"]');
    const untouched = original.slice(original.indexOf('    "minKioskVersion"'), original.indexOf('    "scenarios"'));
    expect(text).toContain(untouched);

    const checked = await validatePack(dir, { requireSignature: false, trustedKeys: { dir: root, keys: [], skipped: [] }, kioskVersion: '0.1.0' });
    expect(checked.problems).toEqual([]);
  });

  it('adds Spanish beside English, with the Spanish credit, and then has nothing left to do', async () => {
    const ran = await cli(['narrate', dir, '--language', 'es']);
    expect(ran.code).toBe(0);
    const manifest = JSON.parse(await readFile(join(dir, 'pack.json'), 'utf8'));
    expect(Object.keys(manifest.scenarios[0].narration)).toEqual(['en', 'es']);
    expect(manifest.scenarios[0].narration.es.credit).toBe('Narración provisional: voz sintética (espeak-ng)');
    const again = await cli(['narrate', dir, '--language', 'es']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('crossing: has a draft already (--force remakes it)');
    expect(again.stdout).toContain('nothing to narrate in es');
  });

  it('remakes a draft with --force, and never replaces a recorded voice', async () => {
    const forced = await cli(['narrate', dir, '--language', 'es', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(/crossing: audio\/crossing.es.opus/);
    const path = join(dir, 'pack.json');
    await writeFile(path, (await readFile(path, 'utf8')).replace('"draft": true\n', '"draft": false\n'));
    const kept = await cli(['narrate', dir, '--language', 'en', '--force']);
    expect(kept.stdout).toContain('crossing: has a recorded narration, which is kept');
  });

  it('refuses a language the pack does not have, and a missing --language', async () => {
    const ran = await cli(['narrate', dir, '--language', 'fr']);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("the pack's languages are en, es; 'fr' is not one of them");
    expect((await cli(['narrate', dir])).code).toBe(2);
  });

  it('names the Debian package when espeak-ng or opusenc is missing', async () => {
    const empty = join(root, 'no-tools');
    await mkdir(empty);
    const noEspeak = await cliWithPath(empty, ['pack', 'narrate', dir, '--language', 'en', '--force']);
    expect(noEspeak.code).toBe(1);
    expect(noEspeak.stderr).toContain('espeak-ng is not installed: install the Debian package espeak-ng');
    const onlyEspeak = join(root, 'only-espeak');
    await mkdir(onlyEspeak);
    const espeak = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'espeak-ng')).find((p) => existsSync(p));
    expect(espeak, 'espeak-ng on PATH').toBeDefined();
    await symlink(espeak!, join(onlyEspeak, 'espeak-ng'));
    const noOpus = await cliWithPath(onlyEspeak, ['pack', 'narrate', dir, '--language', 'en', '--force']);
    expect(noOpus.code).toBe(1);
    expect(noOpus.stderr).toContain('opusenc is not installed: install the Debian package opus-tools');
  });
});
