// The signing relay behind Home Assistant's buttons (`crossroads fleet
// relay`). A button publishes an unsigned request on
// crossroads/<id>/request/<name>, which kiosks never act on; this process,
// run by the museum where its operator key lives, signs the harmless ones
// (identify, restart-browser; never rollback, mode or packs) for the one kiosk
// named, at most once per kiosk and command every few seconds, and logs each
// with the kiosk's answer. Kiosks obey it only if its public key is in their
// DATA/operator-keys/, so the museum decides, per kiosk, that a button
// press may act.

import type { MqttClient } from 'mqtt';
import { newNonce, signCommand, type CommandName } from './command-signing.js';
import type { CommandResult } from './fleet-link.js';
import { BASE_TOPIC, commandTopic, kioskIdProblem, kioskOf, parseTopic } from './fleet-topics.js';
import { BUTTON_COMMANDS, PRESS } from './ha-discovery.js';

export interface RelayOptions {
  privatePem: string;
  log: (line: string) => void;
  /** Commands it signs; default identify and restart-browser. */
  allow?: readonly CommandName[];
  /** Per kiosk and command, presses closer together than this are dropped. */
  minGapMs?: number;
  now?: () => number;
}

export interface Relay {
  /** How many requests it signed and sent. */
  readonly sent: number;
  stop(): Promise<void>;
}

const REQUESTS = `${BASE_TOPIC}/+/request/+`;
const RESULTS = `${BASE_TOPIC}/+/cmd-result`;

export async function startRelay(client: MqttClient, options: RelayOptions): Promise<Relay> {
  const allow: readonly string[] = options.allow ?? BUTTON_COMMANDS;
  const now = options.now ?? Date.now;
  const lastSent = new Map<string, number>();
  /** nonce -> what it was, until the kiosk answers (bounded: answers can be lost). */
  const pending = new Map<string, string>();
  let sent = 0;

  const onRequest = (id: string, name: string, payload: Buffer): void => {
    if (kioskIdProblem(id) !== null) return options.log(`ignored a request for ${name} to ${id}: a button asks one kiosk`);
    if (!allow.includes(name)) return options.log(`${id}: refused to sign ${name}: the relay signs only ${allow.join(', ')}`);
    if (payload.toString('utf8') !== PRESS) return options.log(`${id}: ignored a ${name} request whose payload is not ${PRESS}`);
    const key = `${id}/${name}`;
    const last = lastSent.get(key);
    if (last !== undefined && now() - last < (options.minGapMs ?? 5000)) return;
    lastSent.set(key, now());
    const nonce = newNonce();
    const text = signCommand({ command: name as CommandName, args: [], target: id, issuedAt: new Date(now()).toISOString(), nonce }, options.privatePem);
    if (pending.size >= 1000) pending.delete(pending.keys().next().value!);
    pending.set(nonce, `${id}: ${name}`);
    sent++;
    options.log(`${id}: ${name} asked by a button; signed and sent`);
    client.publish(commandTopic(id, name), text, { qos: 1 }, (error) => {
      if (error) options.log(`${id}: could not send ${name}: ${error.message}`);
    });
  };

  const onMessage = (topic: string, payload: Buffer, packet: { retain: boolean }): void => {
    const request = parseTopic(topic);
    if (request?.kind === 'request') {
      // A retained request is an old press the broker kept: never replayed.
      if (!packet.retain && payload.length > 0) onRequest(request.addressee, request.name, payload);
      return;
    }
    if (!kioskOf(topic, 'cmd-result')) return;
    let result: CommandResult;
    try {
      result = JSON.parse(payload.toString('utf8')) as CommandResult;
    } catch {
      return;
    }
    const what = result.nonce ? pending.get(result.nonce) : undefined;
    if (!what) return;
    pending.delete(result.nonce!);
    options.log(`${what}: ${result.status}: ${result.message}`);
  };

  client.on('message', onMessage);
  await client.subscribeAsync([REQUESTS, RESULTS], { qos: 1 });
  return {
    get sent() {
      return sent;
    },
    async stop() {
      client.off('message', onMessage);
      await client.unsubscribeAsync([REQUESTS, RESULTS]).catch(() => undefined);
    },
  };
}
