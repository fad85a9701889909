// The fleet over MQTT, against a real Mosquitto on loopback: a signed
// command's round trip to one kiosk (sign, publish, verify, run `status`,
// answer), a command to twenty kiosks until the last answer, and a pack
// roll-out to twenty kiosks until the last one installed it. The twenty run
// in this process, each with its own data folder, pack store and client.

import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MqttClient } from 'mqtt';
import { newNonce, signCommand, type CommandName } from '../../firmware-bridge/fleet/command-signing.js';
import { kioskOf } from '../../firmware-bridge/fleet/fleet-topics.js';
import { buildZip } from '../firmware-bridge/packs/helpers/pack-world.js';
import { startFleetWorld, type FleetWorld } from '../firmware-bridge/fleet/helpers/fleet-world.js';
import { waitUntil } from '../firmware-bridge/helpers/wait.js';
import { dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, valueRow, type BenchRow } from './bench-table.js';

export interface FleetBenchOptions {
  commands: number;
  rollouts: number;
  kiosks: number;
  warmup: number;
}

const MIB = 1024 * 1024;

/** Answers by nonce and by pack hash, with when each came (performance.now()). */
function listen(client: MqttClient): { results: Map<string, number[]>; rollouts: Map<string, number[]> } {
  const results = new Map<string, number[]>();
  const rollouts = new Map<string, number[]>();
  client.on('message', (topic, payload) => {
    const at = performance.now();
    const add = (map: Map<string, number[]>, key: string): void => void map.set(key, [...(map.get(key) ?? []), at]);
    const parsed = JSON.parse(payload.toString('utf8')) as { nonce?: string; sha256?: string; status?: string };
    if (kioskOf(topic, 'cmd-result') && parsed.nonce) add(results, parsed.nonce);
    if (kioskOf(topic, 'rollout') && parsed.sha256 && parsed.status === 'installed') add(rollouts, parsed.sha256);
  });
  return { results, rollouts };
}

async function command(world: FleetWorld, client: MqttClient, answers: Map<string, number[]>, target: string, expected: number, name: CommandName): Promise<{ last: number; each: number[] }> {
  const nonce = newNonce();
  const text = signCommand({ command: name, args: [], target, issuedAt: new Date().toISOString(), nonce }, world.operator.privatePem);
  const sent = performance.now();
  await client.publishAsync(`crossroads/${target}/cmd`, text, { qos: 1 });
  await waitUntil(() => (answers.get(nonce)?.length ?? 0) >= expected, `${expected} answers to ${name}`, 30_000, 1);
  const each = answers.get(nonce)!.map((at) => at - sent);
  return { last: Math.max(...each), each };
}

export async function benchFleet(options: FleetBenchOptions): Promise<BenchRow[]> {
  const ids = Array.from({ length: options.kiosks }, (_, i) => `bench-${i + 1}`);
  const world = await startFleetWorld({ kioskIds: ids });
  try {
    const operator = await world.client();
    const { results, rollouts } = listen(operator);
    await operator.subscribeAsync(['crossroads/+/cmd-result', 'crossroads/+/rollout'], { qos: 1 });
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
      await waitUntil(() => (rollouts.get(sha)?.length ?? 0) >= ids.length, `${ids.length} installs of 1.${i}.0`, 60_000, 1);
      const each = rollouts.get(sha)!.map((at) => at - sent);
      whole.push(Math.max(...each));
      perKiosk.push(...each);
    }
    await operator.publishAsync('crossroads/all/pack', Buffer.alloc(0), { qos: 1, retain: true });
    const n = ids.length;
    return [
      summaryRow('fleet', 'signed command round trip to one kiosk (publish -> cmd-result)', 'ms', summarize(dropWarmup(single, options.warmup)), 'status command, QoS 1'),
      summaryRow('fleet', `signed command to all ${n} kiosks (publish -> last answer)`, 'ms', summarize(dropWarmup(toAll, options.warmup))),
      summaryRow('fleet', `pack roll-out to ${n} kiosks (retained publish -> last installed)`, 'ms', summarize(whole), `${(zipBytes / 1024).toFixed(1)} KiB zip`),
      summaryRow('fleet', '· per kiosk (publish -> its installed answer)', 'ms', summarize(perKiosk)),
      valueRow('fleet', `RSS added by ${n} kiosks in one process (pack store + fleet link each)`, 'MiB', (rssAfter - rssBefore) / MIB),
    ];
  } finally {
    await world.stop();
  }
}
