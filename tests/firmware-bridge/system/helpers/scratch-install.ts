// Runs install.sh into a scratch root, with a small built-looking project as
// its source, and lists what it left there.

import { execFileSync, spawnSync } from 'node:child_process';
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SYSTEM_DIR = fileURLToPath(new URL('../../../../firmware-bridge/system/', import.meta.url));
export const INSTALL = join(SYSTEM_DIR, 'install.sh');

export interface Scratch {
  dir: string;
  root: string;
  source: string;
  dispose(): void;
}

/** A project folder that looks built: the files install.sh checks for, plus some it must leave behind. */
export function makeScratch(): Scratch {
  const dir = mkdtempSync(join(tmpdir(), 'crossroads-install-'));
  const source = join(dir, 'source');
  const files: Record<string, string> = {
    'package.json': '{"name":"caspian-crossroads","version":"0.1.0"}\n',
    'dist/node/firmware-bridge/cli/run.js': 'export {};\n',
    'dist/kiosk/index.html': '<!doctype html>\n',
    'firmware-bridge/bin/crossroads.js': '#!/usr/bin/env node\n',
    'content/packs/caspian-2025/pack.json': '{}\n',
    'node_modules/ws/index.js': 'module.exports = {};\n',
    // Not for the kiosk:
    '.git/HEAD': 'ref: refs/heads/main\n',
    'tests/a.test.ts': '',
    'var/packs/state.json': '{}\n',
    'node_modules/.cache/x': '',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(source, path, '..'), { recursive: true });
    writeFileSync(join(source, path), text);
  }
  return { dir, root: join(dir, 'root'), source, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export function runInstall(args: string[]): { code: number; stdout: string; stderr: string } {
  const result = spawnSync('bash', [INSTALL, ...args], { encoding: 'utf8' });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Every file and link under `root`, with its mode (or link target), sorted. */
export function listTree(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const info = lstatSync(path);
      const rel = '/' + relative(root, path);
      if (info.isDirectory()) walk(path);
      else if (info.isSymbolicLink()) found.push(`${rel} -> ${readlinkSync(path)}`);
      else found.push(`${rel} ${(info.mode & 0o777).toString(8)}`);
    }
  };
  walk(root);
  return found.sort();
}

/** The content of every file under `root`, keyed by path. */
export function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of listTree(root)) {
    const path = entry.split(' ')[0]!;
    if (!entry.includes(' -> ')) out[path] = readFileSync(join(root, path), 'utf8');
  }
  return out;
}

export function sh(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8' });
}
