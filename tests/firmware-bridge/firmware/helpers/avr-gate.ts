// Whether the AVR toolchain is here, and the describe() for suites that need it: without
// gcc-avr they are skipped with a message saying what to install, unless
// CROSSROADS_REQUIRE_AVR=1 (as in CI), when the missing toolchain fails the run instead.

import { describe, it } from 'vitest';
import { AVR_PACKAGES, findAvrToolchain } from '../../../../firmware-bridge/firmware/build-avr.js';

export const avrToolchain = await findAvrToolchain();
const required = process.env['CROSSROADS_REQUIRE_AVR'] === '1';
const MISSING = `the AVR toolchain is not installed (Debian: apt-get install ${AVR_PACKAGES})`;

/** describe() for a suite that builds or runs the AVR image. */
export function describeAvr(name: string, body: () => void): void {
  if (avrToolchain !== null) {
    describe(name, body);
    return;
  }
  if (required) {
    describe(name, () => {
      it('has the AVR toolchain, which CROSSROADS_REQUIRE_AVR=1 demands', () => {
        throw new Error(`${MISSING}; CROSSROADS_REQUIRE_AVR=1 makes this a failure rather than a skip`);
      });
    });
    return;
  }
  process.stderr.write(`skipping "${name}": ${MISSING}\n`);
  describe.skip(`${name} (skipped: ${MISSING})`, body);
}
