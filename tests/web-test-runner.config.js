// Browser suites: Lit components and the three.js scene in real Chromium
// (WebGL through SwiftShader). The map data comes from the bridge's own code.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { register } from 'tsx/esm/api';
import { CHROMIUM_ARGS, requireChromium } from './chromium-path.js';
import { summaryReporter } from './wtr-summary-reporter.js';

const executablePath = requireChromium();
register();
const { buildRegionGeo } = await import('../firmware-bridge/geo/region-geo.ts');
const { DEFAULT_CONTROLS } = await import('../firmware-bridge/input/control-map.ts');
const { readFileSync } = await import('node:fs');
const packPath = new URL('../content/packs/caspian-2025/pack.json', import.meta.url);

export default {
  rootDir: '.',
  files: ['tests/kiosk/**/*.test.ts', '!tests/kiosk/**/*.unit.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 480_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  middleware: [
    function fixtures(context, next) {
      if (context.path === '/geo/region.json') {
        context.type = 'application/json';
        context.body = JSON.stringify(buildRegionGeo());
        return;
      }
      if (context.path === '/fixtures/controls.json') {
        // The control map exactly as the bridge sends it in `hello`.
        context.type = 'application/json';
        context.body = JSON.stringify({ ...DEFAULT_CONTROLS.map, holds: DEFAULT_CONTROLS.holds });
        return;
      }
      if (context.path === '/fixtures/pack.json') {
        context.type = 'application/json';
        context.body = readFileSync(packPath, 'utf8');
        return;
      }
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      createBrowserContext: ({ browser }) => browser.newContext({ viewport: { width: 1920, height: 1080 } }),
    }),
  ],
  reporters: [summaryReporter()],
};
