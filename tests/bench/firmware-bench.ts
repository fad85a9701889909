// The panel firmware on its reference board, an ATmega328P at 16 MHz, as built by
// avr-gcc and run on the emulated board: flash and RAM use against the chip's limits,
// the deepest the stack went, the longest pass of the main loop, the time from a pin
// edge to the first byte of its frame on the USART (on an idle line, and under a random
// storm of presses and turns), all in emulated time; and how fast the emulator runs
// against the host's clock.

import { ATMEGA328P, findAvrToolchain } from '../../firmware-bridge/firmware/build-avr.js';
import { avrRandomSession } from '../firmware-bridge/firmware/helpers/avr-random-session.js';
import { avrImage, CYCLES_PER_MS, CYCLES_PER_US, EmulatedBoardProcess } from '../firmware-bridge/firmware/helpers/emulated-board-process.js';
import { summarize } from './bench-stats.js';
import { summaryRow, valueRow, type BenchRow } from './bench-table.js';

export interface FirmwareBenchOptions {
  /** Single presses on a quiet line. */
  presses: number;
  /** Events in the random storm. */
  events: number;
}

const us = (cycles: number): number => cycles / CYCLES_PER_US;

export async function benchFirmware(options: FirmwareBenchOptions): Promise<BenchRow[]> {
  if ((await findAvrToolchain()) === null) {
    process.stderr.write('bench: firmware skipped: the AVR toolchain is not installed (apt-get install gcc-avr avr-libc binutils-avr)\n');
    return [];
  }
  const image = await avrImage();
  const flashLimit = ATMEGA328P.flashBytes - ATMEGA328P.bootloaderBytes;
  const rows: BenchRow[] = [
    valueRow('firmware', 'Flash used by the image (.text + .data)', 'bytes', image.flashBytes, `of ${flashLimit.toLocaleString('en-US')} (the chip's ${ATMEGA328P.flashBytes.toLocaleString('en-US')} less a 2 KiB bootloader)`),
    valueRow('firmware', 'RAM used before the stack (.data + .bss)', 'bytes', image.ramBytes, `of ${ATMEGA328P.ramBytes.toLocaleString('en-US')}`),
  ];
  const board = await EmulatedBoardProcess.start({ pace: 'fast', seed: 5 });
  try {
    // Single presses and releases, each on a quiet line: the firmware's own latency.
    const quiet = board.lines.length;
    const commands: string[] = [];
    for (let i = 0; i < options.presses; i++) commands.push('sleep 25', `press ${i % 8} 3`, 'sleep 25', `release ${i % 8} 3`);
    await board.sendMany(commands, 60_000);
    const idle = board.latencies(quiet).filter((l) => l.line.startsWith('BTN ')).map((l) => us(l.cycles));
    rows.push(summaryRow('firmware', 'Pin edge -> first byte of its BTN frame on the USART, quiet line', 'µs', summarize(idle), 'emulated time'));

    // A random storm: bouncing presses, turns from slow to fast spins, frames queueing.
    const session = avrRandomSession(7, options.events);
    const storm = board.lines.length;
    const hostStart = performance.now();
    const cycleStart = (await board.stats())['cycles']!;
    await board.sendMany(session.commands, 120_000);
    const stats = await board.stats();
    const hostMs = performance.now() - hostStart;
    const loaded = board.latencies(storm);
    const buttons = loaded.filter((l) => l.line.startsWith('BTN ')).map((l) => us(l.cycles));
    const knobs = loaded.filter((l) => l.line.startsWith('KNOB ')).map((l) => us(l.cycles));
    rows.push(summaryRow('firmware', `Pin edge -> first byte of its BTN frame, ${options.events.toLocaleString('en-US')} random events`, 'µs', summarize(buttons), `worst ${Math.round(Math.max(...buttons))} µs: frames queue on the 115,200-baud line`));
    rows.push(summaryRow('firmware', 'Knob detent -> first byte of its KNOB frame, same events', 'µs', summarize(knobs), 'reports are at most every 20 ms by design'));
    rows.push(valueRow('firmware', 'Longest main-loop pass (D12 pulse to sleep), all of the above', 'µs', us(stats['longestPassCycles']!), `${stats['passes']!.toLocaleString('en-US')} passes`));
    rows.push(valueRow('firmware', 'Deepest stack, all of the above', 'bytes', stats['stackBytes']!, `RAM left at worst: ${ATMEGA328P.ramBytes - image.ramBytes - stats['stackBytes']!} bytes`));
    const awake = stats['executedCycles']! / (stats['executedCycles']! + stats['sleptCycles']!);
    rows.push(valueRow('firmware', 'CPU awake (the rest in idle sleep), all of the above', '%', 100 * awake));
    const emulatedMs = (stats['cycles']! - cycleStart) / CYCLES_PER_MS;
    rows.push(valueRow('firmware', 'Emulator speed during the random events (emulated / host time)', '×', emulatedMs / hostMs, `${(emulatedMs / 1000).toFixed(1)} s emulated in ${(hostMs / 1000).toFixed(1)} s`));
    rows.push(valueRow('firmware', 'Start-up, reset to the first sleep', 'µs', us(stats['bootCycles']!)));
  } finally {
    await board.close();
  }
  return rows;
}
