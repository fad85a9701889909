// A fleet operator's requests to the page: the mode goes through the
// exhibit's own state changes (out of maintenance first), and the kiosk id
// shows for the seconds asked, then goes (on faked timers).

import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackManifest } from '../../../content/schema/pack-types.js';
import { ExhibitState } from '../../../kiosk/app/exhibit-state.js';
import { applyRemoteMode, FleetNotice } from '../../../kiosk/app/fleet-notice.js';

const pack = JSON.parse(readFileSync(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as PackManifest;

function exhibit(): ExhibitState {
  const state = new ExhibitState();
  state.setPack(pack);
  return state;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('applyRemoteMode', () => {
  it('starts class mode from the attract loop and from a scenario, and keeps it when already on', () => {
    const state = exhibit();
    applyRemoteMode(state, 'class');
    expect(state.current.mode).toBe('class');
    applyRemoteMode(state, 'class');
    expect(state.current.mode).toBe('class');
    const other = exhibit();
    other.apply({ kind: 'scenario', index: 1 });
    applyRemoteMode(other, 'class');
    expect(other.current.mode).toBe('class');
  });

  it('leaves maintenance for where it was, or for class mode', () => {
    const state = exhibit();
    state.apply({ kind: 'scenario', index: 1 });
    state.apply({ kind: 'maintenance' });
    applyRemoteMode(state, 'maintenance-off');
    expect(state.current.mode).toBe('scenario');
    applyRemoteMode(state, 'maintenance-off');
    expect(state.current.mode).toBe('scenario');
    state.apply({ kind: 'maintenance' });
    applyRemoteMode(state, 'class');
    expect(state.current.mode).toBe('class');
  });

  it('goes back to the attract loop from anywhere', () => {
    const state = exhibit();
    state.apply({ kind: 'maintenance' });
    applyRemoteMode(state, 'attract');
    expect(state.current.mode).toBe('attract');
  });
});

describe('FleetNotice', () => {
  it('shows the id for the seconds asked, again from the start when asked again', () => {
    vi.useFakeTimers();
    const changes: (string | null)[] = [];
    const notice = new FleetNotice(() => changes.push(notice.kioskId));
    notice.identify('hall-a', 10);
    expect(notice.kioskId).toBe('hall-a');
    vi.advanceTimersByTime(9_000);
    notice.identify('hall-a', 10);
    vi.advanceTimersByTime(9_000);
    expect(notice.kioskId).toBe('hall-a');
    vi.advanceTimersByTime(1_000);
    expect(notice.kioskId).toBeNull();
    expect(changes).toEqual(['hall-a', 'hall-a', null]);
    notice.identify('hall-a', 10);
    notice.dispose();
    expect(notice.kioskId).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });
});
