import { PassThrough } from 'node:stream';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { BoardStatus, PanelInput } from '../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { parsePanelCommand } from '../../../firmware-bridge/serial/panel-command.js';
import { SimulatedPanel } from '../../../firmware-bridge/serial/simulated-panel.js';
import { virtualBoardBinary } from '../helpers/virtual-board-process.js';
import { waitUntil } from '../helpers/wait.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
beforeAll(() => virtualBoardBinary(), 180_000);

function setup(build?: () => Promise<string | null>) {
  const bus = new EventBus();
  const log = createMemoryLogger();
  const commands = new PassThrough();
  const inputs: PanelInput[] = [];
  const statuses: BoardStatus[] = [];
  bus.on('panel.input', (i) => inputs.push(i));
  bus.on('panel.status', (s) => statuses.push(s));
  const panel = new SimulatedPanel({ bus, log, commands, ...(build ? { build } : {}) });
  cleanups.push(() => panel.stop());
  return { bus, log, commands, inputs, statuses, panel };
}

describe('parsePanelCommand', () => {
  it('accepts the panel commands and explains a bad one', () => {
    expect(parsePanelCommand(' tap  2 ', 8, 2)).toEqual({ kind: 'tap', index: 2, text: 'tap 2' });
    expect(parsePanelCommand('turn 1 -3', 8, 2)).toEqual({ kind: 'turn', index: 1, delta: -3, text: 'turn 1 -3' });
    expect(parsePanelCommand('press 8', 8, 2)).toEqual({ error: 'no button "8": buttons are 0..7' });
    expect(parsePanelCommand('turn 2 1', 8, 2)).toMatchObject({ error: expect.stringMatching(/no knob "2"/) });
    expect(parsePanelCommand('turn 0 0', 8, 2)).toMatchObject({ error: expect.stringMatching(/non-zero/) });
    expect(parsePanelCommand('unplug', 8, 2)).toMatchObject({ error: 'unknown command "unplug"' });
    expect(parsePanelCommand('tap 1.5', 8, 2)).toMatchObject({ error: expect.stringMatching(/no button/) });
  });
});

describe('SimulatedPanel', () => {
  it('runs the firmware behind a pty and takes typed commands', async () => {
    const s = setup();
    await s.panel.start();
    expect(s.panel.mode).toBe('virtual-board');
    await waitUntil(() => s.panel.status().connected, 'the virtual board connected', 3000);
    expect(s.panel.status()).toMatchObject({ connected: true, simulated: true, port: expect.stringMatching(/^\/dev\/pts\//) });
    expect(s.statuses.at(-1)).toMatchObject({ connected: true, simulated: true });
    s.commands.write('tap 2\nturn 1 -3\nflap 9\npress 5\n');
    await waitUntil(() => s.inputs.length === 4, 'inputs from typed commands');
    expect(s.inputs).toEqual([
      { kind: 'button', index: 2, pressed: true },
      { kind: 'button', index: 2, pressed: false },
      { kind: 'knob', index: 1, delta: -3 },
      { kind: 'button', index: 5, pressed: true },
    ]);
    expect(s.log.lines.join('\n')).toMatch(/warn .*unknown command "flap 9"; commands: press N/);
    await s.panel.stop();
    expect(s.panel.mode).toBe('stopped');
    expect(s.inputs.at(-1)).toEqual({ kind: 'button', index: 5, pressed: false });
    expect(s.statuses.at(-1)).toMatchObject({ connected: false, simulated: true });
  });

  it('simulates in-process when no virtual board can be built', async () => {
    const s = setup(async () => null);
    await s.panel.start();
    expect(s.panel.mode).toBe('in-process');
    expect(s.statuses.at(-1)).toMatchObject({ connected: true, simulated: true, boardId: 'SIMULATED' });
    s.commands.write('press 1\npress 1\nturn 0 -2\ntap 3\n');
    await waitUntil(() => s.inputs.length === 4, 'inputs');
    // The second press of a held button is no new input.
    expect(s.inputs).toEqual([
      { kind: 'button', index: 1, pressed: true },
      { kind: 'knob', index: 0, delta: -2 },
      { kind: 'button', index: 3, pressed: true },
      { kind: 'button', index: 3, pressed: false },
    ]);
    expect(await s.panel.ping()).toBe(0);
    s.commands.write('tap 4\n');
    await waitUntil(() => s.inputs.some((i) => i.kind === 'button' && i.index === 4 && i.pressed), () => `the press of the tap; inputs ${JSON.stringify(s.inputs)}`);
    await s.panel.stop();
    // A tap cut short by stop still ends released, and nothing stays down.
    const down = new Set<number>();
    for (const i of s.inputs) if (i.kind === 'button') (i.pressed ? down.add(i.index) : down.delete(i.index));
    expect([...down]).toEqual([]);
    expect(s.statuses.at(-1)).toMatchObject({ connected: false, simulated: true });
  });

  it('falls back to in-process when the build fails', async () => {
    const s = setup(async () => {
      throw new Error('building virtual-board with g++ failed:\nsyntax error');
    });
    await s.panel.start();
    expect(s.panel.mode).toBe('in-process');
    expect(s.log.lines.join('\n')).toMatch(/cannot build the virtual board \(building virtual-board with g\+\+ failed:\); simulating in-process/);
  });
});
