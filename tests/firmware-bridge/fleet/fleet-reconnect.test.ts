// A kiosk and a broker that is not always there, against a real Mosquitto:
// the broker restarted (it forgets every retained message: the kiosk
// reconnects and publishes them all again), the broker down when the kiosk
// starts (it starts anyway and joins when the broker comes), and a wrong
// password (one clear line, the kiosk keeps working and keeps trying). Each
// outage is logged once however many tries it takes.

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFleet } from '../../../firmware-bridge/fleet/fleet-operator.js';
import { buildZip } from '../packs/helpers/pack-world.js';
import { sleep, waitUntil } from '../helpers/wait.js';
import { startFleetWorld, type FleetWorld, type TestKiosk } from './helpers/fleet-world.js';

let world: FleetWorld;

beforeAll(async () => {
  world = await startFleetWorld({ kioskIds: ['r1', 'r2', 'r3'] });
});

afterAll(async () => {
  await world?.stop();
});

const lines = (kiosk: TestKiosk, text: string): string[] => kiosk.log.lines.filter((line) => line.includes(text));

/** What a client connecting now finds retained for a kiosk. */
async function retained(id: string): Promise<{ status: string | null; health: boolean; discovery: number }> {
  const client = await world.client('homeassistant');
  const fleet = await readFleet(client);
  const discovery: string[] = [];
  client.on('message', (topic) => discovery.push(topic));
  await client.subscribeAsync(`homeassistant/+/crossroads_${id}/+/config`, { qos: 1 });
  // Mosquitto sends a subscription's retained messages before it acknowledges the next request.
  await client.subscribeAsync('crossroads/settle', { qos: 1 });
  client.removeAllListeners('message');
  return { status: fleet.get(id)?.status ?? null, health: !!fleet.get(id)?.health, discovery: discovery.length };
}

/**
 * What is retained for a kiosk once it has published all of it again: after a
 * reconnect its status comes first and its health and discovery follow, so a
 * single look can come between them.
 */
async function republished(id: string, discovery = 0): Promise<{ status: string | null; health: boolean; discovery: number }> {
  const deadline = Date.now() + 10_000;
  let seen = await retained(id);
  while (!(seen.status === 'online' && seen.health && seen.discovery >= discovery)) {
    if (Date.now() > deadline) throw new Error(`timed out after 10000 ms waiting for ${id}'s status, health and ${discovery} discovery topics to be retained; saw ${JSON.stringify(seen)}`);
    await sleep(100);
    seen = await retained(id);
  }
  return seen;
}

describe('a kiosk whose broker comes and goes', () => {
  it('reconnects after the broker restarts and publishes its status, health and discovery again', async () => {
    const kiosk = await world.startKiosk('r1');
    await waitUntil(() => kiosk.link.connected, 'r1 to connect');
    await waitUntil(() => lines(kiosk, 'connected to').length === 1, 'the connect line');
    await world.broker.down();
    await waitUntil(() => !kiosk.link.connected, 'r1 to see the broker gone');
    // Without persistence the broker restarts empty: whatever is retained after, the kiosk sent again.
    await world.broker.up();
    await waitUntil(() => kiosk.link.connected, () => `r1 to reconnect; log:\n${kiosk.log.lines.join('\n')}`, 10_000);
    const again = await republished('r1', 9);
    expect(again).toMatchObject({ status: 'online', health: true });
    expect(again.discovery).toBeGreaterThanOrEqual(9);
    expect(lines(kiosk, 'lost the broker')).toHaveLength(1);
    expect(lines(kiosk, 'lost the broker')[0]).toContain('the exhibit runs on, and tries again with backoff');
    expect(lines(kiosk, 'without it')).toHaveLength(1);
  });

  it('starts with the broker down, logs it once, and joins when the broker comes', async () => {
    await world.broker.down();
    const kiosk = await world.startKiosk('r2');
    await waitUntil(() => lines(kiosk, 'cannot reach the broker').length > 0, () => `the outage line; log:\n${kiosk.log.lines.join('\n')}`);
    // Proves an absence: retrying every 100-1000 ms meanwhile, it says nothing more.
    await sleep(800);
    expect(lines(kiosk, 'cannot reach the broker')).toHaveLength(1);
    expect(kiosk.link.connected).toBe(false);
    // The kiosk works without its broker: a pack installs as from a USB stick.
    const zip = await buildZip({ root: world.root, keys: world.publisher } as never, { version: '1.0.0' });
    expect((await kiosk.store.install(zip)).status).toBe('installed');
    await world.broker.up();
    await waitUntil(() => kiosk.link.connected, () => `r2 to connect; log:\n${kiosk.log.lines.join('\n')}`, 10_000);
    expect(await republished('r2')).toMatchObject({ status: 'online', health: true });
    const fleet = await readFleet(await world.client());
    expect(fleet.get('r2')?.health?.pack).toMatchObject({ version: '1.0.0', source: 'installed' });
  });

  it('says once, clearly, that the broker refused its password, and keeps working and trying', async () => {
    const wrong = join(world.root, 'wrong-password');
    writeFileSync(wrong, 'not-the-password\n');
    // Mosquitto names no client it refused; from here on, r3 is the only one it refuses.
    const from = world.broker.log().length;
    const refusals = (): number => (world.broker.log().slice(from).match(/not authori[sz]ed/gi) ?? []).length;
    const kiosk = await world.startKiosk('r3', { mqtt: { url: world.broker.url, username: 'r3', passwordFile: wrong } });
    await waitUntil(() => refusals() >= 3, () => `three refused logins at the broker; its log:\n${world.broker.log().slice(-2000)}`, 10_000);
    const refused = lines(kiosk, 'refused the login');
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatch(/the broker at mqtt:\/\/127\.0\.0\.1:\d+ refused the login of kiosk r3 as user r3 \(.*(Not authorized|Bad User Name or Password).*\): check --mqtt-user and --mqtt-password-file/);
    expect(kiosk.log.lines.join('\n')).not.toContain('not-the-password');
    expect(kiosk.link.connected).toBe(false);
    expect(kiosk.store.current().info.source).toBe('built-in');
  });
});
