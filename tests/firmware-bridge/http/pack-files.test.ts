// /pack/<version>/<path> over real HTTP: the current pack's pictures, sounds
// and captions with their types, immutable caching and byte ranges; and a
// hostile client's every way out of the pack (.., encoded .., backslashes,
// absolute paths, unlisted files, an old version) answered 404.
import { writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPack } from '../../../firmware-bridge/packs/pack-builder.js';
import { GOOD_VTT, mediaFixture } from '../packs/helpers/media-fixtures.js';
import { minimalManifest, removeDir, tempDir, writePackFolder } from '../packs/helpers/pack-fixtures.js';
import { startHarness, type Harness } from './bridge-harness.js';

const WEBP = mediaFixture('vp8.webp');
const OPUS = mediaFixture('hello.opus');

function mediaPack(version: string): { manifest: Record<string, unknown>; assets: Record<string, Buffer | string> } {
  const manifest = minimalManifest('test-pack', version) as Record<string, any>;
  manifest.images = [{ id: 'ferry', file: 'images/ferry.webp', width: 120, height: 80, alt: { en: 'A ferry map' }, credit: { en: 'The project' } }];
  manifest.scenarios[0].images = ['ferry'];
  manifest.scenarios[0].narration = { en: { audio: 'audio/crossing.en.opus', captions: 'audio/crossing.en.vtt', credit: 'Draft', draft: true } };
  return { manifest, assets: { 'images/ferry.webp': WEBP, 'audio/crossing.en.opus': OPUS, 'audio/crossing.en.vtt': GOOD_VTT, 'data/notes.txt': 'notes\n' } };
}

/** Sends `rawPath` exactly as written (fetch would fold "..") and returns the status line's code and the body. */
function rawGet(port: number, rawPath: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${rawPath} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
  });
}

/** A GET with headers of our choosing, the body as bytes. */
function get(port: number, path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers, method }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

let root: string;
let h: Harness;
let port: number;

beforeAll(async () => {
  root = await tempDir('crossroads-pack-files-');
  const builtIn = join(root, 'built-in');
  const { manifest, assets } = mediaPack('1.0.0');
  await writePackFolder(builtIn, { manifest, assets, keys: null });
  writeFileSync(join(root, 'secret.txt'), 'outside the pack folder');
  h = await startHarness({ builtInPackDir: builtIn, allowUnsigned: true });
  port = h.controller.server.port();
});

afterAll(async () => {
  await h?.close();
  await removeDir(root);
});

describe('the current pack\'s media', () => {
  it('serves a picture with its type, nosniff and immutable caching, under a CSP that allows media', async () => {
    const res = await get(port, '/pack/1.0.0/images/ferry.webp');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('image/webp');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['accept-ranges']).toBe('bytes');
    expect(res.body.equals(WEBP)).toBe(true);
    expect(String(res.headers['content-security-policy'])).toMatch(/media-src 'self'/);
    const again = await get(port, '/pack/1.0.0/images/ferry.webp', { 'If-None-Match': String(res.headers.etag) });
    expect(again.status).toBe(304);
  });

  it('serves narration and captions with their types, and HEAD without a body', async () => {
    expect((await get(port, '/pack/1.0.0/audio/crossing.en.opus')).headers['content-type']).toBe('audio/ogg; codecs=opus');
    const vtt = await get(port, '/pack/1.0.0/audio/crossing.en.vtt');
    expect(vtt.headers['content-type']).toBe('text/vtt; charset=utf-8');
    expect(vtt.body.toString()).toBe(GOOD_VTT);
    const head = await get(port, '/pack/1.0.0/audio/crossing.en.opus', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe(String(OPUS.length));
    expect(head.body.length).toBe(0);
  });

  it('answers a single byte range with 206, so audio can seek, and an impossible one with 416', async () => {
    const path = '/pack/1.0.0/audio/crossing.en.opus';
    const first = await get(port, path, { Range: 'bytes=0-99' });
    expect(first.status).toBe(206);
    expect(first.headers['content-range']).toBe(`bytes 0-99/${OPUS.length}`);
    expect(first.body.equals(OPUS.subarray(0, 100))).toBe(true);
    const open = await get(port, path, { Range: 'bytes=1000-' });
    expect(open.status).toBe(206);
    expect(open.body.equals(OPUS.subarray(1000))).toBe(true);
    const suffix = await get(port, path, { Range: 'bytes=-10' });
    expect(suffix.headers['content-range']).toBe(`bytes ${OPUS.length - 10}-${OPUS.length - 1}/${OPUS.length}`);
    expect(suffix.body.equals(OPUS.subarray(-10))).toBe(true);
    const past = await get(port, path, { Range: `bytes=${OPUS.length}-` });
    expect(past.status).toBe(416);
    expect(past.headers['content-range']).toBe(`bytes */${OPUS.length}`);
    const several = await get(port, path, { Range: 'bytes=0-1,5-6' });
    expect(several.status).toBe(200);
    expect(several.body.length).toBe(OPUS.length);
  });

  it('serves nothing of the pack that is not a listed media file', async () => {
    for (const path of ['/pack/1.0.0/pack.json', '/pack/1.0.0/data/notes.txt', '/pack/1.0.0/images/none.webp', '/pack/1.0.0/images', '/pack/1.0.0/', '/pack/2.0.0/images/ferry.webp', '/pack/images/ferry.webp']) {
      expect((await get(port, path)).status, path).toBe(404);
    }
  });

  it('answers every way out of the pack folder with 404', async () => {
    const attempts = [
      '/pack/1.0.0/../../secret.txt',
      '/pack/1.0.0/images/../../../secret.txt',
      '/pack/1.0.0/%2e%2e/%2e%2e/secret.txt',
      '/pack/1.0.0/images/%2E%2E/pack.json',
      '/pack/1.0.0/images/..%2f..%2f..%2fsecret.txt',
      '/pack/1.0.0/images%2f..%2f..%2fsecret.txt',
      '/pack/1.0.0/images\\..\\..\\secret.txt',
      '/pack/1.0.0/images%5c..%5c..%5csecret.txt',
      '/pack/1.0.0//etc/passwd',
      '/pack/1.0.0/%2fetc%2fpasswd',
      `/pack/1.0.0/${encodeURIComponent(join(root, 'secret.txt'))}`,
      '/pack/1.0.0/C:/secret.txt',
      '/pack/1.0.0/images/ferry.webp%00.txt',
      '/pack/1.0.0/images/%zz',
      '/pack/..%2f..%2fsecret.txt/images/ferry.webp',
    ];
    for (const path of attempts) {
      const res = await rawGet(port, path);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toMatch(/outside the pack folder|root:|"format"/);
    }
    // The same client, in the same way, does get a real file: the 404s are not a broken client.
    expect((await rawGet(port, '/pack/1.0.0/audio/crossing.en.vtt')).status).toBe(200);
  });

  it('serves the new version once a pack is installed, and no longer the old one', async () => {
    const src = join(root, 'src-2');
    const { manifest, assets } = mediaPack('2.0.0');
    await writePackFolder(src, { manifest, assets, keys: null });
    const zip = join(root, 'pack-2.zip');
    expect((await buildPack(src, zip)).problems).toEqual([]);
    expect((await h.controller.packs.install(zip)).status).toBe('installed');
    expect((await get(port, '/pack/2.0.0/images/ferry.webp')).body.equals(WEBP)).toBe(true);
    expect((await get(port, '/pack/1.0.0/images/ferry.webp')).status).toBe(404);
  });
});
