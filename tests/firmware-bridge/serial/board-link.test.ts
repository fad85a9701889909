// The board link against the real firmware core on a real pseudo-terminal.

import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PanelInput } from '../../../firmware-bridge/api/messages.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { BoardLink, ConnectError, type LostReason } from '../../../firmware-bridge/serial/board-link.js';
import { virtualBoardBinary, VirtualBoardProcess } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

const cleanups: (() => Promise<void>)[] = [];

// Building the firmware's host binary (when its sources changed) is no part of any test's time.
beforeAll(() => virtualBoardBinary(), 180_000);
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function board(options: Parameters<typeof VirtualBoardProcess.start>[0] = {}): Promise<VirtualBoardProcess> {
  const b = await VirtualBoardProcess.start(options);
  cleanups.push(() => b.close());
  return b;
}

async function connect(path: string, extra: Partial<Parameters<typeof BoardLink.connect>[0]> = {}) {
  const log = createMemoryLogger();
  const inputs: PanelInput[] = [];
  const lost: LostReason[] = [];
  const link = await BoardLink.connect({ path, log, handlers: { input: (i) => inputs.push(i), lost: (r) => lost.push(r) }, ...extra });
  cleanups.push(() => link.close());
  return { link, log, inputs, lost };
}

describe('BoardLink over a pseudo-terminal', () => {
  it('sends WHO, takes the HELLO and turns frames into inputs', async () => {
    const b = await board({ id: 'C0FFEE', fw: '1.2.3', buttons: 6, knobs: 1 });
    const { link, inputs } = await connect(b.pty);
    expect(link.hello).toMatchObject({ boardId: 'C0FFEE', firmware: '1.2.3', buttons: 6, knobs: 1, protoMajor: 1 });
    await b.waitFor(/^HOST /, { since: 0 });
    expect(b.hostLines()[0]).toBe('WHO');
    await b.sendMany(['press 4', 'turn 0 3', 'sleep 15', 'release 4', 'turn 0 -1']);
    await waitUntil(() => inputs.filter((i) => i.kind === 'button').length === 2 && inputs.filter((i) => i.kind === 'knob').reduce((s, i) => s + (i.kind === 'knob' ? i.delta : 0), 0) === 2, 'inputs');
    expect(inputs.filter((i) => i.kind === 'button')).toEqual([
      { kind: 'button', index: 4, pressed: true },
      { kind: 'button', index: 4, pressed: false },
    ]);
    expect(link.framesDropped()).toEqual({ crc: 0, 'unknown-type': 0, 'bad-fields': 0, overlong: 0, 'no-crc': 0 });
    expect(link.lastSeenMs).toBeGreaterThan(Date.now() - 2000);
  });

  it('measures a PING round trip and sets LEDs', async () => {
    const b = await board();
    const { link } = await connect(b.pty);
    const ms = await link.ping();
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThan(500);
    await b.waitFor(/^HOST PING/, { since: 0 });
    expect(b.hostLines()).toContain('PING 0');
    link.setLed(2, 3);
    await b.waitFor(/^LED 2 3$/, { since: 0 });
    expect(b.hostLines()).toContain('LED 2 3');
    // The board checks the CRC the host always sends, and refuses nothing.
    expect(b.lines.filter((l) => l.startsWith('ERR'))).toEqual([]);
    expect(() => link.setLed(8, 1)).toThrow(/8 buttons/);
  });

  it('refuses another protocol major with a clear log line', async () => {
    const b = await board({ proto: 2 });
    const log = createMemoryLogger();
    const error = await BoardLink.connect({ path: b.pty, log }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectError);
    expect((error as ConnectError).kind).toBe('protocol');
    expect(log.lines.join('\n')).toMatch(/error .*speaks protocol 2; this bridge speaks 1: refusing it/);
  });

  it('gives up on a board that never says HELLO', async () => {
    const b = await board({ noHello: true, heartbeatMs: 100 });
    const started = Date.now();
    const error = await BoardLink.connect({ path: b.pty, log: createMemoryLogger(), helloTimeoutMs: 600 }).catch((e: unknown) => e);
    expect((error as ConnectError).kind).toBe('no-hello');
    expect(Date.now() - started).toBeGreaterThanOrEqual(590);
    await waitUntil(() => b.hostLines().length >= 2, 'both WHOs on the board');
    // It asked twice: once at open, once halfway.
    expect(b.hostLines().filter((l) => l === 'WHO')).toHaveLength(2);
  });

  it('fails to open a path that is not there', async () => {
    const error = await BoardLink.connect({ path: '/nonexistent/tty', log: createMemoryLogger() }).catch((e: unknown) => e);
    expect((error as ConnectError).kind).toBe('open');
    expect((error as Error).message).toMatch(/cannot open \/nonexistent\/tty/);
  });

  it('counts garbage, over-long lines and bad checksums, and keeps working', async () => {
    const b = await board();
    const { link, inputs } = await connect(b.pty);
    await b.sendMany(['garbage 2000', 'raw BTN 1 3 1*00', 'raw BTN 1 3 1', 'raw ' + 'L'.repeat(130), 'raw FOO 1*' + 'FF', 'tap 5']);
    await waitUntil(() => inputs.length === 2, 'the tap after the noise');
    expect(inputs).toEqual([
      { kind: 'button', index: 5, pressed: true },
      { kind: 'button', index: 5, pressed: false },
    ]);
    const dropped = link.framesDropped();
    expect(dropped['crc']).toBeGreaterThanOrEqual(1);
    expect(dropped['no-crc']).toBeGreaterThanOrEqual(1);
    expect(dropped['overlong']).toBeGreaterThanOrEqual(1);
    expect(Object.values(dropped).reduce((a, b) => a + b, 0)).toBeGreaterThan(20);
    expect(await link.ping()).toBeLessThan(500);
  });

  it('reports an unplug as lost and releases what was pressed', async () => {
    const b = await board();
    const { link, inputs, lost } = await connect(b.pty);
    await b.send('press 2');
    await waitUntil(() => inputs.length === 1, 'the press');
    await b.send('unplug');
    await waitUntil(() => lost.length === 1, 'the loss');
    expect(lost).toEqual(['unplugged']);
    expect(link.isOpen).toBe(false);
    expect(link.releaseAll()).toEqual([{ kind: 'button', index: 2, pressed: false }]);
  });

  it('notices an unplug at once every time, not at the silence limit', async () => {
    const b = await board({ heartbeatMs: 100 });
    for (let n = 0; n < 12; n++) {
      const { lost } = await connect(b.pty, { silenceMs: 10_000 });
      await b.send('unplug');
      // The reason tells it apart from the 10 s silence limit: no clock needed.
      await waitUntil(() => lost.length === 1, `loss ${n}`, 8000, 5);
      expect(lost).toEqual(['unplugged']);
      await b.send('plug');
    }
  });

  it('counts the board as lost after the silence limit', async () => {
    const b = await board({ heartbeatMs: 100 });
    // Heartbeats every 100 ms against a 1.5 s limit: only a real silence trips it.
    const { lost } = await connect(b.pty, { silenceMs: 1500 });
    await b.send('sleep 2000', { timeoutMs: 10_000 });
    expect(lost).toEqual([]);
    b.send('silence 4000', { timeoutMs: 15_000 }).catch(() => undefined);
    await waitUntil(() => lost.length === 1, 'the silence', 8000);
    expect(lost).toEqual(['silence']);
  });
});
