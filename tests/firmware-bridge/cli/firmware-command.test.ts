// `crossroads firmware`: the flash command's dry run (the exact avrdude command and the
// board type), usage mistakes, and the bench check against the emulated AVR board over
// its pty: HELLO, a live view of presses and turns, and each lamp lit on the board's
// pins while its button is held.

import { Writable } from 'node:stream';
import { afterEach, expect, it } from 'vitest';
import { UsageError } from '../../../firmware-bridge/cli/cli-io.js';
import { runCheck } from '../../../firmware-bridge/cli/firmware-check.js';
import { run } from '../../../firmware-bridge/cli/firmware-command.js';
import { describeAvr } from '../firmware/helpers/avr-gate.js';
import { avrImage, EmulatedBoardProcess } from '../firmware/helpers/emulated-board-process.js';
import { VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

/** `crossroads firmware ...` as cli/main.ts runs it: a usage mistake is exit code 2. */
async function crossroads(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new Capture();
  const stderr = new Capture();
  let code: number;
  try {
    code = await run(args, { stdout, stderr });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`crossroads firmware: ${error.message}\n`);
    code = 2;
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describeAvr('crossroads firmware', () => {
  it('flash --dry-run shows the board type and the avrdude command, and runs nothing', async () => {
    const image = await avrImage();
    const { code, stdout } = await crossroads('flash', '--port', '/dev/ttyUSB7', '--board', 'nano-old', '--dry-run');
    expect(code).toBe(0);
    expect(stdout).toContain('board:   Arduino Nano with the old bootloader');
    // Quoted as a person would type it when the checkout's path has a space.
    const field = `flash:w:${image.hex}:i`;
    expect(stdout).toContain(`command: avrdude -p atmega328p -c arduino -P /dev/ttyUSB7 -b 57600 -D -U ${/\s/.test(field) ? `'${field}'` : field}`);
    expect(stdout).toMatch(new RegExp(`image: +${image.hex.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${image.flashBytes} bytes of flash\\)`));
    expect(stdout).toContain('dry run: avrdude not started');
    const uno = await crossroads('flash', '--port', '/dev/ttyACM0', '--board', 'uno', '--hex', image.hex, '--dry-run');
    expect(uno.stdout).toContain('-P /dev/ttyACM0 -b 115200');
  }, 180_000);

  it('refuses usage mistakes with exit code 2', async () => {
    for (const args of [[], ['burn'], ['flash', '--board', 'mega', '--dry-run'], ['check', '--seconds', '-1'], ['build', '--frobnicate']]) {
      const { code, stderr } = await crossroads(...args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr, args.join(' ')).toMatch(/crossroads firmware: .*\n[\s\S]*usage: crossroads firmware build/);
    }
  });

  it('check shows HELLO, every press and turn, and lights a lamp while its button is held', async () => {
    const board = await EmulatedBoardProcess.start({ id: 'C0FFEE0012345678' });
    closers.push(() => board.close());
    const stdout = new Capture();
    const stderr = new Capture();
    let stop = (): void => {};
    const done = runCheck({ port: board.pty, io: { stdout, stderr }, stop: new Promise<void>((resolve) => (stop = resolve)) });
    await waitUntil(() => stdout.text.includes('HELLO from'), `HELLO; check printed:\n${stdout.text}${stderr.text}`, 10_000);
    expect(stdout.text).toContain('board C0FFEE0012345678, firmware 1.0.0, protocol 1, 8 buttons, 2 knobs');
    const mark = board.lines.length;
    await board.sendMany(['press 2', 'sleep 50']);
    await board.waitFor((line) => /^LAMPS \d+ 04$/.test(line), { since: mark });
    await board.sendMany(['release 2', 'sleep 50', 'turn 1 3 20', 'turn 0 -1 20', 'sleep 50']);
    await board.waitFor((line) => /^LAMPS \d+ 00$/.test(line), { since: mark });
    await waitUntil(() => stdout.text.includes('knob 0 -1'), `the turns; check printed:\n${stdout.text}`);
    stop();
    expect(await done).toBe(0);
    const view = stdout.text.split('\n');
    expect(view).toContain('button 2 pressed');
    expect(view).toContain('button 2 released');
    expect(view.filter((line) => line.startsWith('knob 1 +')).length).toBeGreaterThanOrEqual(1);
    expect(view).toContain('knob 0 -1 (at -1)');
    expect(view.some((line) => /^knob 1 \+\d \(at 3\)$/.test(line))).toBe(true);
    expect(stdout.text).toMatch(/\d+ frames, none lost or damaged/);
  });

  it('check fails with advice when the port answers no HELLO', async () => {
    const mute = await VirtualBoardProcess.start({ noHello: true });
    closers.push(() => mute.close());
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCheck({ port: mute.pty, io: { stdout, stderr }, stop: new Promise(() => {}), helloTimeoutMs: 1200 });
    expect(code).toBe(1);
    expect(stderr.text).toMatch(/no HELLO from .* within 1\.2 s: is the panel's firmware flashed/);
    // It asked more than once: a board that was still in its bootloader gets another chance.
    expect(mute.hostLines().filter((line) => line === 'WHO').length).toBeGreaterThanOrEqual(2);
  });
});
