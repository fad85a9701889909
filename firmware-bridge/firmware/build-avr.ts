// Builds the panel firmware for the reference board, an ATmega328P at 16 MHz (Arduino
// Nano or Uno class), with Debian's AVR toolchain (gcc-avr, avr-libc, binutils-avr):
// the portable core in crossroads-panel/src/core/ (the same files the PC builds compile)
// and the board layer in avr/. It writes the .elf, the .hex that avrdude flashes and a
// small manifest with the flash and RAM use, and rebuilds only what changed.

import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { firmwareDir } from './build-host.js';
import { compileAll, isStale, linkIfStale, mtimeMs, produce, runTool, sourcesOf, withLock } from './build-steps.js';

/** The chip and what the bootloaders leave of it. */
export const ATMEGA328P = {
  mcu: 'atmega328p',
  clockHz: 16_000_000,
  flashBytes: 32 * 1024,
  ramBytes: 2048,
  /** The older Nano bootloader takes 2 KiB (Optiboot on an Uno or a newer Nano, 512 bytes). */
  bootloaderBytes: 2048,
} as const;

export interface AvrToolchain {
  cxx: string;
  objcopy: string;
  size: string;
  nm: string;
}

export interface AvrImage {
  elf: string;
  hex: string;
  /** .text + .data: what is written to flash. */
  flashBytes: number;
  /** .data + .bss: RAM taken before the stack. */
  ramBytes: number;
  /** First SRAM address past the static data, where the stack may grow down to. */
  staticEnd: number;
  /** What avr-size says, for people. */
  sizeReport: string;
}

export interface AvrBuildOptions {
  /** Default: firmware-bridge/firmware/build/avr (git-ignored). */
  outDir?: string;
  force?: boolean;
}

const CORE = 'crossroads-panel/src/core';
const NAME = 'crossroads-panel';
const TARGET = [`-mmcu=${ATMEGA328P.mcu}`, `-DF_CPU=${ATMEGA328P.clockHz}UL`];
// Room in the core for this board's 8 buttons and 2 knobs only (avr/board-pins.h): 2 KiB of RAM.
const CAPACITY = ['-DCROSSROADS_BUTTON_CAPACITY=8', '-DCROSSROADS_KNOB_CAPACITY=2'];
// gcc-avr 5.4 calls C++17 "c++1z"; no exceptions, RTTI or guarded statics on an 8-bit chip.
const COMPILE = [...TARGET, ...CAPACITY, '-Os', '-std=gnu++1z', '-Wall', '-Wextra', '-fno-exceptions', '-fno-rtti', '-fno-threadsafe-statics', '-ffunction-sections', '-fdata-sections', '-flto'];
const LINK = [...TARGET, '-Os', '-flto', '-Wl,--gc-sections'];

/** Debian's package for each tool, for the message when one is missing. */
export const AVR_PACKAGES = 'gcc-avr avr-libc binutils-avr';

/** The AVR tools, or null when any is missing. */
export async function findAvrToolchain(): Promise<AvrToolchain | null> {
  const toolchain: AvrToolchain = { cxx: 'avr-g++', objcopy: 'avr-objcopy', size: 'avr-size', nm: 'avr-nm' };
  for (const tool of Object.values(toolchain)) {
    if (!(await runTool(tool, ['--version'])).ok) return null;
  }
  // avr-g++ runs without avr-libc, then fails on the first #include <avr/io.h>.
  const probe = await runTool(toolchain.cxx, [...TARGET, '-E', '-x', 'c++', '-include', 'avr/io.h', '/dev/null']);
  return probe.ok ? toolchain : null;
}

/** Where the image goes by default. */
export function defaultAvrOutDir(): string {
  return join(firmwareDir(), 'build', 'avr');
}

interface SectionSizes {
  text: number;
  data: number;
  bss: number;
}

function parseSections(sysv: string): SectionSizes {
  const size = (name: string): number => Number(new RegExp(`^\\.${name}\\s+(\\d+)`, 'm').exec(sysv)?.[1] ?? 0);
  return { text: size('text'), data: size('data'), bss: size('bss') };
}

async function describe(toolchain: AvrToolchain, elf: string): Promise<Omit<AvrImage, 'elf' | 'hex'>> {
  const sysv = await runTool(toolchain.size, ['-A', elf]);
  const report = await runTool(toolchain.size, ['-C', `--mcu=${ATMEGA328P.mcu}`, elf]);
  const symbols = await runTool(toolchain.nm, [elf]);
  if (!sysv.ok || !report.ok || !symbols.ok) throw new Error(`reading the sizes of ${elf} failed:\n${sysv.output}${report.output}${symbols.output}`);
  const sections = parseSections(sysv.output);
  // `_end`: past .data, .bss and .noinit, where the heap would begin.
  const end = /^([0-9a-f]+) \w _end$/m.exec(symbols.output);
  if (!end) throw new Error(`${elf} has no _end symbol`);
  return {
    flashBytes: sections.text + sections.data,
    ramBytes: sections.data + sections.bss,
    staticEnd: Number.parseInt(end[1]!, 16) & 0xffff,
    sizeReport: report.output.trim(),
  };
}

/** Builds the image if needed; null when the AVR toolchain is not installed. */
export async function buildAvrFirmware(options: AvrBuildOptions = {}): Promise<AvrImage | null> {
  const toolchain = await findAvrToolchain();
  if (toolchain === null) return null;
  const root = firmwareDir();
  const outDir = options.outDir ?? defaultAvrOutDir();
  const objDir = join(outDir, 'obj');
  await mkdir(objDir, { recursive: true });
  const sources = await sourcesOf(root, [CORE, 'avr'], [], [CORE, 'avr'], objDir);
  const force = options.force === true;
  const compiled = await compileAll(toolchain.cxx, COMPILE, sources, force, 'the AVR firmware');
  const elf = join(outDir, `${NAME}.elf`);
  const hex = join(outDir, `${NAME}.hex`);
  const manifest = join(outDir, `${NAME}.json`);
  const linked = await linkIfStale(toolchain.cxx, LINK, sources, elf, compiled, 'the AVR firmware');
  const elfMs = (await mtimeMs(elf)) ?? Infinity;
  if (linked || (await isStale(hex, elfMs, false)) || (await isStale(manifest, elfMs, false))) {
    await withLock(hex, async () => {
      await produce(toolchain.objcopy, hex, ['-O', 'ihex', '-R', '.eeprom', elf], 'the .hex file', []);
      await writeFile(manifest, JSON.stringify(await describe(toolchain, elf), null, 2) + '\n');
    });
  }
  const described = JSON.parse(await readFile(manifest, 'utf8')) as Omit<AvrImage, 'elf' | 'hex'>;
  return { elf, hex, ...described };
}

/** The sizes against the chip's limits, in the words a maker reads. */
export function describeSizes(image: AvrImage): string[] {
  const flashLimit = ATMEGA328P.flashBytes - ATMEGA328P.bootloaderBytes;
  const percent = (used: number, of: number): string => `${((100 * used) / of).toFixed(1)}%`;
  return [
    `flash: ${image.flashBytes} of ${flashLimit} bytes (${percent(image.flashBytes, flashLimit)}; the chip has ${ATMEGA328P.flashBytes}, the bootloader keeps up to ${ATMEGA328P.bootloaderBytes})`,
    `RAM:   ${image.ramBytes} of ${ATMEGA328P.ramBytes} bytes before the stack (${percent(image.ramBytes, ATMEGA328P.ramBytes)})`,
  ];
}
