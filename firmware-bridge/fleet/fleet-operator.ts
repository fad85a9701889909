// The operator's side of the fleet, behind `crossroads fleet`: sign and send
// a command and gather the answers, publish (or withdraw) a retained pack
// roll-out and gather what each kiosk did with it, and read the fleet's
// retained state. Waits end when every kiosk that was online has answered,
// or at the deadline.

import { createHash } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { newNonce, signCommand, type CommandName } from './command-signing.js';
import type { CommandResult } from './fleet-link.js';
import { ALL, BASE_TOPIC, kioskOf } from './fleet-topics.js';
import type { KioskState } from './kiosk-state.js';
import { mqttClientOptions, sendAtOnce, type MqttSettings } from './mqtt-settings.js';
import type { RolloutResult } from './pack-rollout.js';

export interface KioskSeen {
  id: string;
  availability: string | null;
  state: KioskState | null;
  rollout: RolloutResult | null;
}

export async function openOperator(settings: MqttSettings): Promise<MqttClient> {
  const options = await mqttClientOptions(settings, { clientId: `crossroads-operator-${newNonce().slice(0, 8)}`, clean: true, reconnectPeriod: 0, connectTimeout: 10_000 });
  const client = await connectAsync(settings.url, options);
  sendAtOnce(client);
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

/** The retained view of every kiosk the broker knows. */
export async function readFleet(client: MqttClient): Promise<Map<string, KioskSeen>> {
  const kiosks = new Map<string, KioskSeen>();
  const entry = (id: string): KioskSeen => {
    let seen = kiosks.get(id);
    if (!seen) kiosks.set(id, (seen = { id, availability: null, state: null, rollout: null }));
    return seen;
  };
  const onMessage = (topic: string, payload: Buffer): void => {
    if (payload.length === 0) return;
    const online = kioskOf(topic, 'availability');
    if (online) entry(online).availability = payload.toString('utf8');
    const state = kioskOf(topic, 'state');
    if (state) entry(state).state = parse<KioskState>(payload);
    const rollout = kioskOf(topic, 'rollout');
    if (rollout) entry(rollout).rollout = parse<RolloutResult>(payload);
  };
  client.on('message', onMessage);
  try {
    const topics = ['availability', 'state', 'rollout'].map((leaf) => `${BASE_TOPIC}/+/${leaf}`);
    await subscribeSettled(client, topics);
    await client.unsubscribeAsync(topics);
  } finally {
    client.off('message', onMessage);
  }
  return kiosks;
}

/** Kiosks a message to `target` should reach: the one named, or every kiosk online now. */
async function expectedFor(client: MqttClient, target: string): Promise<Set<string>> {
  if (target !== ALL) return new Set([target]);
  const fleet = await readFleet(client);
  return new Set([...fleet.values()].filter((k) => k.availability === 'online').map((k) => k.id));
}

export interface Gathered<T> {
  /** Answers by kiosk id. */
  answers: Map<string, T>;
  /** Kiosks expected to answer that did not in time. */
  missing: string[];
}

/** Listens on crossroads/+/<leaf> for answers that `match`, until every expected kiosk gave one or the time is up. */
async function gather<T>(client: MqttClient, leaf: string, expected: Set<string>, waitMs: number, match: (answer: T) => boolean, send: () => Promise<void>): Promise<Gathered<T>> {
  const answers = new Map<string, T>();
  let finish: () => void = () => {};
  const complete = new Promise<void>((resolve) => (finish = resolve));
  const onMessage = (topic: string, payload: Buffer): void => {
    const id = kioskOf(topic, leaf);
    const answer = id ? parse<T>(payload) : null;
    if (!id || !answer || !match(answer)) return;
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
  return gather<CommandResult>(client, 'cmd-result', expected, request.waitMs, (r) => r.nonce === nonce, async () => {
    await publishOrFail(client, `${BASE_TOPIC}/${request.target}/cmd`, message, false);
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
  const gathered = await gather<RolloutResult>(client, 'rollout', expected, request.waitMs, (r) => r.sha256 === sha256, async () => {
    await publishOrFail(client, topic, request.zip, true);
  });
  return { ...gathered, sha256 };
}
