// emulated-board: the panel firmware's .hex, exactly as it would be flashed, running on
// an emulated ATmega328P board behind a real pseudo-terminal that the bridge opens like
// /dev/ttyUSB0. Commands on stdin drive the buttons and knobs (board-commands.ts); stdout
// reports, one line each, stamped with the board clock in CPU cycles (16 per µs):
//   READY <pty>                  the board is powered and its port is there
//   BOOT <cycle>                 the firmware starts
//   TX <cycle> <line>            a line the board sent (cycle of its first byte)
//   RX <cycle> <line>            a line the board received
//   LAMPS <cycle> <hex>          the lamps lit now (bit n: lamp n)
//   LATENCY <cycles> <line>      from the input's pin edge to that frame's first byte
//   HOST <cycle> open|closed     a host opened or closed the port (open pulses RESET)
//   UNPLUGGED <cycle>, PLUGGED <cycle> <pty>, WARN <cycle> <text>
//   PIN <cycle> button <i> <0|1>, PIN <cycle> knob <k> <phase>   with --trace-pins
//   OK <cycle> <command>, ERR <reason>: <command>, STATS key=value ...
// Run with `node --import tsx`; README.md ("The emulated board") has the options.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { buildPtyRelay, firmwareDir } from '../build-host.js';
import { defaultAvrOutDir } from '../build-avr.js';
import { FLASH_BYTES, SRAM_START } from './atmega328p.js';
import { BoardCommands } from './board-commands.js';
import { EmulatedBoard } from './emulated-board.js';
import { parseIntelHex, programWords } from './intel-hex.js';
import { Pacer, type Pace } from './pacer.js';
import { parsePinMap } from './pin-map.js';
import { RelayProcess } from './relay-process.js';
import { signatureRow } from './signature-row.js';
import { LatencyLog } from './latency-log.js';

const USAGE = 'usage: emulated-board [--hex FILE] [--link PATH] [--id HEX16] [--pace auto|fast|real] [--seed N] [--no-auto-reset] [--no-bootloader] [--trace-pins]';

function fail(message: string, code = 2): never {
  process.stderr.write(`emulated-board: ${message}\n${USAGE}\n`);
  process.exit(code);
}

const { values } = (() => {
  try {
    return parseArgs({
      options: {
        hex: { type: 'string' },
        link: { type: 'string' },
        id: { type: 'string' },
        pace: { type: 'string', default: 'auto' },
        seed: { type: 'string', default: '1' },
        'no-auto-reset': { type: 'boolean', default: false },
        'no-bootloader': { type: 'boolean', default: false },
        'trace-pins': { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    return fail((error as Error).message);
  }
})();
if (!['auto', 'fast', 'real'].includes(values.pace)) fail(`--pace must be auto, fast or real, not ${values.pace}`);
const seed = Number(values.seed);
if (!Number.isInteger(seed)) fail(`--seed must be a whole number, not ${values.seed}`);
const id = values.id ?? `5641${(process.pid & 0xffffff).toString(16).padStart(6, '0')}${(seed & 0xffffff).toString(16).padStart(6, '0')}`.toUpperCase();
if (!/^[0-9A-Fa-f]{16}$/.test(id)) fail(`--id must be 16 hex digits, not ${id}`);

const hexPath = values.hex ?? join(defaultAvrOutDir(), 'crossroads-panel.hex');
const image = parseIntelHex(await readFile(hexPath, 'utf8').catch((error: Error) => fail(`cannot read ${hexPath}: ${error.message}`, 1)), FLASH_BYTES);
const manifest = JSON.parse(await readFile(hexPath.replace(/\.hex$/, '.json'), 'utf8').catch(() => '{}')) as { staticEnd?: number };
const pins = parsePinMap(await readFile(join(firmwareDir(), 'avr', 'board-pins.h'), 'utf8'));
const relayBinary = (await buildPtyRelay()) ?? fail('no C++ compiler found to build the pty relay: install g++', 1);

let pending = '';
function print(line: string): void {
  if (pending === '') setImmediate(flush);
  pending += `${line}\n`;
}
function flush(): void {
  process.stdout.write(pending);
  pending = '';
}

const latency = new LatencyLog();
const board = new EmulatedBoard(
  programWords(image),
  signatureRow(id),
  pins,
  {
    onLine(line, start) {
      print(`TX ${start} ${line}`);
      const measured = latency.frame(line, start);
      if (measured !== null) print(`LATENCY ${measured} ${line}`);
    },
    onBytes: (bytes) => relay.send(bytes),
    onLamps: (lit, cycle) => print(`LAMPS ${cycle} ${lit.toString(16).toUpperCase().padStart(2, '0')}`),
    onHostLine: (line, cycle) => print(`RX ${cycle} ${line}`),
    onBoot: (cycle) => {
      latency.clear();
      print(`BOOT ${cycle}`);
    },
    onWarning: (text, cycle) => print(`WARN ${cycle} ${text}`),
  },
  manifest.staticEnd ?? SRAM_START,
  !values['no-bootloader'],
);

let plugged: (() => void) | null = null;
let unplugged: (() => void) | null = null;
let ready = false;
const relay = new RelayProcess(relayBinary, values.link, {
  onPlugged(path) {
    board.powerOn();
    if (!ready) print(`READY ${path}`);
    else print(`PLUGGED ${board.cycles} ${path}`);
    if (!ready) for (const line of early.splice(0)) commands.enqueue(line);
    ready = true;
    plugged?.();
    plugged = null;
  },
  onUnplugged() {
    print(`UNPLUGGED ${board.cycles}`);
    unplugged?.();
    unplugged = null;
  },
  onHost(open) {
    print(`HOST ${board.cycles} ${open ? 'open' : 'closed'}`);
    if (open && !values['no-auto-reset']) board.reset();
  },
  onData: (bytes) => board.receive(bytes),
  onError(text) {
    print(`ERR relay: ${text}`);
    void shutdown(1);
  },
});

const commands: BoardCommands = new BoardCommands(
  {
    board,
    markInput: (key, cycle) => latency.input(key, cycle),
    unplug: () =>
      new Promise<void>((resolve) => {
        unplugged = resolve;
        board.powerOff();
        relay.unplug();
      }),
    plug: () =>
      new Promise<void>((resolve) => {
        plugged = resolve;
        relay.plug();
      }),
    stats: (): string => {
      const figures = { cycles: board.cycles, ...board.stats(), ...latency.figures(), fastSpeed: pacer.fastSpeed.toFixed(2), worstLagMs: pacer.figures.worstLagMs.toFixed(1) };
      return `STATS ${Object.entries(figures).map(([key, value]) => `${key}=${value}`).join(' ')}`;
    },
    print,
    trace: values['trace-pins'],
  },
  seed,
);
const pacer: Pacer = new Pacer(board, values.pace as Pace, (): boolean => commands.busy || board.pendingEvents > 0);

let stopping = false;
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  pacer.stop();
  await relay.close();
  flush();
  process.stderr.write(relay.stderr);
  process.exit(code);
}

process.on('SIGTERM', () => void shutdown(0));
process.on('SIGINT', () => void shutdown(0));
void relay.exited.then((code) => {
  if (!stopping) {
    print(`ERR relay: exited with code ${code}`);
    void shutdown(1);
  }
});
let inputEnded = false;
// Commands wait for the board to be powered up.
const early: string[] = [];
createInterface({ input: process.stdin })
  .on('line', (line) => {
    if (line.trim() === 'quit') void shutdown(0);
    else if (ready) commands.enqueue(line);
    else early.push(line);
  })
  .on('close', () => (inputEnded = true));
// At the end of input, quit once every command is done.
setInterval(() => {
  if (inputEnded && ready && !commands.busy) void shutdown(0);
}, 20).unref();
pacer.start();
