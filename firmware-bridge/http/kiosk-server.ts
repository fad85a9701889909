// The bridge's HTTP face: the built kiosk page, /health, the map data, the
// current pack's media under /pack/<version>/, and the WebSocket at /ws.
// Loopback only unless told otherwise.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Capability } from '../core/capability.js';
import type { PackShown } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import type { RegionGeo } from '../geo/region-geo.js';
import type { HealthReport } from '../health/health-report.js';
import type { KioskSocket } from './kiosk-socket.js';
import { PACK_PREFIX, sendPackFile } from './pack-files.js';
import { setSecurityHeaders } from './security-headers.js';
import { sendStatic } from './static-files.js';

export class ListenError extends Error {
  constructor(
    readonly host: string,
    readonly port: number,
    readonly code: string,
  ) {
    super(
      code === 'EADDRINUSE'
        ? `port ${port} on ${host} is already in use; choose another with --port`
        : `cannot listen on ${host}:${port} (${code}); check --host and --port`,
    );
    this.name = 'ListenError';
  }
}

export interface KioskServerOptions {
  log: Logger;
  host: string;
  port: number;
  kioskDir: string;
  socket: KioskSocket;
  health: () => HealthReport;
  geo: () => RegionGeo;
  /** The pack on screen and where its files lie, for /pack/<version>/. */
  pack: () => PackShown;
}

export class KioskServer implements Capability {
  readonly name = 'http';
  private server: Server | null = null;
  private geoJson: string | null = null;

  constructor(private readonly options: KioskServerOptions) {}

  /** The port actually bound (differs from the option when it is 0). */
  port(): number {
    const address = this.server?.address() as AddressInfo | null | undefined;
    return address?.port ?? this.options.port;
  }

  /** Origins a page served by this server has. */
  origins(): Set<string> {
    const port = this.port();
    const hosts = new Set([this.options.host, '127.0.0.1', 'localhost', '[::1]']);
    if (this.options.host === '0.0.0.0' || this.options.host === '::') hosts.delete(this.options.host);
    return new Set([...hosts].map((host) => `http://${host}:${port}`));
  }

  url(): string {
    const host = this.options.host === '0.0.0.0' || this.options.host === '::' ? '127.0.0.1' : this.options.host;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.port()}/`;
  }

  async start(): Promise<void> {
    const server = createServer((req, res) => {
      this.handle(req, res).catch((error: Error) => {
        this.options.log.error(`request ${req.url ?? ''} failed: ${error.message}`);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end('internal error');
      });
    });
    server.on('upgrade', (req, socket, head) => {
      if (new URL(req.url ?? '/', 'http://x').pathname !== '/ws') {
        socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.options.socket.handleUpgrade(req, socket, head);
    });
    // Connections from a kiosk are few; idle keep-alive sockets should not pile up.
    server.keepAliveTimeout = 5_000;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: NodeJS.ErrnoException): void =>
        reject(new ListenError(this.options.host, this.options.port, error.code ?? 'error'));
      server.once('error', onError);
      server.listen(this.options.port, this.options.host, () => {
        server.off('error', onError);
        resolve();
      });
    });
    server.on('error', (error) => this.options.log.error(`server error: ${error.message}`));
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    await this.options.socket.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    setSecurityHeaders(res);
    const method = req.method ?? 'GET';
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain' });
      res.end('method not allowed');
      return;
    }
    // Pack files are looked up from the path as sent, before URL parsing folds any "..".
    const rawPath = (req.url ?? '/').split('?')[0]!;
    if (rawPath.startsWith(PACK_PREFIX)) {
      if (!(await sendPackFile(this.options.pack(), rawPath, req, res, method === 'HEAD'))) this.notFound(res);
      return;
    }
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path === '/health') {
      this.json(res, JSON.stringify(this.options.health()), 'no-store');
      return;
    }
    if (path === '/geo/region.json') {
      this.geoJson ??= JSON.stringify(this.options.geo());
      this.json(res, this.geoJson, 'no-cache');
      return;
    }
    if (await sendStatic(this.options.kioskDir, path, res, method === 'HEAD')) return;
    this.notFound(res);
  }

  private notFound(res: ServerResponse): void {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('not found');
  }

  private json(res: ServerResponse, body: string, cache: string): void {
    res.writeHead(200, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': cache,
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  }
}
