import { defineConfig } from 'vitest/config';

// Node-side suites in three projects:
// - `unit`: pure tests (`*.unit.test.ts`: no pseudo-terminal, child process,
//   socket or browser), many files at once. `npm run test:fast` runs these.
// - `serial-link` and `serial-host`: everything that opens ptys, spawns
//   processes or listens on ports, one file at a time within each, and only
//   after `unit` is done. The two share nothing (every pty is the kernel's
//   own, every port is chosen by the system), so `npm test` runs them side by
//   side in two processes (tests/run-all.js): the panel's link and firmware
//   in one, packs, HTTP, fleet and the system in the other. Within each, two
//   suites never fight over a pty or a port.
const UNIT = ['tests/*.unit.test.ts', 'tests/{firmware-bridge,content,kiosk,bench}/**/*.unit.test.ts'];
const LINK = ['tests/firmware-bridge/{serial,firmware,input}/**/*.test.ts', 'tests/firmware-bridge/cli/firmware-command.test.ts'];

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
          name: 'serial-link',
          include: LINK,
          exclude: UNIT,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'serial-host',
          include: ['tests/*.test.ts', 'tests/{firmware-bridge,content}/**/*.test.ts'],
          exclude: [...UNIT, ...LINK],
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
