import { defineConfig } from 'vitest/config';

// Node-side suites in two projects:
// - `unit`: pure tests (`*.unit.test.ts`: no pseudo-terminal, child process,
//   socket or browser), many files at once. `npm run test:fast` runs these.
// - `serial`: everything that opens ptys, spawns processes or listens on
//   ports, one file at a time and only after `unit` is done, so two suites
//   never fight over a port, a pty or the two cores' timing.
const UNIT = ['tests/*.unit.test.ts', 'tests/{firmware-bridge,content,kiosk,bench}/**/*.unit.test.ts'];

export default defineConfig({
  test: {
    environment: 'node',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: UNIT, sequence: { groupOrder: 0 } },
      },
      {
        extends: true,
        test: {
          name: 'serial',
          include: ['tests/*.test.ts', 'tests/{firmware-bridge,content}/**/*.test.ts'],
          exclude: UNIT,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
