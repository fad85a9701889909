// Starts a TypeScript helper as a child process. The helper is bundled once
// with esbuild (already installed with tsx) so each start costs a fraction of
// a `node --import tsx` start; without esbuild it falls back to tsx.

import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface ChildScript {
  spawn(args: string[]): ChildProcess;
}

export async function prepareChildScript(entry: string, outDir: string): Promise<ChildScript> {
  try {
    const esbuild = await import('esbuild');
    const outfile = join(outDir, 'child.mjs');
    await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile,
      logLevel: 'error',
      // Bundled CommonJS dependencies (yauzl, ajv) still call require().
      banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    });
    return { spawn: (args) => spawn(process.execPath, [outfile, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) };
  } catch {
    return { spawn: (args) => spawn(process.execPath, ['--import', 'tsx', entry, ...args], { stdio: ['ignore', 'pipe', 'pipe'] }) };
  }
}
