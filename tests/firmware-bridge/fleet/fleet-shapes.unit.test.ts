// The fleet's pure parts: kiosk ids and topics, the start flags, the health
// and visits a kiosk publishes, Home Assistant discovery, the broker ACL and
// the status table.

import { describe, expect, it } from 'vitest';
import { brokerAcl } from '../../../firmware-bridge/fleet/broker-acl.js';
import { fleetFromFlags } from '../../../firmware-bridge/fleet/fleet-flags.js';
import type { KioskSeen } from '../../../firmware-bridge/fleet/fleet-operator.js';
import { ago, fleetTable, TABLE_COLUMNS } from '../../../firmware-bridge/fleet/fleet-table.js';
import { commandTopic, kioskIdFromHostname, kioskIdProblem, kioskOf, kioskTopics, parseTopic } from '../../../firmware-bridge/fleet/fleet-topics.js';
import { discoveryMessages } from '../../../firmware-bridge/fleet/ha-discovery.js';
import { buildVisits, healthKey } from '../../../firmware-bridge/fleet/kiosk-reports.js';
import { buildHealthReport, type FleetFacts } from '../../../firmware-bridge/health/health-report.js';
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
      status: 'crossroads/k1/status',
      health: 'crossroads/k1/health',
      visits: 'crossroads/k1/visits',
      commands: 'crossroads/k1/cmd/+',
      commandsAll: 'crossroads/all/cmd/+',
      commandResult: 'crossroads/k1/cmd-result',
      pack: 'crossroads/k1/pack',
      packAll: 'crossroads/all/pack',
      requests: 'crossroads/k1/request/+',
    });
    expect(commandTopic('all', 'identify')).toBe('crossroads/all/cmd/identify');
    expect(parseTopic('crossroads/all/cmd/restart-browser')).toEqual({ kind: 'cmd', addressee: 'all', name: 'restart-browser' });
    expect(parseTopic('crossroads/k1/pack')).toEqual({ kind: 'pack', addressee: 'k1', name: null });
    expect(parseTopic('crossroads/k1/request/identify')).toEqual({ kind: 'request', addressee: 'k1', name: 'identify' });
    for (const other of ['crossroads/k1/health', 'crossroads/k1/cmd', 'crossroads/k1/cmd/', 'crossroads/k1/cmd/a/b', 'elsewhere/k1/pack']) expect(parseTopic(other), other).toBeNull();
    expect(kioskOf('crossroads/k1/cmd-result', 'cmd-result')).toBe('k1');
    expect(kioskOf('crossroads/all/health', 'health')).toBeNull();
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

const facts: FleetFacts = { kioskId: 'k1', rollout: null };
const health = (problems: { connected?: boolean; ageMs?: number | null; now?: number; fleet?: FleetFacts } = {}) =>
  buildHealthReport({
    board: { connected: problems.connected ?? true, simulated: false, boardId: 'b1', firmware: '1.2.0', lastSeenMs: 5, port: '/dev/ttyACM0', framesDropped: {}, losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 } },
    pack: { id: 'caspian', version: '1.0.0', source: 'installed', installedAt: null },
    startedAt: 0,
    now: problems.now ?? 65_000,
    pageHeartbeatAgeMs: problems.ageMs ?? 1000,
    pageClients: 1,
    pageRenderer: null,
    pageStallMs: 30_000,
    dropped: { pageMessages: 0, byKind: {} },
    fleet: problems.fleet ?? facts,
  });

describe('the health a kiosk publishes', () => {
  it('is the GET /health report, with the fleet facts and the time it was made', () => {
    const report = health();
    expect(report).toMatchObject({ status: 'ok', controller: { connected: true, firmware: '1.2.0' }, pack: { id: 'caspian', version: '1.0.0' }, uptimeS: 65, problems: [], at: new Date(65_000).toISOString(), fleet: facts });
    // Without --mqtt the report has no fleet part.
    expect('fleet' in buildHealthReport({ ...{ board: report.controller as never, pack: { id: 'p', version: '1.0.0', source: 'built-in', installedAt: null } }, startedAt: 0, now: 0, pageHeartbeatAgeMs: null, pageClients: 0, pageRenderer: null, pageStallMs: 1, dropped: { pageMessages: 0, byKind: {} } })).toBe(false);
  });

  it('changes its key for what matters, not for the clock', () => {
    expect(healthKey(health({ ageMs: 2000, now: 99_000 }))).toBe(healthKey(health()));
    expect(healthKey(health({ ageMs: 40_000 }))).toBe(healthKey(health({ ageMs: 50_000 })));
    expect(healthKey(health({ connected: false }))).not.toBe(healthKey(health()));
    const rolled: FleetFacts = { kioskId: 'k1', rollout: { topic: 'crossroads/all/pack', sha256: 'ab', bytes: 1, status: 'installed', pack: { id: 'caspian', version: '1.1.0' }, problems: [], at: '' } };
    expect(healthKey(health({ fleet: rolled }))).not.toBe(healthKey(health()));
  });
});

describe('the visits a kiosk publishes', () => {
  it('gives the counts per day and scenario for the last 31 days, and today in all', () => {
    const now = new Date(2025, 5, 1, 12, 0, 0);
    const counts = { '2025-06-01': { a: 2, b: 3 }, '2025-05-31': { a: 4 }, '2025-05-02': { a: 1 }, '2025-05-01': { c: 9 } };
    expect(buildVisits(counts, now)).toEqual({ day: '2025-06-01', today: 5, days: { '2025-05-02': { a: 1 }, '2025-05-31': { a: 4 }, '2025-06-01': { a: 2, b: 3 } } });
    expect(buildVisits({}, now)).toEqual({ day: '2025-06-01', today: 0, days: {} });
  });
});

describe('Home Assistant discovery', () => {
  const messages = discoveryMessages('homeassistant', 'k1', '0.1.0');
  const config = (component: string, object: string) => messages.find((m) => m.topic === `homeassistant/${component}/crossroads_k1/${object}/config`)?.payload;

  it('gives each entity a unique id and the kiosk device, and all but Online follow the status', () => {
    const ids = messages.map((m) => m.payload.unique_id);
    expect(new Set(ids).size).toBe(messages.length);
    for (const { topic, payload } of messages) {
      expect(topic).toMatch(/^homeassistant\/(sensor|binary_sensor|button)\/crossroads_k1\/[a-z_]+\/config$/);
      expect(payload).toMatchObject({ device: { identifiers: ['crossroads_k1'] } });
      if (!topic.includes('/online/')) expect(payload).toMatchObject({ availability_topic: 'crossroads/k1/status' });
    }
  });

  it('has online, board connected, pack version, visits today and problems, read from status, health and visits', () => {
    expect(config('binary_sensor', 'online')).toMatchObject({ state_topic: 'crossroads/k1/status', payload_on: 'online', payload_off: 'offline' });
    expect(config('binary_sensor', 'panel')).toMatchObject({ state_topic: 'crossroads/k1/health', value_template: expect.stringContaining('controller.connected') });
    expect(config('sensor', 'pack')).toMatchObject({ state_topic: 'crossroads/k1/health', value_template: '{{ value_json.pack.version }}' });
    expect(config('sensor', 'visits_today')).toMatchObject({ state_topic: 'crossroads/k1/visits', value_template: '{{ value_json.today }}' });
    expect(config('binary_sensor', 'problem')).toMatchObject({ state_topic: 'crossroads/k1/health', json_attributes_topic: 'crossroads/k1/health', device_class: 'problem' });
  });

  it('has identify and restart-browser buttons that only publish an unsigned request', () => {
    expect(config('button', 'identify')).toMatchObject({ command_topic: 'crossroads/k1/request/identify', payload_press: 'PRESS', retain: false });
    expect(config('button', 'restart_browser')).toMatchObject({ command_topic: 'crossroads/k1/request/restart-browser', payload_press: 'PRESS' });
    // Never a command topic: a press alone must not act.
    expect(messages.filter((m) => JSON.stringify(m.payload).includes('/cmd'))).toEqual([]);
  });
});

describe('the status table', () => {
  const seen = (id: string, overrides: Partial<KioskSeen> = {}): KioskSeen => ({ id, status: 'online', health: health(), visits: { day: '2025-06-01', today: 7, days: {} }, ...overrides });

  it('has a row per kiosk with online, pack, board, visits today, problems, last roll-out and last seen', () => {
    const now = 65_000 + 12_000;
    const rolled = health({ connected: false, fleet: { kioskId: 'b', rollout: { topic: 't', sha256: 's', bytes: 1, status: 'refused', pack: null, problems: ['bad'], at: '' } } });
    const text = fleetTable([seen('b', { status: 'offline', health: rolled, visits: null }), seen('a'), seen('c', { health: null, status: null })], now);
    const lines = text.trimEnd().split('\n');
    expect(lines[0]!.split(/ {2,}/)).toEqual([...TABLE_COLUMNS]);
    expect(lines[1]!.split(/ {2,}/)).toEqual(['a', 'yes', 'caspian 1.0.0', 'connected 1.2.0', '7', 'none', '-', '12 s ago']);
    expect(lines[2]!.split(/ {2,}/)).toEqual(['b', 'no', 'caspian 1.0.0', 'not connected', '-', 'control panel not connected', 'refused', '12 s ago']);
    expect(lines[3]!.split(/ {2,}/)).toEqual(['c', '?', '-', '-', '7', 'no health reported', '-', '-']);
    expect(fleetTable([], now)).toBe('no kiosk has reported to this broker\n');
  });

  it('says how long ago in words', () => {
    expect([ago(5_000), ago(600_000), ago(3 * 3_600_000), ago(3 * 86_400_000)]).toEqual(['5 s ago', '10 min ago', '3 h ago', '3 d ago']);
  });
});

describe('brokerAcl', () => {
  it('lets kiosks write only their own topics and read the fleet-wide ones', () => {
    const acl = brokerAcl();
    for (const leaf of ['status', 'health', 'visits', 'cmd-result']) expect(acl).toContain(`pattern write crossroads/%u/${leaf}`);
    expect(acl).toContain('pattern read crossroads/all/cmd/+');
    expect(acl).toContain('pattern write homeassistant/+/crossroads_%u/+/config');
    expect(acl).not.toMatch(/pattern (read)?write crossroads\/all/);
    expect(acl).toMatch(/user operator\ntopic readwrite crossroads\/#/);
    // Home Assistant may write requests, never commands or packs.
    expect(acl).toMatch(/user homeassistant\n(topic [a-z]+ \S+\n)*topic write crossroads\/\+\/request\/\+\n/);
  });
});
