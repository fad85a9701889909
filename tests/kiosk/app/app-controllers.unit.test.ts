// The reactive controllers behind <crossroads-app>, on a stand-in host and
// faked timers: each takes up its resources on connect, gives every one back
// on disconnect, and takes them up again, once, on a reconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { BridgeController } from '../../../kiosk/app/bridge-controller.js';
import { ExhibitState } from '../../../kiosk/app/exhibit-state.js';
import { IdleController } from '../../../kiosk/app/idle-controller.js';
import { loadPack } from '../../content/helpers/load-pack.js';
import { openSockets, ScriptedSocket, useScriptedSockets } from '../connection/scripted-socket.js';

class Host implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  readonly updateComplete = Promise.resolve(true);
  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(): void {}
  requestUpdate(): void {
    this.updates++;
  }
  connect(): void {
    for (const c of this.controllers) c.hostConnected?.();
  }
  disconnect(): void {
    for (const c of this.controllers) c.hostDisconnected?.();
  }
}

let restoreSockets: () => void;
beforeEach(() => {
  restoreSockets = useScriptedSockets();
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  restoreSockets();
});

describe('BridgeController', () => {
  const make = (url = 'ws://bridge.test/ws') => {
    const host = new Host();
    const received: unknown[] = [];
    const bridge = new BridgeController(host, { url: () => url, onMessage: (m) => received.push(m), heartbeat: () => ({ type: 'heartbeat', scenario: null, mode: 'attract', language: 'en', frames: 1 }) });
    return { host, bridge, received };
  };
  const sent = (socket: ScriptedSocket) => socket.sent.map((text) => (JSON.parse(text) as { type: string }).type);

  it('opens one socket per connect, beats and polls through it, and closes it with every timer on disconnect', () => {
    const { host, bridge, received } = make();
    host.connect();
    expect(openSockets()).toHaveLength(1);
    const first = openSockets()[0]!;
    first.accept();
    first.onmessage?.({ data: JSON.stringify({ type: 'intent', intent: { kind: 'next' } }) });
    expect(received).toEqual([{ type: 'intent', intent: { kind: 'next' } }]);
    bridge.pollStatus(true);
    vi.advanceTimersByTime(5_000);
    expect(sent(first)).toEqual(['status-request', 'heartbeat', 'status-request']);
    host.disconnect();
    expect(first.closed).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    // Back in the page: one new socket, and the maintenance screen's polling resumes.
    host.connect();
    expect(openSockets()).toHaveLength(1);
    expect(ScriptedSocket.made).toHaveLength(2);
    const second = openSockets()[0]!;
    second.accept();
    bridge.pollStatus(true);
    bridge.log('error', 'x'.repeat(5_000));
    const log = JSON.parse(second.sent.at(-1)!) as { message: string };
    expect(log.message.length).toBeLessThan(5_000);
    bridge.pollStatus(false);
    host.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('keeps its timers but opens no socket without a bridge, and starts none while disconnected', () => {
    const { host, bridge } = make('none');
    host.connect();
    expect(ScriptedSocket.made).toHaveLength(0);
    expect(vi.getTimerCount()).toBe(1);
    host.disconnect();
    bridge.pollStatus(true);
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('IdleController', () => {
  let pack: PackManifest;
  beforeEach(() => {
    pack = loadPack();
  });

  const make = () => {
    const host = new Host();
    const state = new ExhibitState();
    state.setPack(pack);
    const idle = new IdleController(host, { state, idleResetS: () => 30, reducedMotion: () => false });
    return { host, state, idle };
  };

  it('drifts in the attract loop and counts down in a scenario, re-armed after a reconnect', () => {
    const { host, state, idle } = make();
    host.connect();
    vi.advanceTimersByTime(14_000);
    expect(state.current.scenarioIndex).toBe(1);
    state.apply({ kind: 'scenario', index: 3 });
    idle.modeChanged();
    vi.advanceTimersByTime(30_000);
    expect(idle.countdown).toBe(10);
    host.disconnect();
    expect(idle.countdown).toBe(null);
    expect(vi.getTimerCount()).toBe(0);
    // Activity while out of the page arms nothing; the reconnect does.
    idle.activity();
    expect(vi.getTimerCount()).toBe(0);
    host.connect();
    vi.advanceTimersByTime(30_000);
    expect(idle.countdown).toBe(10);
    vi.advanceTimersByTime(10_000);
    expect(state.current.mode).toBe('attract');
    host.disconnect();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('never counts down in class mode', () => {
    const { host, state, idle } = make();
    host.connect();
    state.apply({ kind: 'class-mode' });
    idle.modeChanged();
    expect(vi.getTimerCount()).toBe(0);
    host.disconnect();
  });
});
