#!/usr/bin/env node
// `npm start` and `npm run bench` build first, but only when a source file is
// newer than the build, so a second start is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outputs = ['dist/kiosk/index.html', 'dist/node/firmware-bridge/cli/run.js'].map((p) => join(root, p));
const sources = ['kiosk', 'firmware-bridge', 'content/schema', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];
const skip = new Set(['node_modules', 'dist', 'build', 'firmware']);

function newest(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const name of readdirSync(path)) {
    if (skip.has(name)) continue;
    latest = Math.max(latest, newest(join(path, name)));
  }
  return latest;
}

const built = outputs.every((p) => existsSync(p)) ? Math.min(...outputs.map((p) => statSync(p).mtimeMs)) : 0;
const changed = Math.max(...sources.map((p) => join(root, p)).filter((p) => existsSync(p)).map(newest));
if (built >= changed) process.exit(0);
process.stderr.write('Building the exhibit (kiosk page and bridge)...\n');
const result = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
