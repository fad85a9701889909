// Building the panel image with Debian's AVR toolchain: the same core sources as the PC
// builds, a .hex that matches the .elf byte for byte, sizes inside the chip's limits, and
// no rebuild when nothing changed.

import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, it } from 'vitest';
import { ATMEGA328P, buildAvrFirmware, describeSizes } from '../../../firmware-bridge/firmware/build-avr.js';
import { parseIntelHex } from '../../../firmware-bridge/firmware/emulator/intel-hex.js';
import { describeAvr } from './helpers/avr-gate.js';

const run = promisify(execFile);
const BUILD_TIMEOUT_MS = 180_000;
const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

describeAvr('build-avr', () => {
  it('builds an .elf and a .hex whose bytes are the .elf program, within the chip limits', async () => {
    const image = (await buildAvrFirmware())!;
    expect(image.hex).toMatch(/firmware-bridge[\\/]firmware[\\/]build[\\/]avr[\\/]crossroads-panel\.hex$/);
    const dir = await mkdtemp(join(tmpdir(), 'crossroads-avr-bin-'));
    dirs.push(dir);
    await run('avr-objcopy', ['-O', 'binary', '-R', '.eeprom', image.elf, join(dir, 'panel.bin')]);
    const binary = await readFile(join(dir, 'panel.bin'));
    const hex = parseIntelHex(await readFile(image.hex, 'utf8'), ATMEGA328P.flashBytes);
    expect(hex.usedBytes).toBe(binary.length);
    expect(Buffer.from(hex.bytes.subarray(0, hex.usedBytes)).equals(binary)).toBe(true);
    expect(image.flashBytes).toBe(binary.length);
    // Room for the bootloader, and for the stack above the static data.
    expect(image.flashBytes).toBeLessThanOrEqual(ATMEGA328P.flashBytes - ATMEGA328P.bootloaderBytes);
    expect(image.ramBytes + 512).toBeLessThanOrEqual(ATMEGA328P.ramBytes);
    expect(image.staticEnd).toBe(0x100 + image.ramBytes);
    expect(image.sizeReport).toMatch(/Device: atmega328p/);
    expect(describeSizes(image).join('\n')).toMatch(/^flash: \d+ of 30720 bytes[\s\S]*RAM: +\d+ of 2048 bytes/);
  }, BUILD_TIMEOUT_MS);

  it('compiles the portable core the PC builds use, and the board layer', async () => {
    const image = (await buildAvrFirmware())!;
    const { stdout } = await run('avr-nm', ['-C', image.elf]);
    // Link-time optimisation inlines much of it; these survive as symbols of their own.
    // Vectors 14, 18 and 19: the millisecond tick, a byte in, room to send.
    for (const symbol of ['crossroads::Panel::sendState()', 'crossroads::Panel::reportKnobs', 'crossroads::crc8Smbus', 'UartSink::writeFrame', 'board6readId', '__vector_14', '__vector_18', '__vector_19']) {
      expect(stdout, symbol).toContain(symbol);
    }
  }, BUILD_TIMEOUT_MS);

  it('does nothing the second time', async () => {
    const first = (await buildAvrFirmware())!;
    const before = [(await stat(first.elf)).mtimeMs, (await stat(first.hex)).mtimeMs];
    const second = (await buildAvrFirmware())!;
    expect([(await stat(second.elf)).mtimeMs, (await stat(second.hex)).mtimeMs]).toEqual(before);
    expect(second).toEqual(first);
  }, BUILD_TIMEOUT_MS);
});
