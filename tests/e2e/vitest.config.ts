import { defineConfig } from 'vitest/config';

// End-to-end: the real bridge as a child process, the built page in Chromium.
// `*.soak.test.ts` are long runs kept out of `npm test` until they hold on a
// loaded machine; `npm run test:soak` runs them (CROSSROADS_SOAK=1).
// `npm test` runs the author's studio (`author-*.test.ts`) in one process and
// the rest in another, in its two lanes (CROSSROADS_E2E_PART=studio|exhibit);
// each file still starts its own bridge and browser on ports of its own.
const soak = process.env['CROSSROADS_SOAK'] === '1';
const part = process.env['CROSSROADS_E2E_PART'];
const STUDIO = 'tests/e2e/**/author-*.test.ts';

export default defineConfig({
  test: {
    include: soak ? ['tests/e2e/**/*.soak.test.ts'] : part === 'studio' ? [STUDIO] : ['tests/e2e/**/*.test.ts'],
    exclude: soak ? [] : ['tests/e2e/**/*.soak.test.ts', ...(part === 'exhibit' ? [STUDIO] : [])],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
