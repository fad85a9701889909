// <crossroads-app> moved in the page and taken out of it: each controller
// releases what it holds on disconnect and takes it up again on connect, so
// the map draws again, the bridge link is one socket (never two), the idle
// timer is armed again, and nothing is left once the element is gone.

import { expect } from '@esm-bundle/chai';
import { setViewport } from '@web/test-runner-commands';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { openSockets, ScriptedSocket, useScriptedSockets } from '../connection/scripted-socket.js';
import { loadPack, until } from '../ui/harness.js';
import { hello, makeApp } from './app-fixture.js';
import { trackListeners, trackTimers } from './resource-probes.js';

// The page's own clock, captured before a test patches it.
const pageSetTimeout = window.setTimeout.bind(window);

describe('<crossroads-app> moved in the page', () => {
  let pack: PackManifest;
  const hooks = () => (window as Window).crossroads;
  const frames = () => hooks()?.stats().frames ?? -1;
  let first: HTMLDivElement;
  let second: HTMLDivElement;

  // Small: these tests count frames, sockets, timers and listeners, not
  // pixels, and each builds a map the software renderer draws all along.
  before(() => setViewport({ width: 480, height: 270 }));
  beforeEach(async () => {
    pack = await loadPack();
    first = document.createElement('div');
    second = document.createElement('div');
    document.body.append(first, second);
  });

  afterEach(() => {
    first.remove();
    second.remove();
  });

  it('keeps drawing after a move to another parent, and its page hook follows it in and out of the page', async () => {
    const app = makeApp({ 'bridge-url': 'none' });
    try {
      first.append(app);
      await app.updateComplete;
      app.receive(hello(pack));
      await hooks()!.ready;
      const drawn = frames();
      await until(() => frames() > drawn + 2, () => `frames advance before the move (at ${frames()})`);

      second.append(app);
      await app.updateComplete;
      const moved = frames();
      await until(() => frames() > moved + 2, () => `frames advance after the move (stayed at ${frames()})`);
      expect(hooks()!.stats().drawCalls).to.be.greaterThan(0);
      expect(hooks()!.stats().triangles).to.be.greaterThan(1000);
      expect(hooks()!.scenario).to.equal(pack.scenarios[0]!.id);

      app.remove();
      expect(hooks(), 'the hook once the element left the page').to.equal(undefined);
      second.append(app);
      expect(hooks(), 'the hook once the element is back').not.to.equal(undefined);
      await until(() => frames() > 2, () => `frames advance after coming back (at ${frames()})`);
      app.receive({ type: 'intent', intent: { kind: 'scenario', index: 2 } });
      expect(hooks()!.scenario).to.equal(pack.scenarios[2]!.id);
    } finally {
      app.remove();
    }
  });

  it('re-opens one bridge socket and re-arms the idle timer after a move, and leaves no timer, listener or socket once gone', async () => {
    const timers = trackTimers();
    const listeners = trackListeners();
    const restoreSockets = useScriptedSockets();
    const app = makeApp({ 'bridge-url': 'ws://bridge.test/ws', 'health-url': '' });
    const scenario = (index: number) => JSON.stringify({ type: 'intent', intent: { kind: 'scenario', index } });
    try {
      first.append(app);
      await app.updateComplete;
      expect(ScriptedSocket.made.map((s) => s.url)).to.deep.equal(['ws://bridge.test/ws']);
      const before = ScriptedSocket.made[0]!;
      before.accept();
      // The bridge greets through the socket, with an idle reset short enough to see.
      before.onmessage!({ data: JSON.stringify({ ...hello(pack), idleResetS: 0.05 }) });
      before.onmessage!({ data: scenario(1) });
      await until(() => hooks()?.scenario === pack.scenarios[1]!.id, () => `the scenario from the bridge (shows ${hooks()?.scenario})`);
      await until(() => app.idleCountdown === 10, () => `the countdown before the move (shows ${app.idleCountdown})`);

      second.append(app);
      // The move stopped the countdown; the idle timer starts its quiet spell again.
      expect(app.idleCountdown, 'the countdown right after the move').to.equal(null);
      expect(before.closed, 'the first socket after the move').to.equal(true);
      expect(before.onmessage, 'the first socket is no longer listened to').to.equal(null);
      expect(openSockets(), 'sockets open after the move').to.have.length(1);
      const after = openSockets()[0]!;
      after.accept();
      after.onmessage!({ data: scenario(3) });
      expect(hooks()!.scenario, 'a message through the new socket').to.equal(pack.scenarios[3]!.id);
      await until(() => app.idleCountdown === 10, () => `the countdown after the move (shows ${app.idleCountdown})`);
      expect(ScriptedSocket.made, 'sockets made').to.have.length(2);

      app.remove();
      await app.updateComplete;
      expect(openSockets(), 'sockets open once gone').to.deep.equal([]);
      expect(timers.pending(), 'timers pending once gone').to.deep.equal([]);
      expect(listeners.pending(), 'listeners left once gone').to.deep.equal([]);
    } finally {
      restoreSockets();
      listeners.restore();
      timers.restore();
      app.remove();
    }
  });

  it('leaves no timer, animation frame or map-data retry running once disconnected', async () => {
    const timers = trackTimers();
    const originalFetch = window.fetch;
    let failGeo: ((error: Error) => void) | null = null;
    window.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
      if (!String(input).includes('/geo/held.json')) return originalFetch(input, init);
      // The map data hangs, as when the bridge is restarting; an abort still ends it.
      return new Promise<Response>((_resolve, reject) => {
        failGeo = reject;
        init?.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }) as typeof fetch;
    // A bridge that is not there: the connection keeps a retry timer.
    const app = makeApp({ 'bridge-url': 'ws://127.0.0.1:9/ws', 'geo-url': '/geo/held.json', 'health-url': '' });
    try {
      document.body.append(app);
      await app.updateComplete;
      app.receive(hello(pack));
      app.receive({ type: 'intent', intent: { kind: 'scenario', index: 1 } });
      window.dispatchEvent(new KeyboardEvent('keydown', { key: 'm', ctrlKey: true }));
      await app.updateComplete;
      await until(() => failGeo !== null, () => 'the map data to be requested');
      expect(timers.pending().length, 'timers while connected').to.be.greaterThan(0);

      app.remove();
      // The fetch fails after the disconnect: that must not start a retry.
      failGeo!(new TypeError('Failed to fetch'));
      await new Promise((resolve) => pageSetTimeout(resolve, 0));
      await app.updateComplete;
      expect(timers.pending(), 'pending after disconnect').to.deep.equal([]);
    } finally {
      timers.restore();
      window.fetch = originalFetch;
      app.remove();
    }
  });
});
