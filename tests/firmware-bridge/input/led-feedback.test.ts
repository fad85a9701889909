// The panel's LEDs learn the pack the bridge starts with, through the real
// controller: the pack store announces it before the LED feedback starts, and
// a page then reports the attract loop over a real WebSocket.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { PageMessage } from '../../../firmware-bridge/api/messages.js';
import { LED } from '../../../firmware-bridge/input/led-feedback.js';
import { startHarness, type Harness } from '../http/bridge-harness.js';
import { minimalManifest, writePackFolder } from '../packs/helpers/pack-fixtures.js';

describe('LED feedback at start-up', () => {
  let dir: string;
  let h: Harness;
  const sent: number[][] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'crossroads-leds-'));
    // One scenario: only the first scenario button has something to show.
    await writePackFolder(dir, { manifest: minimalManifest('small-pack', '1.0.0'), keys: null });
    h = await startHarness({ builtInPackDir: dir });
    h.controller.bus.on('panel.leds', ({ modes }) => sent.push(modes));
  });

  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('blinks only the buttons of scenarios the start-up pack has', async () => {
    expect(h.controller.packs.current().pack.scenarios).toHaveLength(1);
    const ws = new WebSocket(h.base.replace('http', 'ws') + '/ws', { origin: h.origin });
    await new Promise((resolve, reject) => {
      ws.once('message', resolve);
      ws.once('error', reject);
    });
    ws.send(JSON.stringify({ type: 'view', scenario: 'crossing', mode: 'attract', scenarioIndex: null } satisfies PageMessage));
    await expect.poll(() => sent.length, { timeout: 5_000 }).toBeGreaterThan(0);
    // Default panel: buttons 0-4 pick scenarios, 5 and 6 step, 7 changes language.
    expect(sent.at(-1)).toEqual([LED.slowBlink, LED.off, LED.off, LED.off, LED.off, LED.off, LED.off, LED.on]);
    ws.close();
  });
});
