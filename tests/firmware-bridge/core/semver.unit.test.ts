// The bridge's one semver: packs' versions and minKioskVersion, and the
// firmware version a board's HELLO carries, by the same rule.

import { describe, expect, it } from 'vitest';
import { compareSemVer, isSemVer, parseSemVer } from '../../../firmware-bridge/core/semver.js';
import { frameLine, parseBoardLine } from '../../../firmware-bridge/serial/frame-codec.js';

describe('semver', () => {
  it('orders versions, pre-releases before their release', () => {
    const sorted = ['1.0.0', '1.0.0-alpha', '0.9.12', '1.0.0-alpha.10', '1.0.0-alpha.2', '1.0.0-beta', '1.10.0', '1.2.0', '1.0.0-alpha.beta', '1.0.0-rc.1'].sort(compareSemVer);
    expect(sorted).toEqual(['0.9.12', '1.0.0-alpha', '1.0.0-alpha.2', '1.0.0-alpha.10', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-rc.1', '1.0.0', '1.2.0', '1.10.0']);
    expect(compareSemVer('1.0.0+build.1', '1.0.0')).toBe(0);
    expect(compareSemVer('2.0.0', '10.0.0')).toBe(-1);
  });

  it('parses the parts, and refuses what semver.org does not allow', () => {
    expect(parseSemVer('2.1.0-rc.1+sha.5114f85')).toEqual({ major: 2, minor: 1, patch: 0, prerelease: ['rc', '1'] });
    for (const text of ['01.0.0', '1.0', '1.0.0.0', 'v1.0.0', '1.0.0-', '1.0.0-01', '1.0.0-a..b', '1.0.0+', ' 1.0.0', '']) {
      expect(parseSemVer(text), text).toBeNull();
      expect(isSemVer(text), text).toBe(false);
    }
    expect(() => compareSemVer('1.0', '1.0.0')).toThrow(/not a semantic version: 1.0/);
  });

  it('is the rule for a board’s firmware version too', () => {
    const hello = (fw: string) => parseBoardLine(frameLine(`HELLO 1 ${fw} ABC 8 2`).slice(0, -1));
    expect(hello('2.1.0-rc.1')).toMatchObject({ ok: true, frame: { firmware: '2.1.0-rc.1' } });
    for (const fw of ['1.0', '1.0.0-01', '1.0.0-a..b', '01.0.0']) expect(hello(fw), fw).toMatchObject({ ok: false, reason: 'bad-fields' });
  });
});
