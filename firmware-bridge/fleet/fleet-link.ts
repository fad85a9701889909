// The kiosk's link to the museum's fleet broker (`crossroads start --mqtt`).
// Like a zigbee2mqtt bridge it keeps a retained availability topic (with
// `offline` as its last will), a retained state, Home Assistant discovery,
// and takes commands; here every command must be signed by an operator key,
// and packs rolled out over MQTT go through the USB install path. The kiosk
// never waits for the broker: it starts, runs and stops the same without
// one, and the client reconnects on its own.

import { connect, type IClientOptions, type IPublishPacket, type MqttClient } from 'mqtt';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BridgeMessage } from '../api/messages.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import type { Capability } from '../core/capability.js';
import { Subscriptions, type EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import type { HealthReport } from '../health/health-report.js';
import type { PackStore } from '../packs/pack-store.js';
import { loadTrustedKeys } from '../packs/pack-signature.js';
import type { DayCounts } from '../stats/interaction-counts.js';
import { verifyCommand, type Verified } from './command-signing.js';
import { FleetCommands, type CommandOutcome } from './fleet-commands.js';
import { addresseeOf, kioskTopics, type KioskTopics } from './fleet-topics.js';
import { discoveryMessages } from './ha-discovery.js';
import { buildKioskState, stateKey, type KioskState } from './kiosk-state.js';
import { mqttClientOptions, safeUrl, sendAtOnce, type MqttSettings } from './mqtt-settings.js';
import { NonceMemory } from './nonce-memory.js';
import { DEFAULT_MAX_PACK_BYTES, PackRollout, type RolloutResult } from './pack-rollout.js';

export interface FleetLinkOptions {
  bus: EventBus;
  log: Logger;
  kioskId: string;
  version: string;
  dataDir: string;
  mqtt: MqttSettings;
  store: Pick<PackStore, 'install' | 'rollback'>;
  health: () => HealthReport;
  counts: () => DayCounts;
  toPage: (message: BridgeMessage) => number;
  restartBrowser: string[] | null;
  ledCount: number;
  /** Home Assistant's discovery prefix; null publishes no discovery. */
  discoveryPrefix: string | null;
  /** The state goes out at least this often (default 60 s), and at once when it changes. */
  statePeriodMs?: number;
  checkEveryMs?: number;
  maxPackBytes?: number;
  skewMs?: number;
  reconnectMs?: number;
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
  private readonly now: () => number;
  private timer: NodeJS.Timeout | null = null;
  private soon: NodeJS.Timeout | null = null;
  private lastKey = '';
  private lastStateAt = 0;
  private saving: Promise<void> = Promise.resolve();
  private running: Promise<unknown> = Promise.resolve();
  private reported = new Set<string>();

  constructor(private readonly options: FleetLinkOptions) {
    this.log = options.log.child('fleet');
    this.topics = kioskTopics(options.kioskId);
    this.now = options.now ?? Date.now;
    this.subscriptions = new Subscriptions(options.bus);
    this.commands = new FleetCommands({
      ...options,
      log: this.log,
      rollback: () => options.store.rollback(),
      publishState: () => this.publishState(),
    });
    this.rollout = new PackRollout({
      log: this.log,
      dataDir: options.dataDir,
      maxBytes: options.maxPackBytes ?? DEFAULT_MAX_PACK_BYTES,
      install: (path, signal) => options.store.install(path, undefined, signal),
      publish: (result) => this.publishRollout(result),
    });
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
        reconnectPeriod: this.options.reconnectMs ?? 5000,
        connectTimeout: 10_000,
        will: { topic: this.topics.availability, payload: Buffer.from('offline'), qos: 1, retain: true },
        // The broker drops anything far over the pack limit instead of sending it; up to there the kiosk refuses it itself, and says so.
        properties: { maximumPacketSize: maxPack + 1024 * 1024 },
      });
    } catch (error) {
      // An unreadable password file must not leave the exhibit dark: it runs, off the fleet, and says why.
      this.log.error(`not joining the fleet: ${(error as Error).message}`);
      return;
    }
    const client = connect(this.options.mqtt.url, clientOptions);
    this.client = client;
    client.on('connect', () => this.onConnect(client));
    client.on('message', (topic, payload, packet) => this.onMessage(topic, payload, packet));
    client.on('error', (error) => this.reportOnce(`error: ${error.message}`));
    client.on('offline', () => this.reportOnce(`lost the broker at ${safeUrl(this.options.mqtt.url)}; reconnecting`));
    this.subscriptions
      .on('pack.changed', () => this.checkSoon())
      .on('panel.status', () => this.checkSoon())
      .on('page.view', () => this.checkSoon());
    this.timer = setInterval(() => this.checkState(), this.options.checkEveryMs ?? 5000);
    this.log.info(`kiosk ${this.options.kioskId} connecting to ${safeUrl(this.options.mqtt.url)}`);
  }

  /** Logs a connection problem once until the link is up again, so a kiosk without its broker does not flood the journal. */
  private reportOnce(line: string): void {
    if (this.reported.has(line)) return;
    this.reported.add(line);
    this.log.warn(line);
  }

  private onConnect(client: MqttClient): void {
    sendAtOnce(client);
    this.reported.clear();
    this.log.info(`connected to ${safeUrl(this.options.mqtt.url)} as ${this.options.kioskId}`);
    this.publish(this.topics.availability, 'online', true);
    if (this.options.discoveryPrefix) {
      for (const { topic, payload } of discoveryMessages(this.options.discoveryPrefix, this.options.kioskId, this.options.version)) {
        this.publish(topic, JSON.stringify(payload), true);
      }
    }
    this.publishState();
    const { command, commandAll, pack, packAll } = this.topics;
    client.subscribe([command, commandAll, pack, packAll], { qos: 1 }, (error) => {
      if (error) this.log.error(`cannot subscribe to the command and pack topics: ${error.message}`);
    });
  }

  private publish(topic: string, payload: string, retain: boolean): void {
    const client = this.client;
    // Offline, nothing is queued: on reconnect the availability and state go out afresh.
    if (!client?.connected) return;
    client.publish(topic, payload, { qos: 1, retain }, (error) => {
      if (error) this.log.warn(`cannot publish on ${topic}: ${error.message}`);
    });
  }

  private onMessage(topic: string, payload: Buffer, packet: IPublishPacket): void {
    const addressee = addresseeOf(topic);
    if (addressee === null) return;
    if (topic.endsWith('/pack')) {
      this.rollout.take(topic, payload);
      return;
    }
    if (packet.retain) {
      // A retained command would run again at every reconnect of every kiosk.
      if (payload.length > 0) this.answer({ ok: false, reason: 'a retained command is refused: publish commands without retain', nonce: null, command: null });
      return;
    }
    this.running = this.running.then(() => this.handleCommand(addressee, payload)).catch((error: unknown) => this.log.error(`command failed: ${(error as Error).message}`));
  }

  private async handleCommand(addressee: string, payload: Buffer): Promise<void> {
    const keys = await loadTrustedKeys(join(this.options.dataDir, 'operator-keys'));
    for (const skipped of keys.skipped) this.log.warn(`operator key ${skipped}`);
    const verified = verifyCommand(payload, { keys: keys.keys, kioskId: this.options.kioskId, addressee, now: this.now(), skewMs: this.options.skewMs, nonces: this.nonces });
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

  private publishRollout(result: RolloutResult): void {
    this.publish(this.topics.rollout, JSON.stringify(result), true);
    this.checkSoon();
  }

  /** Builds the state, publishes it (when connected) and returns it. */
  publishState(): KioskState {
    const state = this.makeState();
    this.lastKey = stateKey(state);
    this.lastStateAt = this.now();
    this.publish(this.topics.state, JSON.stringify(state), true);
    return state;
  }

  private checkSoon(): void {
    if (this.soon || !this.timer) return;
    this.soon = setTimeout(() => {
      this.soon = null;
      this.checkState();
    }, 100);
  }

  /** Publishes the state when it changed, or when the period is up. */
  private checkState(): void {
    if (!this.client?.connected) return;
    const due = this.now() - this.lastStateAt >= (this.options.statePeriodMs ?? 60_000);
    if (due || stateKey(this.makeState()) !== this.lastKey) this.publishState();
  }

  private makeState(): KioskState {
    return buildKioskState({
      id: this.options.kioskId,
      version: this.options.version,
      health: this.options.health(),
      view: this.options.bus.latest('page.view'),
      counts: this.options.counts(),
      now: new Date(this.now()),
    });
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.soon) clearTimeout(this.soon);
    this.timer = this.soon = null;
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
        await Promise.race([client.publishAsync(this.topics.availability, 'offline', { qos: 1, retain: true }).catch(() => undefined), late]);
        clearTimeout(giveUp);
      }
      await client.endAsync(!client.connected);
    }
    await this.saving;
  }
}
