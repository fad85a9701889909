// One kiosk's fleet link against a real Mosquitto with the museum's ACL:
// availability and its last word, Home Assistant discovery, the retained
// state, each command doing what the bridge does locally, every refusal
// answered on cmd-result, and the broker ACL keeping a kiosk to its topics.

import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newNonce, signCommand, type FleetCommand } from '../../../firmware-bridge/fleet/command-signing.js';
import type { CommandResult } from '../../../firmware-bridge/fleet/fleet-link.js';
import { sendCommand } from '../../../firmware-bridge/fleet/fleet-operator.js';
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
  return (results as unknown as { text: string }[]).map((r) => JSON.parse(r.text) as CommandResult);
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

describe('a kiosk on the fleet broker', () => {
  it('comes online with a retained availability, Home Assistant discovery and its state', async () => {
    const watcher = await world.client('homeassistant');
    const seen = await recordTopics(watcher, ['crossroads/k1/availability', 'crossroads/k1/state', 'homeassistant/#']);
    await waitUntil(() => seen.filter((m) => m.topic.startsWith('homeassistant/')).length >= 7 && seen.some((m) => m.topic.endsWith('/state')), () => `retained topics; saw ${seen.map((m) => m.topic).join(', ')}`);
    expect(seen.find((m) => m.topic === 'crossroads/k1/availability')).toMatchObject({ text: 'online', retain: true });
    const state = JSON.parse(seen.find((m) => m.topic === 'crossroads/k1/state')!.text) as Record<string, unknown>;
    expect(state).toMatchObject({ id: 'k1', status: 'ok', version: '0.1.0', pack: { id: 'test-pack', version: '0.9.0', source: 'built-in' } });
    const status = seen.find((m) => m.topic === 'homeassistant/sensor/crossroads_k1/status/config')!;
    expect(JSON.parse(status.text)).toMatchObject({ state_topic: 'crossroads/k1/state', availability_topic: 'crossroads/k1/availability' });
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

  it('rollback makes the previous pack current, and the state follows', async () => {
    expect((await send('k1', 'rollback')).status).toBe('refused');
    for (const version of ['1.0.0', '1.1.0']) {
      const zip = await buildZip({ root: world.root, keys: world.publisher } as never, { version });
      expect((await k1.store.install(zip)).status).toBe('installed');
    }
    const answer = await send('k1', 'rollback');
    expect(answer).toMatchObject({ status: 'done', message: 'rolled back to test-pack 1.0.0' });
    expect(k1.store.current().info.version).toBe('1.0.0');
    const state = await send('k1', 'status');
    expect(state.data).toMatchObject({ pack: { id: 'test-pack', version: '1.0.0', source: 'installed' } });
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

  it('refuses unsigned, stranger-signed, expired, future and misaddressed commands, and says why', async () => {
    const cases: [string, string, RegExp][] = [
      ['unsigned', JSON.stringify({ signed: JSON.stringify(body()) }), /^unsigned/],
      ['stranger', signCommand(body(), makeKeys().privatePem), /not signed by an operator key/],
      ['expired', signCommand(body({ issuedAt: new Date(Date.now() - 6 * 60_000).toISOString() }), world.operator.privatePem), /^expired/],
      ['future', signCommand(body({ issuedAt: new Date(Date.now() + 6 * 60_000).toISOString() }), world.operator.privatePem), /in the future/],
      ['for k3', signCommand(body({ target: 'k3' }), world.operator.privatePem), /addressed to k3/],
    ];
    for (const [what, text, reason] of cases) {
      const nonce = (JSON.parse((JSON.parse(text) as { signed: string }).signed) as FleetCommand).nonce;
      await operator.publishAsync('crossroads/k1/cmd', text, { qos: 1 });
      const answer = await answerTo(what, (r) => r.nonce === nonce);
      expect(answer.status, what).toBe('refused');
      expect(answer.message, what).toMatch(reason);
    }
    await operator.publishAsync('crossroads/k1/cmd', 'rm -rf /', { qos: 1 });
    expect((await answerTo('garbage', (r) => r.message.includes('not a signed command'))).status).toBe('refused');
  });

  it('refuses a replayed command, also after a restart, and a retained one when it comes back', async () => {
    const text = signCommand(body({ command: 'identify', args: ['1'] }), world.operator.privatePem);
    const nonce = (JSON.parse((JSON.parse(text) as { signed: string }).signed) as FleetCommand).nonce;
    const count = () => answers().filter((r) => r.nonce === nonce);
    // Published retained: the live copy runs once.
    await operator.publishAsync('crossroads/k1/cmd', text, { qos: 1, retain: true });
    await waitUntil(() => count().length === 1, () => `one answer; saw ${JSON.stringify(count())}`);
    expect(count()[0]!.status).toBe('done');
    await operator.publishAsync('crossroads/k1/cmd', text, { qos: 1 });
    await waitUntil(() => count().length === 2, 'the replay refused');
    expect(count()[1]!.message).toBe('replayed: this nonce was already used');

    // A restarted kiosk still knows the nonce, and refuses the retained copy the broker hands it.
    const before = answers().length;
    await k1.stop();
    k1 = await world.startKiosk('k1');
    await answerTo('the retained command', (r) => r.message.startsWith('a retained command is refused'));
    await operator.publishAsync('crossroads/k1/cmd', Buffer.alloc(0), { qos: 1, retain: true });
    await operator.publishAsync('crossroads/k1/cmd', text, { qos: 1 });
    await waitUntil(() => count().length === 3, 'the replay after the restart');
    expect(count()[2]!.message).toBe('replayed: this nonce was already used');
    expect(answers().slice(before).filter((r) => r.status === 'done')).toEqual([]);
  });

  it('answers commands to all on the fleet-wide topic', async () => {
    const gathered = await sendCommand(operator, { target: 'all', command: 'status', args: [], privatePem: world.operator.privatePem, waitMs: 10_000 });
    expect(gathered.missing).toEqual([]);
    expect([...gathered.answers.keys()]).toEqual(['k1']);
  });

  it('lets a kiosk account write only its own topics (the museum ACL)', async () => {
    const kiosk = await world.client('k3');
    await expect(kiosk.publishAsync('crossroads/k3/state', '{}', { qos: 1 })).resolves.toBeDefined();
    for (const topic of ['crossroads/k1/cmd', 'crossroads/all/cmd', 'crossroads/all/pack', 'crossroads/k1/availability']) {
      await expect(kiosk.publishAsync(topic, 'x', { qos: 1 }), topic).rejects.toThrow(/not authorized/i);
    }
    // Mosquitto grants the subscription but delivers only what the ACL lets it read. Messages
    // reach a client in the order they were published, so once the second (allowed) one is
    // here, the first would have been too.
    const got = await recordTopics(kiosk, ['crossroads/k1/cmd', 'crossroads/k3/cmd']);
    await operator.publishAsync('crossroads/k1/cmd', 'for k1', { qos: 1 });
    await operator.publishAsync('crossroads/k3/cmd', 'for k3', { qos: 1 });
    await waitUntil(() => got.some((m) => m.text === 'for k3'), 'the message on its own topic');
    expect(got.map((m) => m.text)).toEqual(['for k3']);
    const ha = await world.client('homeassistant');
    await expect(ha.publishAsync('crossroads/k1/cmd', 'x', { qos: 1 })).rejects.toThrow(/not authorized/i);
  });

  it('says offline, retained, when it stops', async () => {
    const watcher = await world.client();
    await k1.stop();
    const seen = await recordTopics(watcher, 'crossroads/k1/availability');
    await waitUntil(() => seen.length > 0, 'the retained availability');
    expect(seen.at(-1)).toMatchObject({ text: 'offline', retain: true });
  });

  it('runs off the fleet, saying why, when its password file cannot be read', async () => {
    const kiosk = await world.startKiosk('k3', { mqtt: { url: world.broker.url, username: 'k3', passwordFile: join(world.root, 'missing') } });
    expect(kiosk.log.lines.some((l) => l.includes('not joining the fleet: cannot read the MQTT password file'))).toBe(true);
    expect(kiosk.link.connected).toBe(false);
    await kiosk.stop();
  });

  it('starts and stops with no broker there, and says so once', async () => {
    const lonely = await world.startKiosk('k3', { mqtt: { url: 'mqtt://127.0.0.1:1', username: 'k3' }, reconnectMs: 50 });
    await waitUntil(() => lonely.log.lines.some((l) => l.includes('ECONNREFUSED')), () => `a warning; log:\n${lonely.log.lines.join('\n')}`);
    expect(lonely.link.connected).toBe(false);
    await lonely.stop();
    expect(lonely.log.lines.filter((l) => l.includes('ECONNREFUSED')).length).toBe(1);
  });
});
