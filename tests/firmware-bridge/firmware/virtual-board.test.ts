// The virtual board over its real pseudo-terminal, driven from Node with `serialport`
// exactly as the bridge drives a real panel.

import { constants } from 'node:fs';
import { lstat, mkdtemp, open, readlink, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { virtualBoardBinary, VirtualBoardProcess, type VirtualBoardOptions } from '../helpers/virtual-board-process.js';
import { checkFrame, withCrc } from './frame-check.js';
import { SerialClient } from './serial-client.js';

// A cold build on a busy two-core machine can take minutes; a warm one takes milliseconds.
const BUILD_TIMEOUT_MS = 240_000;

let workDir = '';
const boards: VirtualBoardProcess[] = [];
const clients: SerialClient[] = [];

beforeAll(async () => {
  await virtualBoardBinary();
  workDir = await mkdtemp(join(tmpdir(), 'crossroads-vboard-'));
}, BUILD_TIMEOUT_MS);

afterEach(async () => {
  await Promise.all(clients.splice(0).map((client) => client.close()));
  await Promise.all(boards.splice(0).map((board) => board.close()));
});

afterAll(async () => {
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function startBoard(options: VirtualBoardOptions = {}): Promise<{ board: VirtualBoardProcess; path: string }> {
  const board = await VirtualBoardProcess.start(options);
  boards.push(board);
  return { board, path: board.pty };
}

async function connect(path: string): Promise<SerialClient> {
  const client = await SerialClient.open(path);
  clients.push(client);
  return client;
}

const ofType = (type: string) => (line: string) => line.startsWith(`${type} `);

describe('virtual board', () => {
  it('answers WHO with a valid HELLO and names its pty through --link', async () => {
    const link = join(workDir, 'usb-Crossroads_Panel-if00');
    await symlink('/dev/null', link); // a stale link from an earlier run is replaced
    const { board, path } = await startBoard({ link, id: 'e6614c311b7a4f2c' });
    expect(path).toMatch(/^\/dev\/(pts\/\d+|tty\w+)$/);
    expect(await readlink(link)).toBe(path);
    const client = await connect(link);
    await client.write(`${withCrc('WHO')}\n`);
    await board.waitFor((line) => line === 'HOST WHO');
    const hello = checkFrame(await client.waitFor(ofType('HELLO')));
    expect(hello.line).toBe('HELLO 1 1.0.0 E6614C311B7A4F2C 8 2*D8');
  });

  it('reports --fw, --proto, --buttons and --knobs in HELLO, and a typed WHO without CRC works', async () => {
    const { path } = await startBoard({ fw: '2.3.4', proto: 2, buttons: 4, knobs: 1, id: 'ABC' });
    const client = await connect(path);
    await client.write('WHO\r\n');
    const hello = checkFrame(await client.waitFor((line) => line.startsWith('HELLO 2 ')));
    expect(hello.fields).toEqual(['2', '2.3.4', 'ABC', '4', '1']);
  });

  it('sends BTN frames with valid CRCs and one seq on press and release', async () => {
    // No heartbeat in between: a STATE would take a seq of its own.
    const { board, path } = await startBoard({ heartbeatMs: 600_000 });
    const client = await connect(path);
    await client.write('PING 1\n');
    await client.waitFor(ofType('PONG'));
    await board.send('state');
    const before = checkFrame(await client.waitFor(ofType('STATE'), 10_000));
    client.skipReceived();
    await board.send('press 3');
    const press = checkFrame(await client.waitFor(ofType('BTN')));
    expect(press.fields.slice(1)).toEqual(['3', '1']);
    await board.send('sleep 15'); // past the 10 ms debounce lock-out
    await board.send('release 3');
    const release = checkFrame(await client.waitFor(ofType('BTN')));
    expect(release.fields.slice(1)).toEqual(['3', '0']);
    expect(Number(release.fields[0])).toBe((Number(press.fields[0]) + 1) % 256);
    expect(Number(press.fields[0])).toBeGreaterThan(Number(before.fields[0]));
    await board.send('tap 5');
    const tapped = [await client.waitFor(ofType('BTN')), await client.waitFor(ofType('BTN'))].map(checkFrame);
    expect(tapped.map((frame) => frame.fields.slice(1).join(' '))).toEqual(['5 1', '5 0']);
  });

  it('turns knobs through real quadrature into KNOB deltas and STATE counts', async () => {
    const { board, path } = await startBoard();
    const client = await connect(path);
    await client.write('PING 1\n');
    await client.waitFor(ofType('PONG'));
    await board.send('turn 0 3');
    const forward = checkFrame(await client.waitFor(ofType('KNOB')));
    expect(forward.fields.slice(1)).toEqual(['0', '3']);
    await board.send('sleep 25'); // a new report interval
    await board.send('turn 1 -2');
    const back = checkFrame(await client.waitFor(ofType('KNOB')));
    expect(back.fields.slice(1)).toEqual(['1', '-2']);
    await board.send('press 1');
    await board.send('state');
    const state = checkFrame(await client.waitFor(ofType('STATE')));
    expect(state.fields.slice(1)).toEqual(['0002', '3', '-2']);
  });

  // The period itself is checked on the board's own clock, in the core's unit
  // tests (panel_heartbeat_is_a_state_every_second_of_board_time): this board
  // runs on the PC's clock, which a busy machine stretches.
  it('keeps sending STATE heartbeats with nothing pressed', async () => {
    const { path } = await startBoard();
    const client = await connect(path);
    for (let i = 0; i < 3; i++) {
      client.skipReceived();
      checkFrame(await client.waitFor(ofType('STATE'), 10_000));
    }
  });

  it('answers PING with PONG', async () => {
    const { path } = await startBoard();
    const client = await connect(path);
    await client.write(`${withCrc('PING 42')}\n`);
    expect(await client.waitFor(ofType('PONG'))).toBe('PONG 42*63');
    await client.write('PING 65535\n');
    expect(checkFrame(await client.waitFor(ofType('PONG'))).fields).toEqual(['65535']);
  });

  it('echoes LED commands on stdout and refuses a wrong CRC with ERR', async () => {
    const { board, path } = await startBoard();
    const client = await connect(path);
    await client.write(`${withCrc('LED 3 2')}\n`);
    await board.waitFor((line) => line === 'HOST LED 3 2');
    await board.waitFor((line) => line === 'LED 3 2');
    await client.write('LED 4 1*00\n');
    const refused = checkFrame(await client.waitFor(ofType('ERR')));
    expect(refused.fields[0]).toBe('CRC');
    await client.write(`${'X'.repeat(200)}\n${withCrc('LED 3 0')}\n`);
    expect(checkFrame(await client.waitFor(ofType('ERR'))).fields[0]).toBe('LONG');
    await board.waitFor((line) => line === 'LED 3 0');
    expect(board.lines).not.toContain('LED 4 1');
    expect(board.lines.filter((line) => line.startsWith('HOST '))).toEqual(['HOST LED 3 2', 'HOST LED 3 0']);
  });

  it('unplug hangs up the host port and removes the link; plug brings a new pty and HELLO', async () => {
    const link = join(workDir, 'replug-link');
    const { board, path } = await startBoard({ link });
    const client = await connect(link);
    await client.write('WHO\n');
    await client.waitFor(ofType('HELLO'));
    await board.send('unplug');
    expect(board.lines).toContain('UNPLUGGED');
    // Like a real USB unplug on Linux, the hang-up makes reads return end-of-file, which
    // serialport notices for sure only when it next writes: the host's next PING fails.
    const deadline = Date.now() + 10_000;
    while (client.isOpen && Date.now() < deadline) {
      await client.write('PING 1\n').catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await client.closed;
    expect(client.closedByDisconnect || client.errors.length > 0).toBe(true);
    await expect(lstat(link)).rejects.toThrow(/ENOENT/);

    await board.send('plug');
    const plugged = board.lines.find((line) => line.startsWith('PLUGGED '))!;
    const newPath = plugged.slice('PLUGGED '.length);
    expect(newPath).not.toBe(path);
    expect(await readlink(link)).toBe(newPath);
    const again = await connect(link);
    // A host that opens the port is greeted with HELLO, without asking.
    checkFrame(await again.waitFor(ofType('HELLO')));
    const state = checkFrame(await again.waitFor(ofType('STATE'), 1500));
    expect(Number(state.fields[0])).toBeLessThan(3); // a fresh boot: seq starts again
  });

  it('--no-hello never says HELLO, even on WHO, but sends everything else', async () => {
    const { board, path } = await startBoard({ noHello: true, heartbeatMs: 100 });
    const client = await connect(path);
    await client.write('WHO\n');
    await board.waitFor((line) => line === 'HOST WHO');
    await client.write('PING 9\n');
    await client.waitFor(ofType('PONG'));
    await client.waitFor(ofType('STATE'), 500);
    await board.send('hello'); // only an explicit test command makes it speak
    await client.waitFor(ofType('HELLO'));
    expect(client.lines.filter(ofType('HELLO'))).toHaveLength(1);
  });

  it('keeps running with nobody reading, and greets the next host without a stale backlog', async () => {
    const { board, path } = await startBoard({ heartbeatMs: 1 });
    // A host that opens and never reads: the pty's buffer fills up, and writes must
    // neither block nor kill the board.
    const idle = await open(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    try {
      await board.send('sleep 20'); // the board notices the host
      await board.send('garbage 60000');
      await board.send('sleep 200');
    } finally {
      await idle.close();
    }
    await board.send('state');
    // The next host reads the raw pty (serialport would flush its input on open and hide
    // a backlog): it must see only fresh, valid frames.
    const fresh = await open(path, constants.O_RDWR | constants.O_NOCTTY | constants.O_NONBLOCK);
    let received = '';
    try {
      await fresh.write('PING 5\n');
      const deadline = Date.now() + 10_000;
      while (!received.includes('PONG 5*') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        const chunk = Buffer.alloc(65536);
        const { bytesRead } = await fresh.read(chunk, 0, chunk.length, null).catch(() => ({ bytesRead: 0 }));
        received += chunk.subarray(0, bytesRead).toString('latin1');
      }
    } finally {
      await fresh.close();
    }
    const lines = received.split('\n').filter((line) => line.length > 0);
    expect(lines.some((line) => line.startsWith('PONG 5*'))).toBe(true);
    for (const line of lines) checkFrame(line);
    expect(lines.filter(ofType('STATE')).length).toBeLessThan(100);
  });

  it('sends garbage and raw text verbatim, for testing the host parser', async () => {
    // No heartbeat: a STATE written in the middle of an unfinished garbage line would join it.
    const { board, path } = await startBoard({ heartbeatMs: 600_000 });
    const client = await connect(path);
    await client.write('PING 1\n');
    await client.waitFor(ofType('PONG'));
    await board.send('garbage 200');
    await board.send('raw BTN 1 2 3*00');
    expect(await client.waitFor((line) => line.startsWith('BTN 1 2 3'))).toBe('BTN 1 2 3*00');
    expect(() => checkFrame('BTN 1 2 3*00')).toThrow(/bad CRC/);
    const from = client.lines.findIndex(ofType('PONG')) + 1;
    const to = client.lines.indexOf('BTN 1 2 3*00');
    // What the board sent meanwhile as whole, valid frames (a STATE, or a HELLO
    // once it saw the port open, late on a busy machine) is not garbage.
    const valid = (line: string): boolean => {
      try {
        checkFrame(line);
        return true;
      } catch {
        return false;
      }
    };
    const between = client.lines.slice(from, to);
    const junk = between.filter((line) => !valid(line));
    // 200 random bytes (newlines among them) and a final newline.
    expect(junk.reduce((sum, line) => sum + line.length + 1, 0), `lines between PONG and the raw BTN: ${JSON.stringify(between)}`).toBe(201);
  });

  it('silence sends nothing at all for its duration', async () => {
    const { board, path } = await startBoard({ heartbeatMs: 20 });
    const client = await connect(path);
    await client.waitFor(ofType('STATE'));
    const silenced = board.send('silence 1500', { timeoutMs: 15_000 });
    await board.waitFor(/^SILENT 1500$/, { since: 0, timeoutMs: 10_000 });
    const mark = client.lines.length;
    await client.write('PING 3\n');
    await board.waitFor(/^HOST PING 3$/, { since: 0, timeoutMs: 10_000 });
    await silenced;
    // The board read PING 3 while silent and sent nothing: no PONG 3, ever.
    await client.write('PING 4\n');
    await client.waitFor((line) => line.startsWith('PONG 4*'), 10_000);
    expect(client.lines.slice(mark).filter((line) => line.startsWith('PONG 3'))).toEqual([]);
    await client.waitFor(ofType('STATE'), 10_000);
  });

  it('runs --script first, then stdin, and exits 0 at end of input', async () => {
    const script = join(workDir, 'script.txt');
    await writeFile(script, '# comment\npress 0\nsleep 20\nrelease 0\nturn 1 1\n');
    const { board } = await startBoard({ script });
    await board.waitFor((line) => line === 'OK turn 1 1');
    expect(board.lines.filter((line) => line.startsWith('OK '))).toEqual(['OK press 0', 'OK sleep 20', 'OK release 0', 'OK turn 1 1']);
    board.write('bogus 1\nturn 9 1\n');
    await board.waitFor((line) => line.startsWith('ERR ') && line.includes('bogus'));
    await board.waitFor((line) => line.startsWith('ERR ') && line.includes('turn 9 1'));
    board.endInput();
    expect(await board.exited).toBe(0);
  });

  it('removes its link and exits 0 on SIGTERM', async () => {
    const link = join(workDir, 'sigterm-link');
    const { board, path } = await startBoard({ link });
    expect(await readlink(link)).toBe(path);
    board.signal('SIGTERM');
    expect(await board.exited).toBe(0);
    await expect(lstat(link)).rejects.toThrow(/ENOENT/);
  });

  it('refuses bad options with exit code 2 and the usage', async () => {
    for (const args of [['--buttons', '0'], ['--knobs', '9'], ['--id', 'xyz'], ['--heartbeat-ms'], ['--frobnicate']]) {
      const { code, stderr } = await VirtualBoardProcess.runToExit(args);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toMatch(/usage: virtual-board/);
    }
  });
});
