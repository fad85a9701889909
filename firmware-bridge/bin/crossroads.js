#!/usr/bin/env node
// The installed `crossroads` command: runs the compiled bridge.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const entry = fileURLToPath(new URL('../../dist/node/firmware-bridge/cli/run.js', import.meta.url));
if (!existsSync(entry)) {
  process.stderr.write('crossroads: the bridge is not built yet; run `npm run build` first\n');
  process.exit(1);
}
await import(pathToFileURL(entry).href);
