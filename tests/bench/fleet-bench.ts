// The fleet over MQTT, against a real Mosquitto on loopback: a signed
// command's round trip to one kiosk (sign, publish, verify, run `status`,
// answer), a command to twenty kiosks until the last answer, a pack
// roll-out to twenty kiosks until the last one reported it installed in its
// health, and what one kiosk sends at rest per hour. The twenty run in this
// process, each with its own data folder, pack store and client.
//
// At rest is measured on an emulated clock: a kiosk whose periods are all
// divided by 60 (health every 1 s for every 60 s, changes looked for every
// 83 ms for every 5 s, keep-alive 1 s for 60 s), watched for `restS` real
// seconds, so one real second stands for one minute. Messages are counted
// as a subscriber receives them; bytes are what the kiosk's socket wrote and
// read (every MQTT packet: publishes, acknowledgements, pings), after its
// connect burst (status, discovery, health, visits) is over.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Socket } from 'node:net';
import type { MqttClient } from 'mqtt';
import { newNonce, signCommand, type CommandName } from '../../firmware-bridge/fleet/command-signing.js';
import { commandTopic, kioskOf } from '../../firmware-bridge/fleet/fleet-topics.js';
import type { HealthReport } from '../../firmware-bridge/health/health-report.js';
import { buildZip } from '../firmware-bridge/packs/helpers/pack-world.js';
import { startFleetWorld, type FleetWorld, type TestKiosk } from '../firmware-bridge/fleet/helpers/fleet-world.js';
import { sleep, waitUntil } from '../firmware-bridge/helpers/wait.js';
import { dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, valueRow, type BenchRow } from './bench-table.js';

export interface FleetBenchOptions {
  commands: number;
  rollouts: number;
  kiosks: number;
  warmup: number;
  /** Real seconds the kiosk at rest is watched (each stands for a minute). */
  restS: number;
}

const MIB = 1024 * 1024;
const SCALE = 60;

/** Answers by nonce and installs by pack hash, with when each came (performance.now()). */
function listen(client: MqttClient): { results: Map<string, number[]>; installs: Map<string, number[]> } {
  const results = new Map<string, number[]>();
  const installs = new Map<string, Set<string>>();
  const installTimes = new Map<string, number[]>();
  client.on('message', (topic, payload) => {
    const at = performance.now();
    if (kioskOf(topic, 'cmd-result')) {
      const nonce = (JSON.parse(payload.toString('utf8')) as { nonce?: string }).nonce;
      if (nonce) results.set(nonce, [...(results.get(nonce) ?? []), at]);
    }
    const id = kioskOf(topic, 'health');
    const rollout = id ? (JSON.parse(payload.toString('utf8')) as HealthReport).fleet?.rollout : null;
    if (id && rollout?.status === 'installed') {
      // A health is sent again later with the same outcome: count each kiosk once.
      const seen = installs.get(rollout.sha256) ?? new Set<string>();
      if (!seen.has(id)) installTimes.set(rollout.sha256, [...(installTimes.get(rollout.sha256) ?? []), at]);
      installs.set(rollout.sha256, seen.add(id));
    }
  });
  return { results, installs: installTimes };
}

async function command(world: FleetWorld, client: MqttClient, answers: Map<string, number[]>, target: string, expected: number, name: CommandName): Promise<{ last: number; each: number[] }> {
  const nonce = newNonce();
  const text = signCommand({ command: name, args: [], target, issuedAt: new Date().toISOString(), nonce }, world.operator.privatePem);
  const sent = performance.now();
  await client.publishAsync(commandTopic(target, name), text, { qos: 1 });
  await waitUntil(() => (answers.get(nonce)?.length ?? 0) >= expected, `${expected} answers to ${name}`, 30_000, 1);
  const each = answers.get(nonce)!.map((at) => at - sent);
  return { last: Math.max(...each), each };
}

/** What one kiosk at rest sends in an emulated hour: messages, bytes written and read. */
async function atRest(world: FleetWorld, restS: number): Promise<{ messages: number; sent: number; received: number; kinds: string }> {
  const watcher = await world.client('operator');
  const ha = await world.client('homeassistant');
  const topics: string[] = [];
  const count = (topic: string): void => void topics.push(topic.split('/').slice(-2).join('/'));
  watcher.on('message', (topic) => count(topic));
  ha.on('message', (topic) => count(topic));
  await watcher.subscribeAsync('crossroads/rest/#', { qos: 1 });
  await ha.subscribeAsync('homeassistant/+/crossroads_rest/+/config', { qos: 1 });
  const kiosk: TestKiosk = await world.startKiosk('rest', { healthPeriodMs: 60_000 / SCALE, checkEveryMs: Math.round(5000 / SCALE), keepaliveS: 60 / SCALE, visitsGapMs: 30_000 / SCALE });
  await waitUntil(() => kiosk.link.connected && topics.some((t) => t.endsWith('/health')) && topics.some((t) => t.endsWith('/visits')), 'the kiosk at rest to connect', 10_000);
  // The connect burst is over once the first periodic health is in.
  const burst = topics.filter((t) => t.endsWith('/health')).length;
  await waitUntil(() => topics.filter((t) => t.endsWith('/health')).length > burst, 'the first periodic health', 10_000);
  // The bench may reach into the link for its socket: what it wrote and read is the cost.
  const socket = (kiosk.link as unknown as { client: MqttClient }).client.stream as Socket;
  const from = { n: topics.length, written: socket.bytesWritten, read: socket.bytesRead, at: performance.now() };
  await sleep(restS * 1000);
  const emulatedHours = ((performance.now() - from.at) / 1000) * SCALE / 3600;
  const rest = topics.slice(from.n);
  const kinds = [...new Set(rest)].map((kind) => `${kind} ${rest.filter((t) => t === kind).length}`).join(', ');
  const result = { messages: rest.length / emulatedHours, sent: (socket.bytesWritten - from.written) / emulatedHours, received: (socket.bytesRead - from.read) / emulatedHours, kinds };
  await kiosk.stop();
  return result;
}

export async function benchFleet(options: FleetBenchOptions): Promise<BenchRow[]> {
  const ids = Array.from({ length: options.kiosks }, (_, i) => `bench-${i + 1}`);
  const world = await startFleetWorld({ kioskIds: [...ids, 'rest'] });
  try {
    const operator = await world.client();
    const { results, installs } = listen(operator);
    await operator.subscribeAsync(['crossroads/+/cmd-result', 'crossroads/+/health'], { qos: 1 });
    const rssBefore = process.memoryUsage().rss;
    await Promise.all(ids.map((id) => world.startKiosk(id)));
    await waitUntil(() => ids.every((id) => world.kiosks.get(id)?.link.connected), 'every kiosk online', 30_000);
    const rssAfter = process.memoryUsage().rss;

    const single: number[] = [];
    for (let i = 0; i < options.warmup + options.commands; i++) single.push((await command(world, operator, results, ids[0]!, 1, 'status')).last);
    const toAll: number[] = [];
    for (let i = 0; i < options.warmup + Math.max(2, Math.round(options.commands / 10)); i++) toAll.push((await command(world, operator, results, 'all', ids.length, 'status')).last);

    const whole: number[] = [];
    const perKiosk: number[] = [];
    let zipBytes = 0;
    for (let i = 0; i < options.rollouts; i++) {
      const zip = readFileSync(await buildZip({ root: world.root, keys: world.publisher } as never, { version: `1.${i}.0` }));
      zipBytes = zip.length;
      const sha = createHash('sha256').update(zip).digest('hex');
      const sent = performance.now();
      await operator.publishAsync('crossroads/all/pack', zip, { qos: 1, retain: true });
      await waitUntil(() => (installs.get(sha)?.length ?? 0) >= ids.length, `${ids.length} installs of 1.${i}.0`, 60_000, 1);
      const each = installs.get(sha)!.map((at) => at - sent);
      whole.push(Math.max(...each));
      perKiosk.push(...each);
    }
    await operator.publishAsync('crossroads/all/pack', Buffer.alloc(0), { qos: 1, retain: true });
    await Promise.all(ids.map((id) => world.kiosks.get(id)!.stop()));

    const rest = await atRest(world, options.restS);
    const n = ids.length;
    const emulated = `${options.restS} s watched = ${options.restS} emulated min (periods / ${SCALE})`;
    return [
      summaryRow('fleet', 'signed command round trip to one kiosk (publish -> cmd-result)', 'ms', summarize(dropWarmup(single, options.warmup)), 'status command, QoS 1'),
      summaryRow('fleet', `signed command to all ${n} kiosks (publish -> last answer)`, 'ms', summarize(dropWarmup(toAll, options.warmup))),
      summaryRow('fleet', `pack roll-out to ${n} kiosks (retained publish -> last health saying installed)`, 'ms', summarize(whole), `${(zipBytes / 1024).toFixed(1)} KiB zip`),
      summaryRow('fleet', '· per kiosk (publish -> its health saying installed)', 'ms', summarize(perKiosk)),
      valueRow('fleet', 'messages a kiosk publishes per hour at rest', 'msg/h', rest.messages, `${rest.kinds}; ${emulated}`),
      valueRow('fleet', 'bytes a kiosk sends per hour at rest (every MQTT packet)', 'KiB/h', rest.sent / 1024, emulated),
      valueRow('fleet', 'bytes a kiosk receives per hour at rest (acks, pings)', 'KiB/h', rest.received / 1024, emulated),
      valueRow('fleet', `RSS added by ${n} kiosks in one process (pack store + fleet link each)`, 'MiB', (rssAfter - rssBefore) / MIB),
    ];
  } finally {
    await world.stop();
  }
}
