// `crossroads author DIR --proof FILE.html` end to end: the compiled command
// as a child process on the pack `crossroads pack new` makes (a scenario in
// two languages, each pictured on the three screens the proof looks at:
// the run's cost is the software renderer's 1920x1080 frames) writes a
// whole HTML page with every scenario's title in every language and its
// screenshot, each a JPEG that holds a 1920x1080 picture, and exits 0; a
// folder that is no pack gets a plain error, no file and a non-zero exit.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newPack } from '../../firmware-bridge/author/pack-new.js';

const CLI = fileURLToPath(new URL('../../firmware-bridge/bin/crossroads.js', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the command to its end; a run past `timeoutMs` is stopped and fails with what it printed. */
function crossroads(args: string[], timeoutMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`crossroads ${args.join(' ')} did not exit within ${timeoutMs} ms; it printed:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** A baseline or progressive JPEG's picture size, from its start-of-frame segment; null when there is none. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 9 < jpeg.length && jpeg[offset] === 0xff) {
    const marker = jpeg[offset + 1]!;
    const length = jpeg.readUInt16BE(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: jpeg.readUInt16BE(offset + 5), width: jpeg.readUInt16BE(offset + 7) };
    }
    offset += 2 + length;
  }
  return null;
}

describe('crossroads author --proof', () => {
  let root: string;
  let dir: string;
  let pack: { languages: string[]; scenarios: { id: string; title: Record<string, string> }[] };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'crossroads-proof-e2e-'));
    dir = join(root, 'my-pack');
    await newPack(dir);
    pack = JSON.parse(readFileSync(join(dir, 'pack.json'), 'utf8'));
  });

  afterAll(() => {
    if (root) rmSync(root, { recursive: true, force: true });
  });

  it('writes a whole HTML page: every scenario in every language, with its title and a decodable screenshot', async () => {
    const file = join(root, 'proof.html');
    const run = await crossroads(['author', dir, '--proof', file], 80_000);
    expect(run, 'the proof run').toMatchObject({ code: 0 });
    expect(run.stdout).toContain(`proof sheet: ${file} (${pack.scenarios.length * pack.languages.length} screenshots`);
    expect(existsSync(file)).toBe(true);
    const html = readFileSync(file, 'utf8');
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toMatch(/<html lang="en">\s*<head>.*<title>Proof: .+<\/title>.*<\/head>\s*<body>/s);
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // Self-contained and inert: nothing to fetch, nothing to run.
    expect(html).not.toMatch(/<script|src="(?!data:)/i);
    for (const language of pack.languages) {
      for (const scenario of pack.scenarios) {
        const start = html.indexOf(`<section class="sheet" data-scenario="${scenario.id}" lang="${language}">`);
        expect(start, `the sheet of ${scenario.id} in ${language}`).toBeGreaterThan(0);
        const sheet = html.slice(start, html.indexOf('</section>', start));
        expect(sheet).toContain(`<h2>${scenario.title[language]}</h2>`);
        const image = sheet.match(/<img alt="[^"]*" src="data:image\/jpeg;base64,([A-Za-z0-9+/=]+)">/);
        expect(image, `the screenshot of ${scenario.id} in ${language}`).not.toBeNull();
        const jpeg = Buffer.from(image![1]!, 'base64');
        expect(jpeg.length).toBeGreaterThan(1000);
        // A JPEG from its start-of-image marker to its end-of-image marker, the kiosk's whole screen.
        expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
        expect([...jpeg.subarray(-2)]).toEqual([0xff, 0xd9]);
        expect(jpegSize(jpeg)).toEqual({ width: 1920, height: 1080 });
      }
    }
  }, 90_000);

  it('refuses a folder that is no pack with a plain error, writes nothing and exits non-zero', async () => {
    const file = join(root, 'none.html');
    const run = await crossroads(['author', join(root, 'no-such-pack'), '--proof', file], 30_000);
    expect(run.code).not.toBe(0);
    expect(run.stdout).toContain('no-such-pack: cannot be read');
    expect(run.stderr).toContain('crossroads author: no proof sheet: the pack has errors');
    // Words for the author, never a stack trace.
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(existsSync(file)).toBe(false);
  });
});
