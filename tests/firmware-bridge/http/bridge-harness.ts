// Starts a real Controller in-process on a free loopback port with a scratch
// kiosk folder and data folder; tests talk to it over real HTTP/WebSocket.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Controller, type ControllerOptions } from '../../../firmware-bridge/main/controller.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { projectPaths } from '../../../firmware-bridge/core/project-paths.js';

export interface Harness {
  controller: Controller;
  base: string;
  origin: string;
  lines: string[];
  close(): Promise<void>;
}

export async function startHarness(overrides: Partial<ControllerOptions> = {}): Promise<Harness> {
  const scratch = mkdtempSync(join(tmpdir(), 'crossroads-http-'));
  const kioskDir = join(scratch, 'kiosk');
  mkdirSync(join(kioskDir, 'assets'), { recursive: true });
  writeFileSync(join(kioskDir, 'index.html'), '<!doctype html><title>kiosk</title>');
  writeFileSync(join(kioskDir, 'assets', 'app-abc123.js'), 'export {};');
  writeFileSync(join(scratch, 'secret.txt'), 'outside the kiosk folder');
  const log = createMemoryLogger();
  const controller = new Controller({
    log,
    host: '127.0.0.1',
    port: 0,
    dataDir: join(scratch, 'data'),
    mediaDir: join(scratch, 'media'),
    kioskDir,
    builtInPackDir: projectPaths().builtInPackDir,
    version: '0.1.0',
    allowUnsigned: false,
    idleResetS: 90,
    pageStallMs: 20_000,
    serial: 'none',
    commands: null,
    ...overrides,
  });
  try {
    await controller.start();
  } catch (error) {
    rmSync(scratch, { recursive: true, force: true });
    throw error;
  }
  const port = controller.server.port();
  return {
    controller,
    base: `http://127.0.0.1:${port}`,
    origin: `http://127.0.0.1:${port}`,
    lines: log.lines,
    async close() {
      await controller.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
