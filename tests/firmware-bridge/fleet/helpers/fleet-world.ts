// A fleet for tests in one process: a real Mosquitto with the museum's ACL,
// and any number of kiosks, each a real FleetLink with its own data folder
// (trusted publisher key, operator key), its own PackStore and bus, and its
// own MQTT client and broker account. Its health is the real GET /health
// report (buildHealthReport, with the link's facts) over a board and visit
// counts the test can change. The page is a recorder of the messages a
// kiosk sends it. Everything is stopped by world.stop().

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import type { BoardStatus, BridgeMessage } from '../../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../../firmware-bridge/core/logger.js';
import { brokerAcl } from '../../../../firmware-bridge/fleet/broker-acl.js';
import { FleetLink, type FleetLinkOptions } from '../../../../firmware-bridge/fleet/fleet-link.js';
import { sendAtOnce } from '../../../../firmware-bridge/fleet/mqtt-settings.js';
import { buildHealthReport } from '../../../../firmware-bridge/health/health-report.js';
import { PackStore } from '../../../../firmware-bridge/packs/pack-store.js';
import type { DayCounts } from '../../../../firmware-bridge/stats/interaction-counts.js';
import { makeKeys, minimalManifest, removeDir, tempDir, writePackFolder, type Keys } from '../../packs/helpers/pack-fixtures.js';
import { startBroker, type Broker } from './mosquitto-broker.js';

export const KIOSK_VERSION = '0.1.0';

export interface TestKiosk {
  id: string;
  data: string;
  bus: EventBus;
  log: ReturnType<typeof createMemoryLogger>;
  store: PackStore;
  link: FleetLink;
  /** What the kiosk sent its page. */
  page: BridgeMessage[];
  /** Every panel.leds the bus carried. */
  leds: number[][];
  /** The board its health reports; change it and call link's bus event to see the health follow. */
  board: BoardStatus;
  /** Its visit counts (day -> scenario -> times opened). */
  counts: DayCounts;
  stop(): Promise<void>;
}

export interface FleetWorld {
  root: string;
  broker: Broker;
  /** Signs packs; every kiosk trusts it. */
  publisher: Keys;
  /** Signs commands; every kiosk obeys it. */
  operator: Keys;
  operatorKeyFile: string;
  builtIn: string;
  kiosks: Map<string, TestKiosk>;
  startKiosk(id: string, overrides?: Partial<FleetLinkOptions>): Promise<TestKiosk>;
  /** An MQTT client logged in as the operator account (or another user). */
  client(user?: string): Promise<MqttClient>;
  stop(): Promise<void>;
}

export async function startFleetWorld(options: { kioskIds: string[]; messageSizeLimit?: number }): Promise<FleetWorld> {
  const root = await tempDir('crossroads-fleet-');
  const publisher = makeKeys();
  const operator = makeKeys();
  const operatorKeyFile = join(root, 'operator.key');
  await writeFile(operatorKeyFile, operator.privatePem, { mode: 0o600 });
  const builtIn = join(root, 'built-in');
  await writePackFolder(builtIn, { manifest: minimalManifest('test-pack', '0.9.0'), keys: null });
  const users: Record<string, string> = { operator: 'operator-secret', homeassistant: 'ha-secret' };
  for (const id of options.kioskIds) users[id] = `${id}-secret`;
  let broker: Broker;
  try {
    broker = await startBroker({ users, acl: brokerAcl(), messageSizeLimit: options.messageSizeLimit });
  } catch (error) {
    await removeDir(root);
    throw error;
  }
  const kiosks = new Map<string, TestKiosk>();
  const clients = new Set<MqttClient>();

  const startKiosk = async (id: string, overrides: Partial<FleetLinkOptions> = {}): Promise<TestKiosk> => {
    const data = join(root, 'kiosks', id);
    await mkdir(join(data, 'trusted-keys'), { recursive: true });
    await mkdir(join(data, 'operator-keys'), { recursive: true });
    await writeFile(join(data, 'trusted-keys', 'publisher.pub'), publisher.publicPem);
    await writeFile(join(data, 'operator-keys', 'operator.pub'), operator.publicPem);
    const bus = new EventBus();
    const log = createMemoryLogger();
    const store = new PackStore({ bus, log, dataDir: data, builtInDir: builtIn, kioskVersion: KIOSK_VERSION });
    await store.start();
    const page: BridgeMessage[] = [];
    const leds: number[][] = [];
    bus.on('panel.leds', ({ modes }) => leds.push(modes));
    const startedAt = Date.now();
    const state = {
      board: { connected: true, simulated: true, boardId: null, firmware: null, lastSeenMs: 0, port: null, framesDropped: {}, losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 } } as BoardStatus,
      counts: {} as DayCounts,
    };
    // The health reads the link's facts, as the controller's does.
    const link: FleetLink = new FleetLink({
      bus,
      log,
      kioskId: id,
      version: KIOSK_VERSION,
      dataDir: data,
      mqtt: { url: broker.url, username: id, passwordFile: broker.passwordFile(id) },
      store,
      health: () =>
        buildHealthReport({
          board: state.board,
          pack: store.current().info,
          startedAt,
          now: Date.now(),
          pageHeartbeatAgeMs: null,
          pageClients: 1,
          pageRenderer: null,
          pageStallMs: 30_000,
          dropped: { pageMessages: 0, byKind: {} },
          fleet: link.facts(),
        }),
      counts: () => state.counts,
      toPage: (message) => {
        page.push(message);
        return 1;
      },
      restartBrowser: null,
      ledCount: 8,
      discoveryPrefix: 'homeassistant',
      reconnectMs: 100,
      maxReconnectMs: 1000,
      visitsGapMs: 0,
      checkEveryMs: 200,
      ...overrides,
    });
    await link.start();
    let stopped = false;
    const kiosk: TestKiosk = {
      id,
      data,
      bus,
      log,
      store,
      link,
      page,
      leds,
      get board() {
        return state.board;
      },
      set board(board: BoardStatus) {
        state.board = board;
      },
      get counts() {
        return state.counts;
      },
      set counts(counts: DayCounts) {
        state.counts = counts;
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        kiosks.delete(id);
        await link.stop();
        await store.stop();
      },
    };
    kiosks.set(id, kiosk);
    return kiosk;
  };

  return {
    root,
    broker,
    publisher,
    operator,
    operatorKeyFile,
    builtIn,
    kiosks,
    startKiosk,
    async client(user = 'operator') {
      const client = await connectAsync(broker.url, { username: user, password: users[user], protocolVersion: 5, reconnectPeriod: 0, clientId: `test-${user}-${clients.size}-${process.pid}` });
      sendAtOnce(client);
      clients.add(client);
      return client;
    },
    async stop() {
      for (const kiosk of [...kiosks.values()]) await kiosk.stop();
      for (const client of clients) await client.endAsync(true);
      await broker.stop();
      await removeDir(root);
    },
  };
}

/** Records every message on `filter` that a client receives. */
export async function recordTopics(client: MqttClient, filter: string | string[]): Promise<{ topic: string; text: string; retain: boolean }[]> {
  const seen: { topic: string; text: string; retain: boolean }[] = [];
  client.on('message', (topic, payload, packet) => seen.push({ topic, text: payload.toString('utf8'), retain: packet.retain }));
  await client.subscribeAsync(filter, { qos: 1 });
  return seen;
}
