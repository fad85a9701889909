// A real MP3, as a museum's sound studio might hand one over: espeak-ng speaks
// a sentence into a WAV, Debian's lame encodes it (with an ID3v2 tag, no ID3v1 tail, and
// LAME's own info frame), and the validator's MP3 check takes it whole, fed
// all at once and in small pieces, while a copy cut short or with noise
// appended is refused; a pack with it as narration validates. Without lame
// (or espeak-ng) the test is skipped and says which package to install.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioChecker } from '../../../firmware-bridge/packs/audio-container.js';
import { validatePack } from '../../../firmware-bridge/packs/pack-validator.js';
import { minimalManifest, removeDir, sha256, tempDir } from './helpers/pack-fixtures.js';

const has = (tool: string): boolean => spawnSync(tool, ['--version'], { stdio: 'ignore' }).status === 0;
const missing = [has('lame') ? null : 'lame (apt-get install lame)', has('espeak-ng') ? null : 'espeak-ng (apt-get install espeak-ng)'].filter(Boolean);
const VTT = 'WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nFerries link Aktau and Alat.\n';

function check(bytes: Buffer, piece = bytes.length): string | null {
  const checker = audioChecker('mp3');
  for (let at = 0; at < bytes.length; at += piece) checker.push(bytes.subarray(at, at + piece));
  return checker.finish();
}

let root: string;
let mp3: Buffer;

describe.skipIf(missing.length > 0)(`a lame-encoded MP3${missing.length > 0 ? ` (skipped: needs ${missing.join(' and ')})` : ''}`, () => {
  beforeAll(async () => {
    root = await tempDir('crossroads-mp3-');
    const wav = join(root, 'speech.wav');
    execFileSync('espeak-ng', ['-v', 'en', '-w', wav, 'Ferries link Aktau and Alat, the port of Baku.']);
    execFileSync('lame', ['--quiet', '-m', 'm', '-b', '48', '--id3v2-only', '--tt', 'Across the Caspian', '--ta', 'Caspian Crossroads', wav, join(root, 'speech.mp3')]);
    mp3 = await readFile(join(root, 'speech.mp3'));
  });
  afterAll(async () => {
    await removeDir(root);
  });

  it('is taken whole, at once and in pieces that split its tag and frames', () => {
    expect(mp3.toString('latin1', 0, 3), 'an ID3v2 tag first').toBe('ID3');
    expect(mp3.length).toBeGreaterThan(4000);
    expect(check(mp3)).toBeNull();
    expect(check(mp3, 7)).toBeNull();
  });

  it('is refused cut short, or with bytes after it that are no audio', () => {
    expect(check(mp3.subarray(0, mp3.length - 50))).toMatch(/is cut short: its last audio frame \(at byte \d+\) is incomplete/);
    expect(check(Buffer.concat([mp3, Buffer.alloc(300, 0x33)]))).toMatch(/has bytes that are not MPEG audio at byte \d+/);
  });

  it('validates as a pack’s narration', async () => {
    const dir = join(root, 'pack');
    await mkdir(join(dir, 'audio'), { recursive: true });
    await writeFile(join(dir, 'audio', 'crossing.en.mp3'), mp3);
    await writeFile(join(dir, 'audio', 'crossing.en.vtt'), VTT);
    const manifest = minimalManifest('mp3-narration', '1.0.0') as Record<string, any>;
    manifest.scenarios[0].narration = { en: { audio: 'audio/crossing.en.mp3', captions: 'audio/crossing.en.vtt', credit: 'Voice: lame test' } };
    manifest.files = { 'audio/crossing.en.mp3': sha256(mp3), 'audio/crossing.en.vtt': sha256(VTT) };
    await writeFile(join(dir, 'pack.json'), JSON.stringify(manifest, null, 2) + '\n');
    const checked = await validatePack(dir, { requireSignature: false, trustedKeys: { dir: root, keys: [], skipped: [] }, kioskVersion: '0.1.0' });
    expect(checked.problems).toEqual([]);
  });
});
