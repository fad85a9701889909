// What a real bridge sends its page passes the page's schema for it: the two
// sides of the wire read one definition (firmware-bridge/api/bridge-messages.ts).

import { afterAll, beforeAll, expect, it } from 'vitest';
import WebSocket from 'ws';
import { readBridgeMessage, type BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import { startHarness, type Harness } from '../http/bridge-harness.js';
import { waitUntil } from '../helpers/wait.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

it('sends only messages that the page schema reads, each kind of them', async () => {
  const frames: string[] = [];
  const ws = new WebSocket(`${h.base.replace('http', 'ws')}/ws`, { headers: { Origin: h.origin } });
  ws.on('message', (data) => frames.push(data.toString()));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  try {
    await waitUntil(() => frames.length >= 1, 'hello');
    h.controller.bus.emit('kiosk.intent', { kind: 'timeline', delta: -2 });
    h.controller.bus.emit('panel.input', { kind: 'button', index: 3, pressed: true });
    ws.send(JSON.stringify({ type: 'status-request' }));
    const types = () => frames.map((f) => (JSON.parse(f) as { type: string }).type);
    await waitUntil(() => ['hello', 'intent', 'packs', 'errors'].every((t) => types().includes(t)), () => `each kind; got ${types().join(', ')}`);
    const reads = frames.map((f) => readBridgeMessage(f));
    expect(reads.filter((r) => !r.ok)).toEqual([]);
    const hello = (reads[0] as { ok: true; message: BridgeMessage }).message;
    expect(hello.type).toBe('hello');
    if (hello.type === 'hello') {
      expect(hello.pack.id).toBe('caspian-2025');
      expect(hello.controls.bindings.length).toBeGreaterThan(0);
      expect(hello.board.losses).toEqual({ silence: 0, unplugged: 0, error: 0, protocol: 0 });
    }
  } finally {
    ws.close();
  }
});
