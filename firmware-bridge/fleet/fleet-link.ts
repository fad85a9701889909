// The kiosk's link to the museum's fleet broker (`crossroads start --mqtt`).
// Like a zigbee2mqtt bridge it keeps a retained status topic (with `offline`
// as its last will), its retained health and visits, Home Assistant
// discovery, and takes commands on crossroads/<id|all>/cmd/<name>; here every
// command must be signed by an operator key, and packs rolled out over MQTT
// go through the USB install path. The kiosk never waits for the broker: it
// starts, runs and stops the same without one, and reconnects with backoff.

import { connect, type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BridgeMessage } from '../api/messages.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { Capability } from '../core/capability.js';
import { Subscriptions, type EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import type { FleetFacts, HealthReport } from '../health/health-report.js';
import type { PackStore } from '../packs/pack-store.js';
import { loadTrustedKeys } from '../packs/pack-signature.js';
import type { DayCounts } from '../stats/interaction-counts.js';
import { BrokerOutage } from './broker-outage.js';
import { verifyCommand, type Verified } from './command-signing.js';
import { FleetCommands, type CommandOutcome } from './fleet-commands.js';
import { kioskTopics, parseTopic, type KioskTopics } from './fleet-topics.js';
import { discoveryMessages } from './ha-discovery.js';
import { mqttClientOptions, safeUrl, sendAtOnce, type MqttSettings } from './mqtt-settings.js';
import { NonceMemory } from './nonce-memory.js';
import { DEFAULT_MAX_PACK_BYTES, PackRollout } from './pack-rollout.js';
import { ReportPublisher } from './report-publisher.js';

export interface FleetLinkOptions {
  bus: EventBus;
  log: Logger;
  kioskId: string;
  version: string;
  dataDir: string;
  mqtt: MqttSettings;
  store: Pick<PackStore, 'install' | 'rollback'>;
  /** The GET /health report (with this link's facts in it); published as it is. */
  health: () => HealthReport;
  counts: () => DayCounts;
  toPage: (message: BridgeMessage) => number;
  restartBrowser: string[] | null;
  ledCount: number;
  /** Home Assistant's discovery prefix; null publishes no discovery. */
  discoveryPrefix: string | null;
  /** The health goes out at least this often (default 60 s), and soon after it changes. */
  healthPeriodMs?: number;
  /** How often a change is looked for (default 5 s). */
  checkEveryMs?: number;
  /** The visits go out when they change, at most this often (default 30 s). */
  visitsGapMs?: number;
  maxPackBytes?: number;
  skewMs?: number;
  /** The first retry after the broker is lost (default 1 s); each next one waits twice as long, up to maxReconnectMs (default 60 s). */
  reconnectMs?: number;
  maxReconnectMs?: number;
  /** MQTT keep-alive (default 60 s): the broker publishes the last will within 1.5 of it. */
  keepaliveS?: number;
  now?: () => number;
}

/** What goes out on crossroads/<id>/cmd-result. */
export interface CommandResult extends CommandOutcome {
  id: string;
  command: string | null;
  nonce: string | null;
  signer: string | null;
  at: string;
}

export class FleetLink implements Capability {
  readonly name = 'fleet';
  readonly topics: KioskTopics;
  private client: MqttClient | null = null;
  private readonly log: Logger;
  private readonly subscriptions: Subscriptions;
  private readonly nonces = new NonceMemory();
  private readonly commands: FleetCommands;
  private readonly rollout: PackRollout;
  private readonly reports: ReportPublisher;
  private readonly outage: BrokerOutage;
  private readonly now: () => number;
  private saving: Promise<void> = Promise.resolve();
  private running: Promise<unknown> = Promise.resolve();
  /** When each kind of unsigned request was last logged. */
  private readonly requestsLogged = new Map<string, number>();

  constructor(private readonly options: FleetLinkOptions) {
    this.log = options.log.child('fleet');
    this.topics = kioskTopics(options.kioskId);
    this.now = options.now ?? Date.now;
    this.subscriptions = new Subscriptions(options.bus);
    this.commands = new FleetCommands({
      ...options,
      log: this.log,
      rollback: () => options.store.rollback(),
      publishHealth: () => this.reports.publishHealth(),
    });
    this.rollout = new PackRollout({
      log: this.log,
      dataDir: options.dataDir,
      maxBytes: options.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES,
      install: (path, signal) => options.store.install(path, undefined, signal),
      // The outcome is in the health (fleet.rollout): send it now.
      publish: () => this.reports.soon(),
    });
    this.reports = new ReportPublisher({
      healthTopic: this.topics.health,
      visitsTopic: this.topics.visits,
      health: options.health,
      counts: options.counts,
      publish: (topic, payload) => this.publish(topic, payload, true),
      now: this.now,
      healthPeriodMs: options.healthPeriodMs,
      checkEveryMs: options.checkEveryMs,
      visitsGapMs: options.visitsGapMs,
    });
    this.outage = new BrokerOutage({
      log: this.log,
      url: safeUrl(options.mqtt.url),
      kioskId: options.kioskId,
      user: options.mqtt.username,
      firstMs: options.reconnectMs ?? 1000,
      maxMs: options.maxReconnectMs ?? 60_000,
      now: this.now,
    });
  }

  /** This link's part of the health report. */
  facts(): FleetFacts {
    return { kioskId: this.options.kioskId, rollout: this.rollout.last };
  }

  private get noncesFile(): string {
    return join(this.options.dataDir, 'fleet', 'nonces.json');
  }

  /** Whether the broker link is up now. */
  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  async start(): Promise<void> {
    await mkdir(join(this.options.dataDir, 'fleet'), { recursive: true });
    this.nonces.load(await readFile(this.noncesFile, 'utf8').then((text) => JSON.parse(text) as unknown, () => null), this.now());
    await this.rollout.start();
    this.commands.start();
    const maxPack = this.options.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES;
    let clientOptions: IClientOptions;
    try {
      clientOptions = await mqttClientOptions(this.options.mqtt, {
        clientId: `crossroads-${this.options.kioskId}`,
        clean: true,
        resubscribe: false,
        reconnectPeriod: this.outage.firstMs,
        // A refused login is tried again too (with backoff): the museum may fix the account while the exhibit runs.
        reconnectOnConnackError: true,
        keepalive: this.options.keepaliveS ?? 60,
        connectTimeout: 10_000,
        will: { topic: this.topics.status, payload: Buffer.from('offline'), qos: 1, retain: true },
        // The broker drops anything far over the pack limit instead of sending it; up to there the kiosk refuses it itself, and says so.
        properties: { maximumPacketSize: maxPack + 1024 * 1024 },
      });
    } catch (error) {
      // An unreadable password file must not leave the exhibit dark: it runs, off the fleet, and says why.
      this.log.error(`not joining the fleet: ${(error as Error).message}`);
      return;
    }
    this.reports.start();
    const client = connect(this.options.mqtt.url, clientOptions);
    this.client = client;
    this.outage.attach(client);
    client.on('connect', () => this.onConnect(client));
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet));
    this.subscriptions
      .on('pack.changed', () => this.reports.soon())
      .on('panel.status', () => this.reports.soon())
      .on('page.view', () => this.reports.soon());
    this.log.info(`kiosk ${this.options.kioskId} connecting to ${safeUrl(this.options.mqtt.url)}`);
  }

  private onConnect(client: MqttClient): void {
    sendAtOnce(client);
    this.outage.connected();
    this.publish(this.topics.status, 'online', true);
    if (this.options.discoveryPrefix) {
      for (const { topic, payload } of discoveryMessages(this.options.discoveryPrefix, this.options.kioskId, this.options.version)) {
        this.publish(topic, JSON.stringify(payload), true);
      }
    }
    this.reports.publishAll();
    const { commands, commandsAll, pack, packAll, requests } = this.topics;
    client.subscribe([commands, commandsAll, pack, packAll, requests], { qos: 1 }, (error) => {
      if (error) this.log.error(`cannot subscribe to the command and pack topics: ${error.message}`);
    });
  }

  /** Publishes at QoS 1 when connected; false when offline (nothing is queued: on reconnect everything goes out afresh). */
  private publish(topic: string, payload: string, retain: boolean): boolean {
    const client = this.client;
    if (!client?.connected) return false;
    client.publish(topic, payload, { qos: 1, retain }, (error) => {
      // A message cut off by a lost connection is sent afresh on reconnect; the outage itself is logged once.
      if (error && client.connected) this.log.warn(`cannot publish on ${topic}: ${error.message}`);
    });
    return true;
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const addressed = parseTopic(topic);
    if (!addressed) return;
    if (addressed.kind === 'pack') {
      this.rollout.take(topic, payload);
      return;
    }
    if (addressed.kind === 'request') {
      this.noteRequest(addressed.name);
      return;
    }
    if (packet.retain) {
      // A retained command would run again at every reconnect of every kiosk.
      if (payload.length > 0) this.answer({ ok: false, reason: 'a retained command is refused: publish commands without retain', nonce: null, command: addressed.name });
      return;
    }
    const { addressee, name } = addressed;
    this.running = this.running.then(() => this.handleCommand(addressee, name, payload)).catch((error: unknown) => this.log.error(`command failed: ${(error as Error).message}`));
  }

  /**
   * A Home Assistant button press, or anyone with broker credentials: never
   * acted on, since broker credentials alone must not be enough. It runs
   * only once signed (`crossroads fleet relay` signs button presses).
   * Logged at most once a minute per kind, so presses cannot flood the journal.
   */
  private noteRequest(name: string): void {
    const last = this.requestsLogged.get(name);
    if (last !== undefined && this.now() - last < 60_000) return;
    this.requestsLogged.set(name, this.now());
    this.log.warn(`an unsigned request for ${JSON.stringify(name).slice(0, 40)} (a Home Assistant button?): not acted on; a kiosk acts only on commands signed by an operator key (crossroads fleet relay signs button presses)`);
  }

  private async handleCommand(addressee: string, topicName: string, payload: Buffer): Promise<void> {
    const keys = await loadTrustedKeys(join(this.options.dataDir, 'operator-keys'));
    for (const skipped of keys.skipped) this.log.warn(`operator key ${skipped}`);
    const verified = verifyCommand(payload, { keys: keys.keys, kioskId: this.options.kioskId, addressee, topicName, now: this.now(), skewMs: this.options.skewMs, nonces: this.nonces });
    if (!verified.ok) {
      this.answer(verified);
      return;
    }
    this.saveNonces();
    const { command } = verified;
    this.log.info(`command ${command.command}${command.args.length ? ' ' + command.args.join(' ') : ''} from ${verified.signer} (nonce ${command.nonce.slice(0, 8)})`);
    this.answer(verified, await this.commands.run(command));
  }

  private answer(verified: Verified, outcome?: CommandOutcome): void {
    const result: CommandResult = verified.ok
      ? { id: this.options.kioskId, command: verified.command.command, nonce: verified.command.nonce, signer: verified.signer, ...outcome!, at: new Date(this.now()).toISOString() }
      : { id: this.options.kioskId, command: verified.command, nonce: verified.nonce, signer: null, status: 'refused', message: verified.reason, at: new Date(this.now()).toISOString() };
    if (result.status !== 'done') this.log.warn(`command ${result.command ?? '(unreadable)'} ${result.status}: ${result.message}`);
    this.publish(this.topics.commandResult, JSON.stringify(result), false);
  }

  private saveNonces(): void {
    const text = JSON.stringify(this.nonces.toJSON(this.now()));
    this.saving = this.saving
      .then(() => writeFileAtomic(this.noncesFile, text, { folderSync: 'best-effort' }))
      .catch((error: Error) => this.log.warn(`cannot keep the command nonces: ${error.message}`));
  }

  async stop(): Promise<void> {
    this.reports.stop();
    this.subscriptions.release();
    await this.rollout.stop();
    await this.commands.stop();
    await this.running;
    const client = this.client;
    this.client = null;
    if (client) {
      if (client.connected) {
        // Said before leaving, so the fleet sees a clean stop at once rather than after the keep-alive.
        let giveUp: NodeJS.Timeout | undefined;
        const late = new Promise<void>((resolve) => (giveUp = setTimeout(resolve, 2000)));
        await Promise.race([client.publishAsync(this.topics.status, 'offline', { qos: 1, retain: true }).catch(() => undefined), late]);
        clearTimeout(giveUp);
      }
      await client.endAsync(!client.connected);
    }
    await this.saving;
  }
}
