import { defineConfig } from 'vitest/config';

// Node-side suites: the bridge, the content tools, the firmware's host build.
export default defineConfig({
  test: {
    include: ['tests/firmware-bridge/**/*.test.ts', 'tests/content/**/*.test.ts', 'tests/kiosk/**/*.unit.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: pseudo-terminal and child-process suites run better without contention.
    fileParallelism: true,
    maxWorkers: 2,
  },
});
