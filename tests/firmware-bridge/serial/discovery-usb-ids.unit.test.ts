// Discovery by USB ids: the panel's own boards and the USB-serial chips of ATmega328P
// boards come first, other products of those vendors next, other USB ports last; and
// the udev rules name exactly the devices discovery knows.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { Discovery, KNOWN_DEVICES, knownDevice } from '../../../firmware-bridge/serial/discovery.js';

const RULES = fileURLToPath(new URL('../../../firmware-bridge/system/udev/99-crossroads-panel.rules', import.meta.url));

describe('discovery by USB ids', () => {
  it('knows the usual boards and USB-serial chips, in either case', () => {
    expect(knownDevice({ path: 'a', vendorId: '1A86', productId: '7523' })?.name).toMatch(/CH340/);
    expect(knownDevice({ path: 'a', vendorId: '0403', productId: '6001' })?.name).toMatch(/FTDI/);
    expect(knownDevice({ path: 'a', vendorId: '2341', productId: '0043' })?.name).toMatch(/Arduino/);
    expect(knownDevice({ path: 'a', vendorId: '2341', productId: '8037' })?.name).toMatch(/Arduino/);
    expect(knownDevice({ path: 'a', vendorId: '2e8a', productId: '000a' })?.name).toMatch(/RP2040/);
    expect(knownDevice({ path: 'a', vendorId: '0403', productId: '6010' })).toBeUndefined();
    expect(knownDevice({ path: 'a', vendorId: '1a86', productId: '5523' })).toBeUndefined();
    expect(knownDevice({ path: 'a' })).toBeUndefined();
  });

  it('puts known devices first, other products of their vendors next, then other USB ports', async () => {
    const discovery = new Discovery({
      log: createMemoryLogger(),
      devRoot: '/nonexistent-crossroads-dev',
      listPorts: async () => [
        { path: '/dev/null', vendorId: '0403', productId: '6010' }, // an FT2232: often a JTAG probe
        { path: '/dev/zero', vendorId: '1234', productId: '0001' },
        { path: '/dev/random', vendorId: '1a86', productId: '7523' },
        { path: '/dev/full', vendorId: '2341', productId: '0043' },
      ],
    });
    expect(await discovery.candidates()).toEqual(['/dev/random', '/dev/full', '/dev/null', '/dev/zero']);
  });

  it('gives every known device the stable name in the udev rules, and no other', () => {
    const rules = readFileSync(RULES, 'utf8');
    const named = [...rules.matchAll(/^ATTRS\{idVendor\}=="([0-9a-f]{4})"(?:, ATTRS\{idProduct\}=="([0-9a-f]{4})")?, GOTO="crossroads_panel"$/gm)].map((m) => `${m[1]}:${m[2] ?? '*'}`);
    expect(named.sort()).toEqual(KNOWN_DEVICES.map((d) => `${d.vendorId}:${d.productId ?? '*'}`).sort());
    expect(named).toEqual(expect.arrayContaining(['1a86:7523', '0403:6001', '2341:*']));
  });
});
