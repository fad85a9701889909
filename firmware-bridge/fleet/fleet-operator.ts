// The operator's side of the fleet, behind `crossroads fleet`: sign and send
// a command and gather the answers, publish (or withdraw) a retained pack
// roll-out and gather what each kiosk did with it (from its health), and
// read the fleet's retained status, health and visits. Waits end when every
// kiosk that was online has answered, or at the deadline.

import { createHash } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import type { HealthReport } from '../health/health-report.js';
import { newNonce, signCommand, type CommandName } from './command-signing.js';
import type { CommandResult } from './fleet-link.js';
import { ALL, BASE_TOPIC, commandTopic, kioskOf } from './fleet-topics.js';
import type { VisitsReport } from './kiosk-reports.js';
import { mqttClientOptions, sendAtOnce, type MqttSettings } from './mqtt-settings.js';
import type { RolloutResult } from './pack-rollout.js';

export interface KioskSeen {
  id: string;
  /** `online` or `offline`, as the kiosk (or its last will) said. */
  status: string | null;
  health: HealthReport | null;
  visits: VisitsReport | null;
}

/** The leaves of crossroads/<id>/ that make up what the fleet shows. */
export const SEEN_LEAVES = ['status', 'health', 'visits'] as const;

/** Connects as the operator; `reconnect` for the long-running tools (status --watch, relay), which resubscribe on their own. */
export async function openOperator(settings: MqttSettings, reconnect = false): Promise<MqttClient> {
  const options = await mqttClientOptions(settings, { clientId: `crossroads-operator-${newNonce().slice(0, 8)}`, clean: true, reconnectPeriod: reconnect ? 5000 : 0, connectTimeout: 10_000 });
  const client = await connectAsync(settings.url, options);
  sendAtOnce(client);
  client.on('connect', () => sendAtOnce(client));
  // Errors are reported through the operation that is waiting (publishOrFail); without a listener one would crash the command.
  client.on('error', () => {});
  return client;
}

/**
 * Publishes at QoS 1 and waits for the broker's acknowledgement, failing on
 * a client error or a closed connection meanwhile: Mosquitto answers a
 * message over its message_size_limit with a reason code the client rejects
 * as an error, and the publish itself would then never finish.
 */
function publishOrFail(client: MqttClient, topic: string, payload: string | Buffer, retain: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error): void => settle(error);
    const onClose = (): void => settle(new Error('the broker closed the connection'));
    const settle = (error?: Error | null): void => {
      client.off('error', onError);
      client.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.publish(topic, payload, { qos: 1, retain }, (error) => settle(error));
  });
}

/**
 * Subscribes and returns once the broker has sent the retained messages of
 * those topics: it handles subscriptions in order, so once a second,
 * private subscription is acknowledged, the first one's retained messages
 * are already here.
 */
async function subscribeSettled(client: MqttClient, topics: string[]): Promise<void> {
  await client.subscribeAsync(topics, { qos: 1 });
  const marker = `${BASE_TOPIC}/operator/settle-${newNonce()}`;
  await client.subscribeAsync(marker, { qos: 0 });
  await client.unsubscribeAsync(marker);
}

function parse<T>(payload: Buffer): T | null {
  try {
    return JSON.parse(payload.toString('utf8')) as T;
  } catch {
    return null;
  }
}

/** Folds one message into the fleet view; returns the kiosk id it was about, or null. */
export function takeSeen(kiosks: Map<string, KioskSeen>, topic: string, payload: Buffer): string | null {
  for (const leaf of SEEN_LEAVES) {
    const id = kioskOf(topic, leaf);
    if (!id) continue;
    let seen = kiosks.get(id);
    if (!seen) kiosks.set(id, (seen = { id, status: null, health: null, visits: null }));
    if (payload.length === 0) seen[leaf] = null;
    else if (leaf === 'status') seen.status = payload.toString('utf8');
    else if (leaf === 'health') seen.health = parse<HealthReport>(payload);
    else seen.visits = parse<VisitsReport>(payload);
    return id;
  }
  return null;
}

export const SEEN_TOPICS = SEEN_LEAVES.map((leaf) => `${BASE_TOPIC}/+/${leaf}`);

/** The retained view of every kiosk the broker knows. */
export async function readFleet(client: MqttClient): Promise<Map<string, KioskSeen>> {
  const kiosks = new Map<string, KioskSeen>();
  const onMessage = (topic: string, payload: Buffer): void => void takeSeen(kiosks, topic, payload);
  client.on('message', onMessage);
  try {
    await subscribeSettled(client, SEEN_TOPICS);
    await client.unsubscribeAsync(SEEN_TOPICS);
  } finally {
    client.off('message', onMessage);
  }
  return kiosks;
}

/** Kiosks a message to `target` should reach: the one named, or every kiosk online now. */
async function expectedFor(client: MqttClient, target: string): Promise<Set<string>> {
  if (target !== ALL) return new Set([target]);
  const fleet = await readFleet(client);
  return new Set([...fleet.values()].filter((k) => k.status === 'online').map((k) => k.id));
}

export interface Gathered<T> {
  /** Answers by kiosk id. */
  answers: Map<string, T>;
  /** Kiosks expected to answer that did not in time. */
  missing: string[];
}

/** Listens on crossroads/+/<leaf> for answers that `pick` finds, until every expected kiosk gave one or the time is up. */
async function gather<T>(client: MqttClient, leaf: string, expected: Set<string>, waitMs: number, pick: (payload: Buffer) => T | null, send: () => Promise<void>): Promise<Gathered<T>> {
  const answers = new Map<string, T>();
  let finish: () => void = () => {};
  const complete = new Promise<void>((resolve) => (finish = resolve));
  const onMessage = (topic: string, payload: Buffer): void => {
    const id = kioskOf(topic, leaf);
    const answer = id ? pick(payload) : null;
    if (!id || !answer) return;
    answers.set(id, answer);
    if ([...expected].every((e) => answers.has(e))) finish();
  };
  client.on('message', onMessage);
  const timer = setTimeout(finish, waitMs);
  try {
    await client.subscribeAsync(`${BASE_TOPIC}/+/${leaf}`, { qos: 1 });
    await send();
    if (expected.size > 0 || waitMs > 0) await complete;
  } finally {
    clearTimeout(timer);
    client.off('message', onMessage);
  }
  return { answers, missing: [...expected].filter((id) => !answers.has(id)).sort() };
}

export interface SendRequest {
  target: string;
  command: CommandName;
  args: string[];
  privatePem: string;
  waitMs: number;
  now?: () => number;
}

export async function sendCommand(client: MqttClient, request: SendRequest): Promise<Gathered<CommandResult>> {
  const expected = await expectedFor(client, request.target);
  const nonce = newNonce();
  const issuedAt = new Date((request.now ?? Date.now)()).toISOString();
  const message = signCommand({ command: request.command, args: request.args, target: request.target, issuedAt, nonce }, request.privatePem);
  const pick = (payload: Buffer): CommandResult | null => {
    const result = parse<CommandResult>(payload);
    return result?.nonce === nonce ? result : null;
  };
  return gather(client, 'cmd-result', expected, request.waitMs, pick, async () => {
    await publishOrFail(client, commandTopic(request.target, request.command), message, false);
  });
}

export interface RolloutRequest {
  target: string;
  /** The pack zip; empty withdraws the roll-out. */
  zip: Buffer;
  waitMs: number;
}

export async function publishRollout(client: MqttClient, request: RolloutRequest): Promise<Gathered<RolloutResult> & { sha256: string }> {
  const sha256 = createHash('sha256').update(request.zip).digest('hex');
  const topic = `${BASE_TOPIC}/${request.target}/pack`;
  if (request.zip.length === 0) {
    await publishOrFail(client, topic, Buffer.alloc(0), true);
    return { answers: new Map(), missing: [], sha256 };
  }
  const expected = await expectedFor(client, request.target);
  // Each kiosk says what it did in its health; its retained health from before names another pack.
  const pick = (payload: Buffer): RolloutResult | null => {
    const rollout = parse<HealthReport>(payload)?.fleet?.rollout;
    return rollout?.sha256 === sha256 ? rollout : null;
  };
  const gathered = await gather(client, 'health', expected, request.waitMs, pick, async () => {
    await publishOrFail(client, topic, request.zip, true);
  });
  return { ...gathered, sha256 };
}
