// `crossroads fleet send|publish|status|relay|acl`: the operator's tools for
// a museum's kiosks over its MQTT broker. Commands are signed here with the
// operator's private key (from `crossroads keygen`); each kiosk obeys only
// keys in its DATA/operator-keys/.

import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { MqttClient } from 'mqtt';
import { brokerAcl } from '../fleet/broker-acl.js';
import { COMMANDS, type CommandName } from '../fleet/command-signing.js';
import { openOperator, publishRollout, readFleet, SEEN_TOPICS, sendCommand, takeSeen, type Gathered, type KioskSeen } from '../fleet/fleet-operator.js';
import { startRelay } from '../fleet/fleet-relay.js';
import { fleetTable } from '../fleet/fleet-table.js';
import { ALL, kioskIdProblem } from '../fleet/fleet-topics.js';
import { BUTTON_COMMANDS } from '../fleet/ha-discovery.js';
import { DEFAULT_MAX_PACK_BYTES } from '../fleet/pack-rollout.js';
import { safeUrl, type MqttSettings } from '../fleet/mqtt-settings.js';
import { formatBytes } from '../packs/pack-problem.js';
import { UsageError, type CliIo } from './cli-io.js';

export const FLEET_USAGE = `usage:
  crossroads fleet send ID|all COMMAND [ARGS...] --key FILE --mqtt URL [--wait SECONDS]
      COMMAND: identify [SECONDS] | restart-browser | rollback | mode attract|class|maintenance-off | status
  crossroads fleet publish PACK.zip [--to ID|all] --mqtt URL [--wait SECONDS]   (also: rollout)
  crossroads fleet publish --clear [--to ID|all] --mqtt URL
  crossroads fleet status --mqtt URL [--watch] [--json]
  crossroads fleet relay --key FILE --mqtt URL [--allow identify,restart-browser]
  crossroads fleet acl [--operator NAME] [--home-assistant NAME] [--discovery PREFIX]
  broker options: --mqtt-user NAME --mqtt-password-file FILE --mqtt-ca FILE`;

const OPTIONS = {
  mqtt: { type: 'string' },
  'mqtt-user': { type: 'string' },
  'mqtt-password-file': { type: 'string' },
  'mqtt-ca': { type: 'string' },
  key: { type: 'string' },
  wait: { type: 'string' },
  to: { type: 'string' },
  clear: { type: 'boolean' },
  json: { type: 'boolean' },
  watch: { type: 'boolean' },
  allow: { type: 'string' },
  operator: { type: 'string' },
  'home-assistant': { type: 'string' },
  discovery: { type: 'string' },
} as const;

type Values = ReturnType<typeof parse>['values'];

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function settings(values: Values): MqttSettings {
  if (!values.mqtt) throw new UsageError('--mqtt URL is required (e.g. mqtt://broker.local:1883)');
  return { url: values.mqtt, username: values['mqtt-user'], passwordFile: values['mqtt-password-file'], caFile: values['mqtt-ca'] };
}

function waitMs(values: Values, fallbackS: number): number {
  const seconds = values.wait === undefined ? fallbackS : Number(values.wait);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) throw new UsageError('--wait must be 0-3600 seconds');
  return seconds * 1000;
}

function target(id: string | undefined): string {
  if (!id) throw new UsageError('which kiosk? give a kiosk id or all');
  const problem = id === ALL ? null : kioskIdProblem(id);
  if (problem) throw new UsageError(problem);
  return id;
}

async function withBroker<T>(values: Values, io: CliIo, task: (client: MqttClient) => Promise<T>, reconnect = false): Promise<T> {
  const mqtt = settings(values);
  let client: MqttClient;
  try {
    client = await openOperator(mqtt, reconnect);
  } catch (error) {
    throw new Error(`cannot reach the broker at ${safeUrl(mqtt.url)}: ${(error as Error).message}`);
  }
  try {
    return await task(client);
  } finally {
    await client.endAsync().catch((error: Error) => io.stderr.write(`closing the broker connection: ${error.message}\n`));
  }
}

function report<T>(io: CliIo, gathered: Gathered<T>, line: (id: string, answer: T) => string, ok: (answer: T) => boolean): number {
  for (const [id, answer] of [...gathered.answers].sort(([a], [b]) => (a < b ? -1 : 1))) io.stdout.write(line(id, answer) + '\n');
  for (const id of gathered.missing) io.stdout.write(`${id}: no answer\n`);
  if (gathered.answers.size === 0 && gathered.missing.length === 0) io.stdout.write('no kiosk is online and none answered\n');
  return gathered.answers.size > 0 && gathered.missing.length === 0 && [...gathered.answers.values()].every(ok) ? 0 : 1;
}

/** Resolves on SIGINT or SIGTERM, or when the caller's signal aborts. */
function untilStopped(io: CliIo): Promise<void> {
  return new Promise((resolve) => {
    const finish = (): void => {
      process.off('SIGINT', finish);
      process.off('SIGTERM', finish);
      io.signal?.removeEventListener('abort', finish);
      resolve();
    };
    process.on('SIGINT', finish);
    process.on('SIGTERM', finish);
    if (io.signal?.aborted) finish();
    else io.signal?.addEventListener('abort', finish);
  });
}

async function privateKey(values: Values): Promise<string> {
  if (!values.key) throw new UsageError('--key FILE (the operator private key) is required');
  return readFile(values.key, 'utf8').catch((error: Error) => {
    throw new Error(`cannot read the key ${values.key}: ${error.message}`);
  });
}

async function send(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  const [id, name, ...commandArgs] = positionals;
  const to = target(id);
  if (!name || !(COMMANDS as readonly string[]).includes(name)) throw new UsageError(`which command? one of ${COMMANDS.join(', ')}`);
  const privatePem = await privateKey(values);
  const wait = waitMs(values, 10);
  const gathered = await withBroker(values, io, (client) => sendCommand(client, { target: to, command: name as CommandName, args: commandArgs, privatePem, waitMs: wait }));
  return report(io, gathered, (kiosk, r) => `${kiosk}: ${r.status}: ${r.message}`, (r) => r.status === 'done');
}

async function publish(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  const to = target(values.to ?? ALL);
  if (values.clear) {
    if (positionals.length > 0) throw new UsageError('--clear takes no pack');
    await withBroker(values, io, (client) => publishRollout(client, { target: to, zip: Buffer.alloc(0), waitMs: 0 }));
    io.stdout.write(`withdrew the roll-out for ${to}; installed packs stay\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give one pack .zip (built with crossroads pack build)');
  const zip = await readFile(positionals[0]!);
  if (zip.length > DEFAULT_MAX_PACK_BYTES) {
    io.stderr.write(`${positionals[0]} is ${formatBytes(zip.length)}; kiosks take packs over MQTT up to ${formatBytes(DEFAULT_MAX_PACK_BYTES)} (use a USB stick)\n`);
    return 1;
  }
  const wait = waitMs(values, 60);
  const gathered = await withBroker(values, io, (client) =>
    publishRollout(client, { target: to, zip, waitMs: wait }).catch((error: Error) => {
      throw new Error(`the broker did not take the pack (${error.message}); is it over the broker's message_size_limit?`);
    }),
  );
  io.stdout.write(`rolled out ${positionals[0]} (${formatBytes(zip.length)}, sha256 ${gathered.sha256.slice(0, 12)}) to ${to}, retained\n`);
  return report(
    io,
    gathered,
    (kiosk, r) => `${kiosk}: ${r.status}${r.pack ? ` ${r.pack.id} ${r.pack.version}` : ''}${r.problems.length ? `: ${r.problems.join('; ')}` : ''}`,
    (r) => r.status !== 'refused',
  );
}

async function status(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length > 0) throw new UsageError('status takes no arguments');
  if (values.watch) return withBroker(values, io, (client) => watch(client, io, values.json === true), true);
  const fleet = await withBroker(values, io, (client) => readFleet(client));
  const kiosks = [...fleet.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
  io.stdout.write(values.json ? JSON.stringify(kiosks, null, 2) + '\n' : fleetTable(kiosks, Date.now()));
  return 0;
}

/** Keeps the table live: redrawn on every change (a burst at most every 200 ms) and every 5 s for LAST SEEN, until stopped. */
async function watch(client: MqttClient, io: CliIo, json: boolean): Promise<number> {
  const kiosks = new Map<string, KioskSeen>();
  const tty = (io.stdout as { isTTY?: boolean }).isTTY === true;
  let pending: NodeJS.Timeout | null = null;
  const draw = (): void => {
    pending = null;
    if (json) io.stdout.write(JSON.stringify([...kiosks.values()]) + '\n');
    else io.stdout.write((tty ? '\x1b[H\x1b[J' : '\n') + `${new Date().toLocaleTimeString()}\n` + fleetTable(kiosks.values(), Date.now()));
  };
  const onMessage = (topic: string, payload: Buffer): void => {
    if (takeSeen(kiosks, topic, payload) !== null) pending ??= setTimeout(draw, 200);
  };
  client.on('message', onMessage);
  client.on('offline', () => io.stderr.write('lost the broker; reconnecting\n'));
  await client.subscribeAsync(SEEN_TOPICS, { qos: 1 });
  const every = json ? null : setInterval(() => (pending ??= setTimeout(draw, 0)), 5000);
  pending = setTimeout(draw, 500);
  await untilStopped(io);
  if (every) clearInterval(every);
  if (pending) clearTimeout(pending);
  client.off('message', onMessage);
  return 0;
}

async function relay(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length > 0) throw new UsageError('relay takes no arguments');
  const allow = values.allow === undefined ? [...BUTTON_COMMANDS] : values.allow.split(',').filter(Boolean);
  const unknown = allow.find((name) => !(BUTTON_COMMANDS as readonly string[]).includes(name));
  if (unknown) throw new UsageError(`--allow: the relay signs only ${BUTTON_COMMANDS.join(', ')}, not ${unknown}`);
  const privatePem = await privateKey(values);
  return withBroker(
    values,
    io,
    async (client) => {
      const log = (line: string): void => void io.stdout.write(`${new Date().toISOString()} ${line}\n`);
      client.on('offline', () => log('lost the broker; reconnecting'));
      const running = await startRelay(client, { privatePem, log, allow: allow as CommandName[] });
      log(`signing ${allow.join(' and ')} requests from Home Assistant buttons`);
      await untilStopped(io);
      await running.stop();
      return 0;
    },
    true,
  );
}

async function acl(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args);
  if (positionals.length > 0) throw new UsageError('acl takes no arguments');
  io.stdout.write(brokerAcl({ operator: values.operator, homeAssistant: values['home-assistant'], discoveryPrefix: values.discovery }));
  return 0;
}

// `rollout` is the earlier name of `publish`.
const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = { send, publish, rollout: publish, status, relay, acl };

export async function run(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const sub = name ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    io.stderr.write(`crossroads fleet: ${name ? `unknown subcommand '${name}'` : 'which one?'}\n${FLEET_USAGE}\n`);
    return 2;
  }
  try {
    return await sub(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`crossroads fleet ${name}: ${error.message}\n${FLEET_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
