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
const { mkdirSync, readFileSync } = await import('node:fs');
const { fileURLToPath } = await import('node:url');
const packPath = new URL('../content/packs/caspian-2025/pack.json', import.meta.url);
/** Where the page's screenshots go to be looked at (git-ignored). */
const SCREENSHOTS = fileURLToPath(new URL('./output/screenshots/', import.meta.url));
/** Where tests/kiosk/media/media-pack.ts's pack (version 0.0.0-media) has its files. */
const MEDIA_PACK_PREFIX = '/pack/0.0.0-media/';
const BUILT_IN_PREFIX = `/pack/${encodeURIComponent(JSON.parse(readFileSync(packPath, 'utf8')).version)}/`;

export default {
  rootDir: '.',
  files: ['tests/kiosk/**/*.test.ts', '!tests/kiosk/**/*.unit.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testsFinishTimeout: 480_000,
  browserStartTimeout: 60_000,
  testFramework: { config: { timeout: 60_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), screenshotPlugin()],
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
      // Pack files where the bridge serves them, /pack/<version>/<path>: the media test pack's, and the built-in pack's.
      if (context.path.startsWith(MEDIA_PACK_PREFIX)) context.path = `/tests/kiosk/fixtures/media/${context.path.slice(MEDIA_PACK_PREFIX.length)}`;
      else if (context.path.startsWith(BUILT_IN_PREFIX)) context.path = `/content/packs/caspian-2025/${context.path.slice(BUILT_IN_PREFIX.length)}`;
      return next();
    },
  ],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath, headless: true, args: CHROMIUM_ARGS },
      // One context for every file, each file still its own page: a new
      // context per file costs a new renderer process and an empty HTTP
      // cache (three.js and the kiosk's modules fetched and compiled again).
      // The page keeps nothing else: no storage, no service worker; the
      // viewport and media emulation are the page's own.
      createBrowserContext: ({ browser }) => sharedContext(browser),
      createPage: ({ context }) => context.newPage(),
    }),
  ],
  reporters: [summaryReporter()],
};

/** The browser's one context, shared by the files; the launcher's close() after a file closes that file's page only. */
const contexts = new WeakMap();
function sharedContext(browser) {
  if (!contexts.has(browser)) contexts.set(browser, browser.newContext({ viewport: { width: 1920, height: 1080 } }));
  let page = null;
  return {
    async newPage() {
      page = await (await contexts.get(browser)).newPage();
      return page;
    },
    async close() {
      await page?.close();
    },
  };
}

/** `executeServerCommand('save-screenshot', { name })` from a test: the page as it is, in tests/output/screenshots/NAME.png. */
function screenshotPlugin() {
  return {
    name: 'save-screenshot',
    async executeCommand({ command, payload, session }) {
      if (command !== 'save-screenshot') return undefined;
      const name = String(payload?.name ?? '').replace(/[^a-z0-9-]/gi, '') || 'page';
      mkdirSync(SCREENSHOTS, { recursive: true });
      await session.browser.getPage(session.id).screenshot({ path: `${SCREENSHOTS}${name}.png` });
      return `tests/output/screenshots/${name}.png`;
    },
  };
}
