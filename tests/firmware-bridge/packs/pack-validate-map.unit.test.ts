// `crossroads pack validate` runs the map checks as errors: a maintainer's
// pack whose route cuts through a country it never enters is refused with
// the reason in one line, in text and in JSON, and a sound pack passes.

import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run as pack } from '../../../firmware-bridge/cli/pack-command.js';
import { loadPack, loadPackFiles } from '../../content/helpers/load-pack.js';
import { removeDir, tempDir, writePackFolder } from './helpers/pack-fixtures.js';

async function validate(args: string[]): Promise<{ code: number; stdout: string }> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const code = await pack(['validate', ...args, '--allow-unsigned'], { stdout: out, stderr: new PassThrough() });
  return { code, stdout: Buffer.concat(chunks).toString('utf8') };
}

let root: string;
let sound: string;
let broken: string;
let shifted: string;

beforeAll(async () => {
  root = await tempDir('crossroads-map-');
  sound = join(root, 'sound');
  broken = join(root, 'broken');
  shifted = join(root, 'shifted');
  const good = loadPack() as unknown as Record<string, unknown>;
  await writePackFolder(sound, { manifest: good, assets: loadPackFiles(), keys: null });
  // The review's first finding: Nakhchivan straight to Kars, across Armenia and Iran.
  const bad = loadPack();
  const zangezur = bad.corridors.find((c) => c.id === 'zangezur-syunik')!;
  zangezur.route = ['baku', 'beylagan', 'horadiz', 'meghri', 'julfa', 'nakhchivan', 'kars'];
  zangezur.legs = zangezur.route.slice(1).map(() => 'land');
  await writePackFolder(broken, { manifest: bad as unknown as Record<string, unknown>, assets: loadPackFiles(), keys: null });
  // A dot on the wrong bank of the Aras: Yerevan drawn in Turkey.
  const moved = loadPack();
  moved.places.find((p) => p.id === 'yerevan')!.at = [44.0, 40.0];
  await writePackFolder(shifted, { manifest: moved as unknown as Record<string, unknown>, assets: loadPackFiles(), keys: null });
});

afterAll(async () => {
  await removeDir(root);
});

describe('crossroads pack validate and the map', () => {
  it('passes the built-in pack', async () => {
    const ran = await validate([sound]);
    expect(ran.stdout).toMatch(/^valid: caspian-2025 /);
    expect(ran.code).toBe(0);
  });

  it('refuses a route through countries it does not cross, one reason a line', async () => {
    const ran = await validate([broken]);
    expect(ran.code).toBe(1);
    const i = loadPack().corridors.findIndex((c) => c.id === 'zangezur-syunik');
    const lines = ran.stdout.trim().split('\n');
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^pack\\.json: corridors\\[${i}\\]\\.countries: .*crosses Iran for [\\d.]+ km`)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^pack\\.json: corridors\\[${i}\\]\\.route\\[6\\]: .*Nakhchivan – Kars is drawn through Armenia`)));
  });

  it('reports a dot in the wrong country in --json too', async () => {
    const ran = await validate([shifted, '--json']);
    expect(ran.code).toBe(1);
    const report = JSON.parse(ran.stdout) as { valid: boolean; problems: { file: string; field: string; message: string }[] };
    expect(report.valid).toBe(false);
    const yerevan = loadPack().places.findIndex((p) => p.id === 'yerevan');
    expect(report.problems).toEqual([{ file: 'pack.json', field: `places[${yerevan}].at`, message: expect.stringMatching(/dot of Yerevan in Turkey on the map .*not in Armenia/) }]);
  });
});
