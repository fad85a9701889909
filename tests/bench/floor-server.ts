// Builds the bench's floor page (tests/bench/floor/) with Vite into a scratch
// folder and serves it on loopback, so the frame phases can measure it in the
// same browser and run as the map. It never enters the kiosk's build.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const ROOT = fileURLToPath(new URL('./floor/', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css' };

export class FloorServer {
  private constructor(
    private readonly server: Server,
    private readonly dir: string,
    readonly url: string,
  ) {}

  static async start(): Promise<FloorServer> {
    const dir = mkdtempSync(join(tmpdir(), 'crossroads-floor-'));
    try {
      await build({ root: ROOT, base: '/', logLevel: 'warn', configFile: false, build: { outDir: dir, emptyOutDir: true, target: 'es2022' } });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    }
    const server = createServer((request, response) => {
      const path = normalize(new URL(request.url ?? '/', 'http://floor').pathname).replace(/^(\.\.[/\\])+/, '');
      try {
        const body = readFileSync(join(dir, path === '/' ? 'index.html' : path));
        response.writeHead(200, { 'content-type': TYPES[extname(path) || '.html'] ?? 'application/octet-stream' });
        response.end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return new FloorServer(server, dir, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}
