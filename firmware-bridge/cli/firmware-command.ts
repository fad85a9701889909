// `crossroads firmware build|flash|check`: the panel's firmware for the reference board
// (ATmega328P, Arduino Nano or Uno): build it with the AVR toolchain, flash it through
// the board's bootloader with avrdude, and check a board at the bench.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { createLogger } from '../core/logger.js';
import { avrdudeArgs, BOARD_TYPES, DEFAULT_BOARD, shellLine } from '../firmware/avrdude.js';
// Nothing from the emulator but the HEX reader: avr8js is a development dependency, and a
// kiosk's install has none of those.
import { ATMEGA328P, AVR_PACKAGES, buildAvrFirmware, describeSizes } from '../firmware/build-avr.js';
import { parseIntelHex } from '../firmware/emulator/intel-hex.js';
import { Discovery } from '../serial/discovery.js';
import { UsageError, type CliIo } from './cli-io.js';
import { runCheck } from './firmware-check.js';

export const FIRMWARE_USAGE = `usage: crossroads firmware build [--out DIR]
       crossroads firmware flash [--port PATH] [--board ${Object.keys(BOARD_TYPES).join('|')}] [--hex FILE] [--dry-run]
       crossroads firmware check [--port PATH] [--seconds N] [--verbose]`;

/** The udev rule's stable name for the panel. */
const UDEV_NAME = '/dev/crossroads-panel';

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>): Values {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: false }).values as Values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${FIRMWARE_USAGE}`);
  }
}

/** --port, else the udev name, else the first USB serial port that may be a board. */
async function findPort(given: unknown): Promise<string> {
  if (typeof given === 'string') return given;
  if (existsSync(UDEV_NAME)) return UDEV_NAME;
  const candidates = await new Discovery({ log: createLogger({ level: 'error' }) }).candidates();
  if (candidates[0]) return candidates[0];
  throw new Error('no USB serial port found: plug the board in, or name its port with --port');
}

async function build(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { out: { type: 'string' } });
  const image = await buildAvrFirmware(typeof values.out === 'string' ? { outDir: values.out } : {});
  if (image === null) {
    io.stderr.write(`crossroads firmware build: the AVR toolchain is not installed (Debian: apt-get install ${AVR_PACKAGES})\n`);
    return 1;
  }
  io.stdout.write(`built ${image.hex}\n  and ${image.elf}\n\n${image.sizeReport}\n\n${describeSizes(image).join('\n')}\n`);
  return 0;
}

async function imageToFlash(given: unknown): Promise<string> {
  if (typeof given === 'string') return given;
  const image = await buildAvrFirmware();
  if (image === null) throw new Error(`no image to flash: install the AVR toolchain (apt-get install ${AVR_PACKAGES}) to build one, or pass --hex FILE`);
  return image.hex;
}

async function flash(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { port: { type: 'string' }, board: { type: 'string', default: DEFAULT_BOARD }, hex: { type: 'string' }, 'dry-run': { type: 'boolean', default: false } });
  const board = BOARD_TYPES[String(values.board)];
  if (!board) throw new UsageError(`--board must be one of ${Object.keys(BOARD_TYPES).join(', ')}, not ${String(values.board)}\n${FIRMWARE_USAGE}`);
  const hex = await imageToFlash(values.hex);
  const image = parseIntelHex(await readFile(hex, 'utf8'), ATMEGA328P.flashBytes);
  const port = await findPort(values.port);
  const args_ = avrdudeArgs(board, port, hex);
  io.stdout.write(
    `board:   ${board.description} (--board ${board.name}: ${board.baud} baud)\n` +
      `port:    ${port}\n` +
      `image:   ${hex} (${image.usedBytes} bytes of flash)\n` +
      `command: ${shellLine('avrdude', args_)}\n`,
  );
  if (values['dry-run']) {
    io.stdout.write('dry run: avrdude not started\n');
    return 0;
  }
  io.stdout.write('(a running bridge holds the port: stop it first with `sudo systemctl stop crossroads-bridge`)\n');
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('avrdude', args_, { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => io.stdout.write(chunk));
    child.stderr.on('data', (chunk: Buffer) => io.stderr.write(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? new Error('avrdude is not installed (Debian: apt-get install avrdude)') : error));
    child.on('close', (exit) => resolve(exit ?? 1));
  });
  if (code !== 0) {
    io.stderr.write(`avrdude failed (exit ${code}). With "not in sync" errors, try the other bootloader: --board ${board.name === 'nano-old' ? 'nano' : 'nano-old'}\n`);
    return 1;
  }
  io.stdout.write(`flashed. Check it with: crossroads firmware check --port ${port}\n`);
  return 0;
}

async function check(args: string[], io: CliIo): Promise<number> {
  const values = parse(args, { port: { type: 'string' }, seconds: { type: 'string' }, verbose: { type: 'boolean', default: false } });
  const seconds = values.seconds === undefined ? null : Number(values.seconds);
  if (seconds !== null && !(Number.isFinite(seconds) && seconds > 0)) throw new UsageError(`--seconds must be a number above 0, not ${String(values.seconds)}\n${FIRMWARE_USAGE}`);
  const port = await findPort(values.port);
  let timer: NodeJS.Timeout | undefined;
  let onSignal: (() => void) | undefined;
  const stop = new Promise<void>((resolve) => {
    onSignal = resolve;
    process.once('SIGINT', onSignal);
    if (seconds !== null) timer = setTimeout(resolve, seconds * 1000);
  });
  try {
    return await runCheck({ port, io, stop, verbose: values.verbose === true });
  } finally {
    clearTimeout(timer);
    if (onSignal) process.removeListener('SIGINT', onSignal);
  }
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'build') return build(rest, io);
  if (sub === 'flash') return flash(rest, io);
  if (sub === 'check') return check(rest, io);
  if (sub === '--help' || sub === '-h') {
    io.stdout.write(`${FIRMWARE_USAGE}\n`);
    return 0;
  }
  throw new UsageError(`${sub ? `unknown subcommand '${sub}'` : 'which one?'}\n${FIRMWARE_USAGE}`);
}
