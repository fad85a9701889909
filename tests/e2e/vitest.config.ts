import { defineConfig } from 'vitest/config';

// End-to-end: the real bridge as a child process, the built page in Chromium.
// `*.soak.test.ts` are long runs that mostly wait (a board playing at a real
// board's pace): `npm test` runs them in its Node lane, after the panel's link
// suites, beside the rest (CROSSROADS_SOAK=1 picks them; `npm run test:soak`
// runs them alone).
const soak = process.env['CROSSROADS_SOAK'] === '1';

export default defineConfig({
  test: {
    include: soak ? ['tests/e2e/**/*.soak.test.ts'] : ['tests/e2e/**/*.test.ts'],
    exclude: soak ? [] : ['tests/e2e/**/*.soak.test.ts'],
    environment: 'node',
    testTimeout: 90_000,
    hookTimeout: 90_000,
    fileParallelism: false,
  },
});
