// The layering rules that `npm run lint` enforces (.dependency-cruiser.cjs),
// tried on a small tree that breaks each of them, and on the project itself.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise, type ICruiseResult } from 'dependency-cruiser';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const rules = createRequire(import.meta.url)('../.dependency-cruiser.cjs') as { forbidden: unknown[] };
const scratch = mkdtempSync(join(tmpdir(), 'crossroads-layers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function violations(baseDir: string): Promise<string[]> {
  const options = { baseDir, validate: true, ruleSet: { forbidden: rules.forbidden }, tsPreCompilationDeps: true, exclude: { path: '^(node_modules|dist|tests)/' } };
  // NodeNext imports say .js for a .ts file, as tsc resolves them.
  const resolve = { extensions: ['.ts', '.js'], extensionAlias: { '.js': ['.ts', '.js'] } };
  const result = await cruise(['firmware-bridge', 'kiosk', 'content'], options as never, resolve as never);
  const output = result.output as ICruiseResult;
  return output.summary.violations.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`).sort();
}

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(scratch, 'tree-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

describe('the layering rules', () => {
  it('refuse each wrong direction', async () => {
    const dir = tree({
      'kiosk/map.ts': "import { region } from '../firmware-bridge/geo/region.js';\nimport type { Msg } from '../firmware-bridge/api/messages.js';\nexport const m: Msg | null = null; export const r = region;\n",
      'firmware-bridge/geo/region.ts': "export const region = 1;\n",
      'firmware-bridge/api/messages.ts': "import { region } from '../geo/region.js';\nexport type Msg = { n: number }; export const k = region;\n",
      'firmware-bridge/core/bus.ts': "import { region } from '../geo/region.js';\nexport const b = region;\n",
      'firmware-bridge/packs/store.ts': "import { root } from '../main/controller.js';\nimport { view } from '../../kiosk/view.js';\nexport const s = root + view;\n",
      'firmware-bridge/main/controller.ts': "export const root = 1;\n",
      'kiosk/view.ts': "export const view = 2;\n",
      'content/schema/a.ts': "import { b } from './b.js';\nimport { view } from '../../kiosk/view.js';\nexport const a = b + view;\n",
      'content/schema/b.ts': "import { a } from './a.js';\nexport const b = 1; export const c = () => a;\n",
    });
    expect(await violations(dir)).toEqual([
      'api-stays-shared: firmware-bridge/api/messages.ts -> firmware-bridge/geo/region.ts',
      'bridge-imports-page: firmware-bridge/packs/store.ts -> kiosk/view.ts',
      'content-imports-runtime: content/schema/a.ts -> kiosk/view.ts',
      'core-is-shared-only: firmware-bridge/core/bus.ts -> firmware-bridge/geo/region.ts',
      'no-circular: content/schema/a.ts -> content/schema/b.ts',
      'nobody-imports-the-root: firmware-bridge/packs/store.ts -> firmware-bridge/main/controller.ts',
      'page-imports-bridge: kiosk/map.ts -> firmware-bridge/geo/region.ts',
    ]);
  });

  it('hold for the project as it is', async () => {
    expect(await violations(ROOT)).toEqual([]);
  }, 60_000);
});
