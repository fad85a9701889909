import { describe, expect, it } from 'vitest';
import { isLoopback } from '../../../firmware-bridge/http/peer-address.js';

describe('isLoopback', () => {
  it('takes 127.0.0.0/8 and ::1, also IPv4-mapped', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1', '::FFFF:127.0.0.9', '0:0:0:0:0:0:0:1']) expect(isLoopback(address), address).toBe(true);
  });

  it('refuses every other address, and none at all', () => {
    for (const address of ['192.0.2.2', '10.0.0.1', '::ffff:192.0.2.2', 'fd00::2', 'fe80::1', '0.0.0.0', '::', '128.0.0.1', '127.0.0.256', '127.0.0', 'localhost', '', undefined, null]) {
      expect(isLoopback(address), String(address)).toBe(false);
    }
  });
});
