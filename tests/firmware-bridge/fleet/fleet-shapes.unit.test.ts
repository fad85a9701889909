// The fleet's pure parts: kiosk ids and topics, the start flags, the state
// a kiosk publishes, Home Assistant discovery and the broker ACL.

import { describe, expect, it } from 'vitest';
import { brokerAcl } from '../../../firmware-bridge/fleet/broker-acl.js';
import { fleetFromFlags } from '../../../firmware-bridge/fleet/fleet-flags.js';
import { addresseeOf, kioskIdFromHostname, kioskIdProblem, kioskOf, kioskTopics } from '../../../firmware-bridge/fleet/fleet-topics.js';
import { discoveryMessages } from '../../../firmware-bridge/fleet/ha-discovery.js';
import { buildKioskState, stateKey } from '../../../firmware-bridge/fleet/kiosk-state.js';
import { buildHealthReport } from '../../../firmware-bridge/health/health-report.js';
import { safeUrl } from '../../../firmware-bridge/fleet/mqtt-settings.js';

describe('kiosk ids and topics', () => {
  it('takes short lowercase ids and refuses all, empty, upper case and topic characters', () => {
    expect(kioskIdProblem('kiosk-3')).toBeNull();
    expect(kioskIdProblem('hall_b2')).toBeNull();
    for (const bad of ['', 'all', 'Kiosk', 'a/b', 'a+', '#', '-x', 'x'.repeat(64)]) expect(kioskIdProblem(bad), bad).not.toBeNull();
  });

  it('makes an id from the host name', () => {
    expect(kioskIdFromHostname('Kiosk-3.local')).toBe('kiosk-3');
    expect(kioskIdFromHostname('hall b.museum')).toBe('hall-b');
    expect(kioskIdFromHostname('all')).toBe('kiosk');
  });

  it('names every topic under crossroads/<id>/ and reads ids back', () => {
    expect(kioskTopics('k1')).toEqual({
      availability: 'crossroads/k1/availability',
      state: 'crossroads/k1/state',
      command: 'crossroads/k1/cmd',
      commandAll: 'crossroads/all/cmd',
      commandResult: 'crossroads/k1/cmd-result',
      pack: 'crossroads/k1/pack',
      packAll: 'crossroads/all/pack',
      rollout: 'crossroads/k1/rollout',
    });
    expect(addresseeOf('crossroads/all/cmd')).toBe('all');
    expect(addresseeOf('crossroads/k1/pack')).toBe('k1');
    expect(addresseeOf('crossroads/k1/state')).toBeNull();
    expect(kioskOf('crossroads/k1/cmd-result', 'cmd-result')).toBe('k1');
    expect(kioskOf('crossroads/all/state', 'state')).toBeNull();
  });
});

describe('fleetFromFlags', () => {
  it('is off without --mqtt, and refuses fleet flags without it', () => {
    expect(fleetFromFlags({})).toBeNull();
    expect(() => fleetFromFlags({ 'kiosk-id': 'k1' })).toThrow('--kiosk-id needs --mqtt URL');
  });

  it('logs in as the kiosk id unless told otherwise, and uses the host name for the id', () => {
    expect(fleetFromFlags({ mqtt: 'mqtt://broker:1883' }, 'hall-a.local')).toEqual({
      kioskId: 'hall-a',
      mqtt: { url: 'mqtt://broker:1883', username: 'hall-a', passwordFile: undefined, caFile: undefined },
      discoveryPrefix: 'homeassistant',
    });
    const flagged = fleetFromFlags({ mqtt: 'mqtts://broker', 'kiosk-id': 'k2', 'mqtt-user': 'u', 'mqtt-password-file': '/p', 'mqtt-discovery': 'none' });
    expect(flagged).toMatchObject({ kioskId: 'k2', mqtt: { username: 'u', passwordFile: '/p' }, discoveryPrefix: null });
    expect(fleetFromFlags({ mqtt: 'mqtt://me:secret@broker' })?.mqtt.username).toBeUndefined();
  });

  it('refuses bad URLs, ids and prefixes in one line', () => {
    expect(() => fleetFromFlags({ mqtt: 'http://broker' })).toThrow('must start with mqtt:// or mqtts://');
    expect(() => fleetFromFlags({ mqtt: 'broker:1883' })).toThrow();
    expect(() => fleetFromFlags({ mqtt: 'mqtt://b', 'kiosk-id': 'all' })).toThrow('reserved');
    expect(() => fleetFromFlags({ mqtt: 'mqtt://b', 'mqtt-discovery': 'home/#' })).toThrow('--mqtt-discovery');
  });

  it('never logs a password', () => {
    expect(safeUrl('mqtt://me:secret@broker:1883')).toBe('mqtt://me:***@broker:1883');
  });
});

const health = (problems: { connected?: boolean; ageMs?: number | null } = {}) =>
  buildHealthReport({
    board: { connected: problems.connected ?? true, simulated: false, boardId: 'b1', firmware: '1.2.0', lastSeenMs: 5, port: '/dev/ttyACM0', framesDropped: {}, losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 } },
    pack: { id: 'caspian', version: '1.0.0', source: 'installed', installedAt: null },
    startedAt: 0,
    now: 65_000,
    pageHeartbeatAgeMs: problems.ageMs ?? 1000,
    pageClients: 1,
    pageRenderer: null,
    pageStallMs: 30_000,
    dropped: { pageMessages: 0, byKind: {} },
  });

describe('kiosk state', () => {
  const now = new Date(2025, 5, 1, 12, 0, 0);
  const counts = { '2025-06-01': { a: 2, b: 3 }, '2025-05-31': { a: 4 } };

  it('carries status, pack, board, page and visits', () => {
    const state = buildKioskState({ id: 'k1', version: '0.1.0', health: health(), view: { mode: 'scenario', scenario: 'a', scenarioIndex: 0 }, counts, now });
    expect(state).toEqual({
      id: 'k1',
      status: 'ok',
      problems: [],
      version: '0.1.0',
      pack: { id: 'caspian', version: '1.0.0', source: 'installed' },
      board: { connected: true, simulated: false, firmware: '1.2.0' },
      page: { mode: 'scenario', scenario: 'a', clients: 1, heartbeatAgeMs: 1000 },
      visits: { today: 5, total: 9 },
      uptimeS: 65,
      at: now.toISOString(),
    });
  });

  it('changes its key for what matters, not for the clock', () => {
    const make = (h = health(), mode: 'attract' | 'class' = 'attract') => stateKey(buildKioskState({ id: 'k1', version: '0.1.0', health: h, view: { mode, scenario: null, scenarioIndex: null }, counts: {}, now }));
    expect(make(health({ ageMs: 2000 }))).toBe(make());
    expect(make(health({ ageMs: 40_000 }))).toBe(make(health({ ageMs: 50_000 })));
    expect(make(health({ connected: false }))).not.toBe(make());
    expect(make(health(), 'class')).not.toBe(make());
  });
});

describe('Home Assistant discovery', () => {
  it('gives each entity a unique id, the kiosk device, and the availability topic', () => {
    const messages = discoveryMessages('homeassistant', 'k1', '0.1.0');
    const ids = messages.map((m) => m.payload.unique_id);
    expect(new Set(ids).size).toBe(messages.length);
    for (const { topic, payload } of messages) {
      expect(topic).toMatch(/^homeassistant\/(sensor|binary_sensor)\/crossroads_k1\/[a-z_]+\/config$/);
      expect(payload).toMatchObject({ state_topic: 'crossroads/k1/state', availability_topic: 'crossroads/k1/availability', device: { identifiers: ['crossroads_k1'] } });
    }
    expect(messages.map((m) => m.topic)).toContain('homeassistant/sensor/crossroads_k1/visits_today/config');
  });
});

describe('brokerAcl', () => {
  it('lets kiosks write only their own topics and read the fleet-wide ones', () => {
    const acl = brokerAcl();
    expect(acl).toContain('pattern write crossroads/%u/state');
    expect(acl).toContain('pattern read crossroads/all/cmd');
    expect(acl).toContain('pattern write homeassistant/+/crossroads_%u/+/config');
    expect(acl).not.toMatch(/pattern (read)?write crossroads\/all/);
    expect(acl).toMatch(/user operator\ntopic readwrite crossroads\/#/);
  });
});
