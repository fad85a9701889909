// What the maintenance screen says, from what the bridge sent: counts by
// reason, whether a roll-back can work, which pack is on screen, the last
// errors newest first, an install time in the screen's language.

import { describe, expect, it } from 'vitest';
import type { PackInfo } from '../../../firmware-bridge/api/messages.js';
import { countsText, formatInstant, isOnScreen, lastErrorLines, packListing } from '../../../kiosk/ui/maintenance-model.js';

const builtIn: PackInfo = { id: 'caspian-2025', version: '1.0.0', source: 'built-in', installedAt: null };
const installed = (version: string): PackInfo => ({ id: 'caspian-2025', version, source: 'installed', installedAt: '2025-09-01T08:30:00Z' });

describe('the maintenance model', () => {
  it('lists only the reasons that happened', () => {
    expect(countsText({ crc: 3, seq: 0, malformed: 1 }, 'none')).toBe('crc: 3, malformed: 1');
    expect(countsText({ crc: 0 }, 'none')).toBe('none');
    expect(countsText(undefined, '—')).toBe('—');
  });

  it('allows a roll-back only to a previous installed version, or when the bridge sent no list', () => {
    expect(packListing([builtIn, installed('1.1.0'), installed('1.0.5')], installed('1.1.0')).canRollBack).toBe(true);
    expect(packListing([builtIn, installed('1.1.0')], installed('1.1.0')).canRollBack).toBe(true);
    expect(packListing([builtIn], builtIn).canRollBack).toBe(false);
    expect(packListing(null, builtIn)).toEqual({ packs: [builtIn], canRollBack: true });
    expect(packListing(null, null).packs).toEqual([]);
  });

  it('marks the pack on screen by id, version and source', () => {
    expect(isOnScreen(installed('1.1.0'), installed('1.1.0'))).toBe(true);
    expect(isOnScreen(installed('1.0.0'), builtIn)).toBe(false);
    expect(isOnScreen(builtIn, null)).toBe(false);
  });

  it('shows the last six errors, newest first', () => {
    const errors = Array.from({ length: 8 }, (_, k) => ({ at: `2025-09-01T08:3${k}:02.000Z`, level: 'error' as const, scope: 'bridge/panel', message: `problem ${k}` }));
    const lines = lastErrorLines(errors);
    expect(lines).toHaveLength(6);
    expect(lines[0]).toBe('08:37:02 error [bridge/panel] problem 7');
    expect(lines.at(-1)).toBe('08:32:02 error [bridge/panel] problem 2');
  });

  it('formats an install time, and leaves one it cannot read as it is', () => {
    expect(formatInstant('2025-09-01T08:30:00Z', 'en')).toMatch(/2025/);
    expect(formatInstant('not a time', 'en')).toBe('not a time');
  });
});
