// The firmware image as flashed (the .hex avr-gcc built), on the emulated ATmega328P
// behind a real pty, read with `serialport` as the bridge reads a board: it produces
// every board-side protocol vector byte for byte, takes every host-side one, refuses
// bad commands, and never sends a line the bridge would drop.

import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseBoardLine } from '../../../../firmware-bridge/serial/frame-codec.js';
import { BOARD_VECTORS, HOST_VECTORS } from '../../helpers/protocol-vectors.js';
import { checkFrame, withCrc } from '../frame-check.js';
import { avrImage, EmulatedBoardProcess } from '../helpers/emulated-board-process.js';
import { describeAvr } from '../helpers/avr-gate.js';
import { SerialClient } from '../serial-client.js';

// A cold build of the image on a busy two-core machine takes a while; a warm one is instant.
const BUILD_TIMEOUT_MS = 180_000;
const [HELLO, BTN_PRESS, BTN_RELEASE, KNOB, STATE, PONG] = BOARD_VECTORS.map((vector) => vector.line) as [string, string, string, string, string, string];
const [WHO, LED_SLOW, PING] = HOST_VECTORS.map((vector) => vector.line) as [string, string, string];

describeAvr('the AVR image and the protocol vectors', () => {
  let board: EmulatedBoardProcess;
  let host: SerialClient;

  beforeAll(async () => {
    await avrImage();
    // The id the vectors use, as the chip's serial number.
    board = await EmulatedBoardProcess.start({ id: 'E6614C311B7A4F2C' });
    host = await SerialClient.open(board.pty);
  }, BUILD_TIMEOUT_MS);

  afterAll(async () => {
    await host?.close();
    await board?.close();
  });

  // After a reset with nobody talking, Optiboot waits its second and the firmware starts
  // from seq 0, then counts seq up with its heartbeat (a STATE every 950 ms). The commands go
  // together with the reset, so they happen at the same emulated times however busy the
  // host is.
  const BOOTLOADER_MS = 1000;
  const HEARTBEAT_MS = 950;
  /** Half way between the heartbeat that takes seq n and the next one. */
  const afterState = (n: number) => BOOTLOADER_MS + Math.round(HEARTBEAT_MS * (n + 0.5));

  it('says the HELLO vector at boot and on WHO*2B, and answers PING 42*95 with the PONG vector', async () => {
    // Opening the port pulsed RESET through DTR: the first bytes only make the bootloader
    // hand over to the firmware, which greets by itself.
    await host.write(`${WHO}\n`);
    expect(await host.waitFor((line) => line.startsWith('HELLO '), 5000)).toBe(HELLO);
    const mark = board.lines.length;
    await host.write(`${WHO}\n`);
    expect(await host.waitFor((line) => line.startsWith('HELLO '), 5000)).toBe(HELLO);
    await board.waitFor(/^RX \d+ WHO\*2B$/, { since: mark });
    await host.write(`${PING}\n`);
    expect(await host.waitFor((line) => line.startsWith('PONG '), 5000)).toBe(PONG);
  });

  it('sends the BTN vectors as seq 17 and 18', async () => {
    host.skipReceived();
    // After STATE 16, a press is seq 17.
    await board.sendMany(['reset', `sleep ${afterState(16)}`, 'press 3', 'sleep 50', 'release 3']);
    expect(await host.waitFor((line) => line.startsWith('BTN '), 5000)).toBe(BTN_PRESS);
    expect(await host.waitFor((line) => line.startsWith('BTN '), 5000)).toBe(BTN_RELEASE);
  });

  it('sends the KNOB vector: a quick turn reports its first detent at once and sums the rest', async () => {
    host.skipReceived();
    await board.sendMany(['reset', `sleep ${afterState(17)}`, 'turn 0 -3 200']);
    expect(await host.waitFor((line) => line.startsWith('KNOB '), 5000)).toBe(withCrc('KNOB 18 0 -1'));
    expect(await host.waitFor((line) => line.startsWith('KNOB '), 5000)).toBe(KNOB);
  });

  it('sends the STATE vector: button 3 down, knobs at -2 and 15, as seq 20', async () => {
    host.skipReceived();
    await board.sendMany(['reset', `sleep ${BOOTLOADER_MS + 100}`, 'press 3', 'turn 0 -2 200', 'turn 1 15 200', 'sleep 13000']);
    expect(await host.waitFor((line) => line.startsWith('STATE 20 '), 5000)).toBe(STATE);
    await board.send('release 3');
  });

  it('takes LED 3 2*C4: lamp 3 blinks on its pin', async () => {
    const mark = board.lines.length;
    await host.write(`${LED_SLOW}\n`);
    await board.waitFor(/^RX \d+ LED 3 2\*C4$/, { since: mark });
    await board.send('sleep 2100');
    const lamp3 = board.lamps(mark).map((change) => (change.lit >> 3) & 1);
    expect(lamp3.length, 'lamp 3 turns on and off about four times in two seconds').toBeGreaterThanOrEqual(4);
    await host.write(`${withCrc('LED 3 0')}\n`);
    await board.waitFor((line) => /^LAMPS \d+ 00$/.test(line), { since: mark });
  });

  it('refuses bad commands with ERR and the right code', async () => {
    host.skipReceived();
    const refusals: [string, string][] = [
      ['LED 3 2*C5', 'CRC'],
      ['BEEP 1', 'TYPE'],
      ['LED 3', 'FIELD'],
      ['LED 9 1', 'RANGE'],
      ['X'.repeat(130), 'LONG'],
    ];
    for (const [line, code] of refusals) {
      await host.write(`${line}\n`);
      const refusal = checkFrame(await host.waitFor((l) => l.startsWith('ERR '), 5000));
      expect(refusal.fields[0], line).toBe(code);
    }
  });

  it('never sent a line the bridge would drop', () => {
    const sent = board.sent().map((line) => line.text);
    expect(sent.length).toBeGreaterThan(40);
    for (const line of sent) {
      checkFrame(line);
      const parsed = parseBoardLine(line);
      expect(parsed.ok, `${line}: ${parsed.ok ? '' : parsed.reason}`).toBe(true);
    }
    expect(board.lines.filter((line) => line.startsWith('WARN '))).toEqual([]);
  });
});
