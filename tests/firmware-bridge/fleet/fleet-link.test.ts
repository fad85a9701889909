// One kiosk's fleet link against a real Mosquitto with the museum's ACL:
// its retained status, health (the GET /health report) and visits, Home
// Assistant discovery, each command doing what the bridge does locally,
// every refusal answered on cmd-result, Home Assistant's buttons acting only
// through the signing relay, and the broker ACL keeping a kiosk to its topics.

import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNonce, signCommand, type FleetCommand } from '../../../firmware-bridge/fleet/command-signing.js';
import type { CommandResult } from '../../../firmware-bridge/fleet/fleet-link.js';
import { sendCommand } from '../../../firmware-bridge/fleet/fleet-operator.js';
import { startRelay } from '../../../firmware-bridge/fleet/fleet-relay.js';
import { buildHealthReport, type HealthReport } from '../../../firmware-bridge/health/health-report.js';
import type { VisitsReport } from '../../../firmware-bridge/fleet/kiosk-reports.js';
import { localDay } from '../../../firmware-bridge/stats/interaction-counts.js';
import { LED } from '../../../firmware-bridge/input/led-feedback.js';
import { buildZip } from '../packs/helpers/pack-world.js';
import { makeKeys } from '../packs/helpers/pack-fixtures.js';
import { waitUntil } from '../helpers/wait.js';
import { recordTopics, startFleetWorld, type FleetWorld, type TestKiosk } from './helpers/fleet-world.js';

let world: FleetWorld;
let operator: MqttClient;
let results: CommandResult[];
let k1: TestKiosk;

beforeAll(async () => {
  world = await startFleetWorld({ kioskIds: ['k1', 'k2', 'k3'] });
  operator = await world.client();
  results = (await recordTopics(operator, 'crossroads/+/cmd-result')) as never;
  // Parsed on read: recordTopics keeps the raw text.
  k1 = await world.startKiosk('k1');
  await waitUntil(() => k1.link.connected, () => `k1 to connect; broker log:\n${world.broker.log()}`, 10_000);
});

afterAll(async () => {
  await world?.stop();
});

function answers(): CommandResult[] {
  // The operator client also reads the fleet's status and health (for commands to all): only answers count.
  return (results as unknown as { topic: string; text: string }[]).filter((r) => r.topic.endsWith('/cmd-result')).map((r) => JSON.parse(r.text) as CommandResult);
}

async function answerTo(what: string, match: (r: CommandResult) => boolean): Promise<CommandResult> {
  await waitUntil(() => answers().some(match), () => `an answer to ${what}; answers so far: ${JSON.stringify(answers(), null, 1)}`, 10_000);
  return answers().find(match)!;
}

/** Signs and sends as `crossroads fleet send` does; returns the kiosk's answer. */
async function send(target: string, command: FleetCommand['command'], args: string[] = []): Promise<CommandResult> {
  const gathered = await sendCommand(operator, { target, command, args, privatePem: world.operator.privatePem, waitMs: 10_000 });
  expect(gathered.missing, `kiosks that did not answer ${command}`).toEqual([]);
  return gathered.answers.get(target)!;
}

function body(overrides: Partial<FleetCommand> = {}): FleetCommand {
  return { command: 'status', args: [], target: 'k1', issuedAt: new Date().toISOString(), nonce: newNonce(), ...overrides };
}

/** The keys of an object and of the objects in it, as paths: the shape of a JSON report. */
function shape(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => shape(inner, prefix ? `${prefix}.${key}` : key)).sort();
}

describe('a kiosk on the fleet broker', () => {
  it('comes online with a retained status, Home Assistant discovery, its health and its visits', async () => {
    const watcher = await world.client('homeassistant');
    const seen = await recordTopics(watcher, ['crossroads/k1/#', 'homeassistant/#']);
    const got = (topic: string) => seen.find((m) => m.topic === topic);
    await waitUntil(
      () => seen.filter((m) => m.topic.startsWith('homeassistant/')).length >= 9 && !!got('crossroads/k1/health') && !!got('crossroads/k1/visits'),
      () => `retained topics; saw ${seen.map((m) => m.topic).join(', ')}`,
    );
    expect(got('crossroads/k1/status')).toMatchObject({ text: 'online', retain: true });
    const health = JSON.parse(got('crossroads/k1/health')!.text) as HealthReport;
    expect(got('crossroads/k1/health')!.retain).toBe(true);
    expect(health).toMatchObject({ status: 'ok', pack: { id: 'test-pack', version: '0.9.0', source: 'built-in' }, fleet: { kioskId: 'k1', rollout: null } });
    // Exactly the GET /health report's shape, field for field.
    const local = buildHealthReport({ board: k1.board, pack: k1.store.current().info, startedAt: 0, now: 0, pageHeartbeatAgeMs: null, pageClients: 1, pageRenderer: null, pageStallMs: 1, dropped: { pageMessages: 0, byKind: {} }, fleet: k1.link.facts() });
    expect(shape(health)).toEqual(shape(local));
    expect(JSON.parse(got('crossroads/k1/visits')!.text)).toEqual({ day: localDay(new Date()), today: 0, days: {} });
    const topics = seen.filter((m) => m.topic.startsWith('homeassistant/')).map((m) => m.topic);
    for (const object of ['binary_sensor/crossroads_k1/online', 'binary_sensor/crossroads_k1/panel', 'sensor/crossroads_k1/pack', 'sensor/crossroads_k1/visits_today', 'binary_sensor/crossroads_k1/problem', 'button/crossroads_k1/identify', 'button/crossroads_k1/restart_browser']) {
      expect(topics).toContain(`homeassistant/${object}/config`);
    }
    expect(seen.filter((m) => m.topic.startsWith('homeassistant/')).every((m) => m.retain)).toBe(true);
  });

  it('sends its health again when it changes and its visits when they change', async () => {
    const watcher = await world.client('homeassistant');
    const seen = await recordTopics(watcher, ['crossroads/k1/health', 'crossroads/k1/visits']);
    const last = <T>(topic: string): T | undefined => {
      const m = seen.filter((x) => x.topic === topic).at(-1);
      return m ? (JSON.parse(m.text) as T) : undefined;
    };
    await waitUntil(() => last('crossroads/k1/health') !== undefined, 'the retained health');
    k1.board = { ...k1.board, connected: false };
    k1.bus.emit('panel.status', k1.board);
    await waitUntil(() => last<HealthReport>('crossroads/k1/health')?.status === 'degraded', () => `a degraded health; last ${JSON.stringify(last('crossroads/k1/health'))}`);
    expect(last<HealthReport>('crossroads/k1/health')!.problems).toEqual(['control panel not connected']);
    k1.board = { ...k1.board, connected: true };
    k1.bus.emit('panel.status', k1.board);
    await waitUntil(() => last<HealthReport>('crossroads/k1/health')?.status === 'ok', 'the health back to ok');
    k1.counts = { [localDay(new Date())]: { 'middle-corridor': 2, zangezur: 1 }, '2000-01-01': { old: 1 } };
    await waitUntil(() => last<VisitsReport>('crossroads/k1/visits')?.today === 3, () => `the visits; last ${JSON.stringify(last('crossroads/k1/visits'))}`);
    expect(last<VisitsReport>('crossroads/k1/visits')!.days).toEqual({ [localDay(new Date())]: { 'middle-corridor': 2, zangezur: 1 } });
  });

  it('sends its health at least once a period when nothing changes', async () => {
    const watcher = await world.client('homeassistant');
    const seen = await recordTopics(watcher, 'crossroads/k2/health');
    // A period of 300 ms stands for the minute.
    const k2 = await world.startKiosk('k2', { healthPeriodMs: 300, checkEveryMs: 50 });
    await waitUntil(() => seen.length >= 4, () => `four health messages from an idle kiosk; saw ${seen.length}`, 10_000);
    const keys = new Set(seen.map((m) => JSON.stringify({ ...(JSON.parse(m.text) as HealthReport), at: null, uptimeS: null })));
    expect(keys.size, 'nothing but the clock changed').toBe(1);
    await k2.stop();
  });

  it('identify blinks every panel LED, shows the id on the page, then gives the LEDs back', async () => {
    const before = [LED.on, LED.off, LED.slowBlink, LED.off, LED.off, LED.off, LED.off, LED.off];
    k1.bus.emit('panel.leds', { modes: before });
    const answer = await send('k1', 'identify', ['1']);
    expect(answer).toMatchObject({ status: 'done', command: 'identify', signer: 'operator.pub', id: 'k1' });
    expect(k1.leds).toContainEqual(new Array(8).fill(LED.fastBlink));
    expect(k1.page).toContainEqual({ type: 'identify', kioskId: 'k1', seconds: 1 });
    await waitUntil(() => JSON.stringify(k1.leds.at(-1)) === JSON.stringify(before), () => `the LEDs back as they were; last ${JSON.stringify(k1.leds.at(-1))}`);
    expect((await send('k1', 'identify', ['0'])).status).toBe('refused');
  });

  it('mode asks the page for attract, class or leaving maintenance, and refuses anything else', async () => {
    expect((await send('k1', 'mode', ['class'])).status).toBe('done');
    expect(k1.page.at(-1)).toEqual({ type: 'mode', mode: 'class' });
    expect((await send('k1', 'mode', ['maintenance-off'])).status).toBe('done');
    expect(k1.page.at(-1)).toEqual({ type: 'mode', mode: 'maintenance-off' });
    const refused = await send('k1', 'mode', ['party']);
    expect(refused).toMatchObject({ status: 'refused', message: expect.stringContaining('attract, class, maintenance-off') });
  });

  it('rollback makes the previous pack current, and the health follows', async () => {
    expect((await send('k1', 'rollback')).status).toBe('refused');
    for (const version of ['1.0.0', '1.1.0']) {
      const zip = await buildZip({ root: world.root, keys: world.publisher } as never, { version });
      expect((await k1.store.install(zip)).status).toBe('installed');
    }
    const answer = await send('k1', 'rollback');
    expect(answer).toMatchObject({ status: 'done', message: 'rolled back to test-pack 1.0.0' });
    expect(k1.store.current().info.version).toBe('1.0.0');
    const health = await send('k1', 'status');
    expect(health.data).toMatchObject({ pack: { id: 'test-pack', version: '1.0.0', source: 'installed' } });
  });

  it('restart-browser runs the --restart-browser command, with no shell, and is refused without one', async () => {
    expect(await send('k1', 'restart-browser')).toMatchObject({ status: 'refused', message: 'this kiosk has no --restart-browser command' });
    const script = join(world.root, 'restart-browser');
    const marker = join(world.root, 'restarted.txt');
    writeFileSync(script, '#!/bin/sh\nprintf "%s|" "$@" >> "$1"\n');
    chmodSync(script, 0o755);
    const k2 = await world.startKiosk('k2', { restartBrowser: [script, marker, '$(touch nothing)'] });
    await waitUntil(() => k2.link.connected, 'k2 to connect');
    expect((await send('k2', 'restart-browser')).status).toBe('done');
    expect(readFileSync(marker, 'utf8')).toBe(`${marker}|$(touch nothing)|`);
    expect(existsSync('nothing')).toBe(false);
    await k2.stop();
  });

  it('refuses every kind of bad command, answers each on cmd-result and logs it', async () => {
    const operatorKey = world.operator.privatePem;
    const pageBefore = k1.page.filter((m) => m.type === 'mode' || m.type === 'identify').length;
    const cases: [string, string, string, RegExp][] = [
      ['unsigned', 'status', JSON.stringify({ signed: JSON.stringify(body()) }), /^unsigned/],
      ['stranger', 'status', signCommand(body(), makeKeys().privatePem), /not signed by an operator key/],
      ['altered', 'status', JSON.stringify({ ...(JSON.parse(signCommand(body(), operatorKey)) as object), signed: JSON.stringify(body({ command: 'rollback' })) }), /not signed by an operator key/],
      ['expired', 'status', signCommand(body({ issuedAt: new Date(Date.now() - 6 * 60_000).toISOString() }), operatorKey), /^expired/],
      ['future', 'status', signCommand(body({ issuedAt: new Date(Date.now() + 6 * 60_000).toISOString() }), operatorKey), /in the future/],
      ['for k3', 'status', signCommand(body({ target: 'k3' }), operatorKey), /addressed to k3/],
      ['on another topic', 'identify', signCommand(body({ command: 'rollback' }), operatorKey), /sent on cmd\/identify but signed as rollback/],
      ['unknown', 'reboot', signCommand({ ...body(), command: 'reboot' } as unknown as FleetCommand, operatorKey), /unknown command "reboot"/],
    ];
    for (const [what, name, text, reason] of cases) {
      const nonce = (JSON.parse((JSON.parse(text) as { signed: string }).signed) as FleetCommand).nonce;
      await operator.publishAsync(`crossroads/k1/cmd/${name}`, text, { qos: 1 });
      const answer = await answerTo(what, (r) => r.nonce === nonce);
      expect(answer, what).toMatchObject({ id: 'k1', status: 'refused', signer: null });
      expect(answer.message, what).toMatch(reason);
      expect(k1.log.lines.some((line) => line.includes(answer.message)), `${what} in the journal`).toBe(true);
    }
    await operator.publishAsync('crossroads/k1/cmd/status', 'rm -rf /', { qos: 1 });
    expect((await answerTo('garbage', (r) => r.message.includes('not a signed command'))).status).toBe('refused');
    await operator.publishAsync('crossroads/k1/cmd/status', 'x'.repeat(5000), { qos: 1 });
    expect((await answerTo('a long message', (r) => r.message.includes('at most 4096'))).status).toBe('refused');
    expect(k1.page.filter((m) => m.type === 'mode' || m.type === 'identify').length, 'nothing reached the page').toBe(pageBefore);
  });

  it('answers commands to all on the fleet-wide topic', async () => {
    const gathered = await sendCommand(operator, { target: 'all', command: 'status', args: [], privatePem: world.operator.privatePem, waitMs: 10_000 });
    expect(gathered.missing).toEqual([]);
    expect([...gathered.answers.keys()]).toEqual(['k1']);
  });

  it('does nothing when a Home Assistant button is pressed, until the signing relay signs the press', async () => {
    const ha = await world.client('homeassistant');
    const ledsBefore = k1.leds.length;
    const pageBefore = k1.page.length;
    const resultsBefore = answers().length;
    await ha.publishAsync('crossroads/k1/request/identify', 'PRESS', { qos: 1 });
    await ha.publishAsync('crossroads/k1/request/restart-browser', 'PRESS', { qos: 1 });
    await waitUntil(() => k1.log.lines.some((l) => l.includes('unsigned request for "restart-browser"')), () => `the kiosk to note the requests; log:\n${k1.log.lines.join('\n')}`);
    expect(k1.log.lines.some((l) => l.includes('unsigned request for "identify"') && l.includes('not acted on'))).toBe(true);
    expect(k1.leds.length, 'no LED changed').toBe(ledsBefore);
    expect(k1.page.length, 'nothing reached the page').toBe(pageBefore);
    expect(answers().length, 'no command ran').toBe(resultsBefore);

    // The relay signs with a key of its own, which this kiosk was given on purpose.
    const relayKeys = makeKeys();
    writeFileSync(join(k1.data, 'operator-keys', 'ha-relay.pub'), relayKeys.publicPem);
    const lines: string[] = [];
    const relay = await startRelay(await world.client(), { privatePem: relayKeys.privatePem, log: (line) => lines.push(line) });
    await ha.publishAsync('crossroads/k1/request/identify', 'PRESS', { qos: 1 });
    const done = await answerTo('the relayed identify', (r) => r.command === 'identify' && r.signer === 'ha-relay.pub');
    expect(done.status).toBe('done');
    expect(k1.page.at(-1)).toEqual({ type: 'identify', kioskId: 'k1', seconds: 10 });
    await waitUntil(() => lines.some((l) => l.startsWith('k1: identify: done')), () => `the relay to log the answer; it logged ${JSON.stringify(lines)}`);
    // It signs nothing else, whoever asks.
    await ha.publishAsync('crossroads/k1/request/rollback', 'PRESS', { qos: 1 });
    await waitUntil(() => lines.some((l) => l.includes('refused to sign rollback')), () => `the relay to refuse rollback; it logged ${JSON.stringify(lines)}`);
    expect(relay.sent).toBe(1);
    await relay.stop();
    await send('k1', 'identify', ['1']);
  });

  it('lets a kiosk account write only under its own id (the museum ACL)', async () => {
    const kiosk = await world.client('k3');
    for (const topic of ['crossroads/k3/status', 'crossroads/k3/health', 'crossroads/k3/visits', 'crossroads/k3/cmd-result', 'homeassistant/sensor/crossroads_k3/pack/config']) {
      await expect(kiosk.publishAsync(topic, '{}', { qos: 1 }), topic).resolves.toBeDefined();
    }
    const others = ['crossroads/k1/status', 'crossroads/k1/health', 'crossroads/k1/visits', 'crossroads/k1/cmd-result', 'crossroads/k1/cmd/identify', 'crossroads/k3/cmd/identify', 'crossroads/all/cmd/identify', 'crossroads/all/pack', 'crossroads/k3/pack', 'homeassistant/sensor/crossroads_k1/pack/config'];
    for (const topic of others) {
      await expect(kiosk.publishAsync(topic, 'x', { qos: 1 }), topic).rejects.toThrow(/not authorized/i);
    }
    // Mosquitto grants the subscription but delivers only what the ACL lets it read. Messages
    // reach a client in the order they were published, so once the second (allowed) one is
    // here, the first would have been too.
    const got = await recordTopics(kiosk, ['crossroads/k1/cmd/status', 'crossroads/k3/cmd/status']);
    await operator.publishAsync('crossroads/k1/cmd/status', 'for k1', { qos: 1 });
    await operator.publishAsync('crossroads/k3/cmd/status', 'for k3', { qos: 1 });
    await waitUntil(() => got.some((m) => m.text === 'for k3'), 'the message on its own topic');
    expect(got.map((m) => m.text)).toEqual(['for k3']);
    const ha = await world.client('homeassistant');
    for (const topic of ['crossroads/k1/cmd/identify', 'crossroads/all/pack', 'crossroads/k1/health']) {
      await expect(ha.publishAsync(topic, 'x', { qos: 1 }), topic).rejects.toThrow(/not authorized/i);
    }
  });

  it('says offline, retained, when it stops', async () => {
    const watcher = await world.client();
    await k1.stop();
    const seen = await recordTopics(watcher, 'crossroads/k1/status');
    await waitUntil(() => seen.length > 0, 'the retained status');
    expect(seen.at(-1)).toMatchObject({ text: 'offline', retain: true });
  });

  it('runs off the fleet, saying why, when its password file cannot be read', async () => {
    const kiosk = await world.startKiosk('k3', { mqtt: { url: world.broker.url, username: 'k3', passwordFile: join(world.root, 'missing') } });
    expect(kiosk.log.lines.some((l) => l.includes('not joining the fleet: cannot read the MQTT password file'))).toBe(true);
    expect(kiosk.link.connected).toBe(false);
    await kiosk.stop();
  });

});
