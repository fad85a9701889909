// `crossroads firmware check`: the bench test for a maker who has just wired and flashed
// a panel. It opens the port, asks WHO until the board says HELLO (an Arduino resets when
// its port opens, and its bootloader takes a moment), prints who it is, then shows every
// press and turn as it happens and lights each button's lamp while it is held, so one
// pass over the panel checks every switch, contact and lamp. Every line is checked as the
// bridge checks it: a bad checksum or a lost frame is reported, and fails the check.

import { SerialPort } from 'serialport';
import { encodeHostFrame, parseBoardLine } from '../serial/frame-codec.js';
import { LineSplitter } from '../serial/line-splitter.js';
import type { CliIo } from './cli-io.js';

export interface CheckOptions {
  port: string;
  io: CliIo;
  /** Resolves when the check should end (Ctrl-C, or --seconds). */
  stop: Promise<void>;
  /** How long to wait for HELLO. */
  helloTimeoutMs?: number;
  /** Heartbeats too. */
  verbose?: boolean;
}

const WHO_EVERY_MS = 500;

export async function runCheck(options: CheckOptions): Promise<number> {
  const { io } = options;
  const port = new SerialPort({ path: options.port, baudRate: 115200, autoOpen: false });
  await new Promise<void>((resolve, reject) => port.open((error) => (error ? reject(new Error(`cannot open ${options.port}: ${error.message}`)) : resolve())));
  const say = (line: string): void => void io.stdout.write(`${line}\n`);
  const send = (text: string): void => void port.write(text);
  const lines = new LineSplitter();
  port.pipe(lines);

  let hello = false;
  let frames = 0;
  let problems = 0;
  let lastSeq: number | null = null;
  let lastState = 0;
  let counts: number[] = [];
  const lit = new Set<number>();
  lines.on('overlong', () => {
    problems++;
    say('dropped a line over 96 bytes');
  });
  lines.on('data', (line: string) => {
    const parsed = parseBoardLine(line);
    if (!parsed.ok) {
      problems++;
      say(`dropped (${parsed.reason}): ${JSON.stringify(line)}`);
      return;
    }
    frames++;
    const frame = parsed.frame;
    if ('seq' in frame) {
      if (lastSeq !== null && frame.seq !== (lastSeq + 1) % 256) {
        problems++;
        say(`frames lost: seq went from ${lastSeq} to ${frame.seq}`);
      }
      lastSeq = frame.seq;
    }
    switch (frame.type) {
      case 'HELLO':
        lastSeq = null;
        counts = new Array<number>(frame.knobs).fill(0);
        if (!hello) say(`HELLO from ${options.port}: board ${frame.boardId}, firmware ${frame.firmware}, protocol ${frame.proto}, ${frame.buttons} buttons, ${frame.knobs} knobs`);
        if (!hello) say('press every button and turn every knob; a button lights while it is held (Ctrl-C to stop)');
        hello = true;
        break;
      case 'BTN':
        say(`button ${frame.index} ${frame.pressed ? 'pressed' : 'released'}`);
        send(encodeHostFrame({ type: 'LED', index: frame.index, mode: frame.pressed ? 1 : 0 }));
        if (frame.pressed) lit.add(frame.index);
        else lit.delete(frame.index);
        break;
      case 'KNOB':
        counts[frame.index] = (counts[frame.index] ?? 0) + frame.delta;
        say(`knob ${frame.index} ${frame.delta > 0 ? '+' : ''}${frame.delta} (at ${counts[frame.index]})`);
        break;
      case 'STATE': {
        const now = Date.now();
        if (lastState !== 0 && now - lastState > 1500) say(`no heartbeat for ${((now - lastState) / 1000).toFixed(1)} s`);
        lastState = now;
        counts = frame.counts.slice();
        if (options.verbose) say(`heartbeat: buttons ${frame.mask.toString(16).padStart(4, '0')}, knobs ${frame.counts.join(' ')}`);
        break;
      }
      case 'ERR':
        say(`the board refused a command: ${frame.code} ${frame.text}`);
        break;
      case 'LOG':
        say(`board: ${frame.text}`);
        break;
      case 'PONG':
        break;
    }
  });

  send(encodeHostFrame({ type: 'WHO' }));
  const asking = setInterval(() => {
    if (!hello) send(encodeHostFrame({ type: 'WHO' }));
  }, WHO_EVERY_MS);
  const helloTimeoutMs = options.helloTimeoutMs ?? 5000;
  let helloTimer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<void>((resolve) => (helloTimer = setTimeout(resolve, helloTimeoutMs)));
  await Promise.race([options.stop, gaveUp.then(() => (hello ? options.stop : undefined))]);
  clearTimeout(helloTimer);
  clearInterval(asking);

  for (const index of lit) send(encodeHostFrame({ type: 'LED', index, mode: 0 }));
  await new Promise<void>((resolve) => port.drain(() => resolve()));
  await new Promise<void>((resolve) => port.close(() => resolve()));
  if (!hello) {
    io.stderr.write(`no HELLO from ${options.port} within ${(helloTimeoutMs / 1000).toFixed(1)} s: is the panel's firmware flashed (crossroads firmware flash), and is this its port?\n`);
    return 1;
  }
  say(`${frames} frames, ${problems === 0 ? 'none lost or damaged' : `${problems} lost or damaged: check the cable and the USB port`}`);
  return problems === 0 ? 0 : 1;
}
