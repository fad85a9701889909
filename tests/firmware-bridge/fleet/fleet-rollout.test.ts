// Rolling a pack out to twenty kiosks at once: one retained message on
// crossroads/all/pack, and each kiosk (its own data folder, pack store and
// MQTT client, all in this process against one real Mosquitto) installs it
// with the USB path's checks and says what it did in its health. A kiosk
// that comes later still gets it; a corrupt or unsigned pack is refused by
// all twenty, each keeping its pack; a stranger's pack, an older one and one
// over the size limit change nothing.

import { randomBytes } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishRollout, readFleet, sendCommand } from '../../../firmware-bridge/fleet/fleet-operator.js';
import { makeKeys } from '../packs/helpers/pack-fixtures.js';
import { buildZip, fingerprint } from '../packs/helpers/pack-world.js';
import { waitUntil } from '../helpers/wait.js';
import type { HealthReport } from '../../../firmware-bridge/health/health-report.js';
import { recordTopics, startFleetWorld, type FleetWorld } from './helpers/fleet-world.js';

const IDS = Array.from({ length: 20 }, (_, i) => `kiosk-${String(i + 1).padStart(2, '0')}`);
const LATE = 'kiosk-late';
const SMALL = 'kiosk-small';

let world: FleetWorld;
let operator: MqttClient;

const zip = (options: Parameters<typeof buildZip>[1] = {}) => buildZip({ root: world.root, keys: world.publisher } as never, options);

beforeAll(async () => {
  world = await startFleetWorld({ kioskIds: [...IDS, LATE, SMALL], messageSizeLimit: 2 * 1024 * 1024 });
  operator = await world.client();
  await Promise.all(IDS.map((id) => world.startKiosk(id)));
  await waitUntil(() => IDS.every((id) => world.kiosks.get(id)?.link.connected), () => `all kiosks online; offline: ${IDS.filter((id) => !world.kiosks.get(id)?.link.connected).join(', ')}`, 20_000);
}, 60_000);

afterAll(async () => {
  await world?.stop();
});

describe('a pack rolled out to the whole fleet', () => {
  it('is installed by every online kiosk, each saying so in its health', async () => {
    const healths = await recordTopics(await world.client(), 'crossroads/+/health');
    const version = (id: string): string | undefined => {
      const last = healths.filter((m) => m.topic === `crossroads/${id}/health`).at(-1);
      return last ? (JSON.parse(last.text) as HealthReport).pack.version : undefined;
    };
    const pack = readFileSync(await zip({ version: '1.0.0' }));
    const rolled = await publishRollout(operator, { target: 'all', zip: pack, waitMs: 30_000 });
    expect(rolled.missing).toEqual([]);
    expect([...rolled.answers.keys()].sort()).toEqual(IDS);
    for (const [id, result] of rolled.answers) {
      expect(result, id).toMatchObject({ topic: 'crossroads/all/pack', status: 'installed', pack: { id: 'test-pack', version: '1.0.0' }, problems: [] });
      expect(world.kiosks.get(id)!.store.current().info).toMatchObject({ id: 'test-pack', version: '1.0.0', source: 'installed' });
    }
    await waitUntil(() => IDS.every((id) => version(id) === '1.0.0'), () => `every health to show 1.0.0; saw ${IDS.map((id) => `${id}=${version(id)}`).join(' ')}`, 15_000);
    const fleet = await readFleet(operator);
    expect(IDS.map((id) => fleet.get(id)?.health?.fleet?.rollout?.status)).toEqual(IDS.map(() => 'installed'));
    expect(IDS.map((id) => fleet.get(id)?.health?.pack.version)).toEqual(IDS.map(() => '1.0.0'));
    // Nothing is left of the incoming zips.
    for (const id of IDS) expect(await readdir(join(world.kiosks.get(id)!.data, 'fleet', 'incoming'))).toEqual([]);
  });

  it('reaches a kiosk that comes online later, from the retained message, and a restart does not read it again', async () => {
    const late = await world.startKiosk(LATE);
    // The pack is current a moment before the link has written down how the roll-out went.
    await waitUntil(
      () => late.store.current().info.version === '1.0.0' && late.link.facts().rollout?.status === 'installed',
      () => `the late kiosk to install 1.0.0 and record it; log:\n${late.log.lines.join('\n')}`,
      15_000,
    );
    const outcome = late.link.facts().rollout;
    expect(outcome).toMatchObject({ topic: 'crossroads/all/pack', status: 'installed', pack: { version: '1.0.0' } });
    await late.stop();
    const again = await world.startKiosk(LATE);
    await waitUntil(() => again.link.connected, 'the late kiosk back', 15_000);
    expect(again.link.facts().rollout).toEqual(outcome);
    const fleet = await readFleet(operator);
    await waitUntil(() => fleet.get(LATE)?.health?.fleet?.rollout?.sha256 === outcome!.sha256, 'its health to carry the outcome', 15_000);
    expect(again.log.lines.filter((l) => l.includes('installing the pack rolled out'))).toEqual([]);
  });

  it('answers a command to all from every kiosk', async () => {
    const gathered = await sendCommand(operator, { target: 'all', command: 'identify', args: ['1'], privatePem: world.operator.privatePem, waitMs: 15_000 });
    expect(gathered.missing).toEqual([]);
    expect(gathered.answers.size).toBe(IDS.length + 1);
    expect([...gathered.answers.values()].every((r) => r.status === 'done')).toBe(true);
  });

  it('is refused by every kiosk when corrupt or unsigned, each keeping its pack and saying why', async () => {
    const all = [...IDS, LATE];
    const before = new Map(await Promise.all(all.map(async (id) => [id, await fingerprint(world.kiosks.get(id)!.data)] as const)));
    const good = readFileSync(await zip({ version: '1.1.0' }));
    const corrupt = Buffer.from(good);
    // Bytes flipped in the middle of the zip, as a broken copy would have them.
    for (let i = 0; i < 64; i++) corrupt[Math.floor(corrupt.length / 2) + i] ^= 0xff;
    const unsigned = readFileSync(await zip({ version: '1.2.0', keys: null }));
    for (const [what, pack] of [['corrupt', corrupt], ['unsigned', unsigned]] as const) {
      const rolled = await publishRollout(operator, { target: 'all', zip: pack, waitMs: 30_000 });
      expect(rolled.missing, what).toEqual([]);
      expect([...rolled.answers.keys()].sort(), what).toEqual(all.sort());
      for (const [id, result] of rolled.answers) {
        expect(result, `${what} at ${id}`).toMatchObject({ status: 'refused', pack: null });
        expect(result.problems.length, `${what} at ${id}`).toBeGreaterThan(0);
      }
      if (what === 'unsigned') expect(rolled.answers.get(IDS[0]!)!.problems.join(' ')).toMatch(/sign/i);
    }
    const fleet = await readFleet(operator);
    for (const id of all) {
      expect(world.kiosks.get(id)!.store.current().info, id).toMatchObject({ version: '1.0.0', source: 'installed' });
      expect(await fingerprint(world.kiosks.get(id)!.data), id).toBe(before.get(id));
      expect(fleet.get(id)?.health?.pack.version, id).toBe('1.0.0');
    }
    await publishRollout(operator, { target: 'all', zip: Buffer.alloc(0), waitMs: 0 });
  });

  it("changes nothing for a stranger's pack or an older one, and says why", async () => {
    const target = IDS[0]!;
    const kiosk = world.kiosks.get(target)!;
    const before = await fingerprint(kiosk.data);
    const stranger = await publishRollout(operator, { target, zip: readFileSync(await zip({ version: '2.0.0', keys: makeKeys() })), waitMs: 15_000 });
    expect(stranger.answers.get(target)).toMatchObject({ topic: `crossroads/${target}/pack`, status: 'refused', problems: [expect.stringContaining('signed by a key that is not trusted here')] });
    const older = await publishRollout(operator, { target, zip: readFileSync(await zip({ version: '0.5.0' })), waitMs: 15_000 });
    expect(older.answers.get(target)).toMatchObject({ status: 'skipped', problems: [expect.stringContaining('not newer')] });
    expect(await fingerprint(kiosk.data)).toBe(before);
    await publishRollout(operator, { target, zip: Buffer.alloc(0), waitMs: 0 });
  });

  it('is refused unread over the kiosk limit, and by the broker over its message_size_limit', async () => {
    const small = await world.startKiosk(SMALL, { maxPackBytes: 64 * 1024 });
    await waitUntil(() => small.link.connected, 'the small kiosk to connect');
    const had = small.store.current().info.version;
    const big = readFileSync(await zip({ version: '3.0.0', assets: { 'data/noise.bin': randomBytes(300 * 1024) } }));
    const refused = await publishRollout(operator, { target: SMALL, zip: big, waitMs: 15_000 });
    expect(refused.answers.get(SMALL)).toMatchObject({ status: 'refused', problems: [expect.stringContaining('at most 64 KiB')] });
    expect(small.store.current().info.version).toBe(had);
    // Mosquitto answers with "packet too large", which the client takes as an error: the operator hears of it.
    const huge = Buffer.alloc(3 * 1024 * 1024, 1);
    await expect(publishRollout(await world.client(), { target: SMALL, zip: huge, waitMs: 1000 })).rejects.toThrow(/puback/i);
  });

  it('can be withdrawn: the retained pack goes, the installed packs stay', async () => {
    await publishRollout(operator, { target: 'all', zip: Buffer.alloc(0), waitMs: 0 });
    const seen: string[] = [];
    const watcher = await world.client();
    watcher.on('message', (topic, payload) => seen.push(`${topic}:${payload.length}`));
    await watcher.subscribeAsync('crossroads/all/pack', { qos: 1 });
    // The settle marker: once this retained message arrives, any retained pack would have too.
    await operator.publishAsync('crossroads/all/marker', 'x', { qos: 1, retain: true });
    await watcher.subscribeAsync('crossroads/all/marker', { qos: 1 });
    await waitUntil(() => seen.some((s) => s.startsWith('crossroads/all/marker')), 'the marker');
    expect(seen.filter((s) => s.startsWith('crossroads/all/pack'))).toEqual([]);
    await operator.publishAsync('crossroads/all/marker', Buffer.alloc(0), { qos: 1, retain: true });
    expect(world.kiosks.get(IDS[1]!)!.store.current().info.version).toBe('1.0.0');
  });
});
