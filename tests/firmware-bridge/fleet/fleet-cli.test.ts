// `crossroads start --mqtt ...` as a real child process against a real
// Mosquitto, driven by `crossroads fleet`: it comes online under its kiosk
// id with its GET /health on crossroads/<id>/health, obeys signed commands
// (a page connected over its WebSocket sees the identify message), takes a
// pack published with `crossroads fleet publish`, runs on when the broker
// refuses its password, and when it is killed outright the broker publishes
// its last will: offline, which `crossroads fleet status --watch` shows.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { main } from '../../../firmware-bridge/cli/main.js';
import { projectPaths } from '../../../firmware-bridge/core/project-paths.js';
import { buildZip } from '../packs/helpers/pack-world.js';
import { waitUntil } from '../helpers/wait.js';
import { recordTopics, startFleetWorld, type FleetWorld } from './helpers/fleet-world.js';

const CLI = join(projectPaths().root, 'firmware-bridge', 'cli', 'run.ts');
const ID = 'cli-1';

let world: FleetWorld;
let bridge: ChildProcessWithoutNullStreams;
let output: () => string = () => '';
let url = '';
let data: string;
let marker: string;
let status: { topic: string; text: string; retain: boolean }[];
const children: ChildProcessWithoutNullStreams[] = [];

/** Runs `crossroads ARGS` in this process; `live` sees the output as it comes, and `signal` stops a command that runs until stopped. */
function cliRun(args: string[], signal?: AbortSignal): { live: { stdout: string; stderr: string }; done: Promise<{ code: number; stdout: string; stderr: string }> } {
  const out = new PassThrough();
  const err = new PassThrough();
  const live = { stdout: '', stderr: '' };
  out.on('data', (chunk: Buffer) => (live.stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (live.stderr += chunk.toString()));
  return { live, done: main(args, { stdout: out, stderr: err, signal }).then((code) => ({ code, ...live })) };
}

const cli = (args: string[]) => cliRun(args).done;

/** `crossroads start` as a child process; resolves with it and its page URL once it serves. */
async function startBridge(args: string[]): Promise<{ child: ChildProcessWithoutNullStreams; url: string; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'start', '--port', '0', '--serial', 'none', ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(child);
  let text = '';
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text += chunk.toString()));
  await waitUntil(() => /open (http:\/\/\S+)/.test(text) || child.exitCode !== null, () => `the bridge to start; it printed:\n${text}`, 30_000);
  return { child, url: text.match(/open (http:\/\/\S+)/)![1]!.replace(/\/$/, ''), output: () => text };
}

const broker = (): string[] => ['--mqtt', world.broker.url, '--mqtt-user', 'operator', '--mqtt-password-file', world.broker.passwordFile('operator')];

beforeAll(async () => {
  world = await startFleetWorld({ kioskIds: [ID] });
  data = join(world.root, ID);
  await mkdir(join(data, 'operator-keys'), { recursive: true });
  await mkdir(join(data, 'trusted-keys'), { recursive: true });
  await writeFile(join(data, 'operator-keys', 'operator.pub'), world.operator.publicPem);
  await writeFile(join(data, 'trusted-keys', 'publisher.pub'), world.publisher.publicPem);
  const script = join(world.root, 'restart-browser');
  marker = join(world.root, 'restarted.txt');
  await writeFile(script, '#!/bin/sh\necho restarted >> "$1"\n');
  chmodSync(script, 0o755);
  status = await recordTopics(await world.client(), `crossroads/${ID}/status`);
  const started = await startBridge(['--data', data, '--media', join(world.root, 'media'), '--mqtt', world.broker.url, '--kiosk-id', ID, '--mqtt-password-file', world.broker.passwordFile(ID), '--restart-browser', `${script} ${marker}`]);
  ({ child: bridge, url } = started);
  output = started.output;
}, 60_000);

afterAll(async () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    }
  }
  await world?.stop();
});

describe('crossroads start --mqtt and crossroads fleet', () => {
  it('comes online under its kiosk id with its GET /health on MQTT, and fleet status shows it', async () => {
    await waitUntil(() => status.at(-1)?.text === 'online', () => `online; saw ${JSON.stringify(status)}; bridge printed:\n${output()}`, 15_000);
    await waitUntil(() => output().includes(`connected to ${world.broker.url} as ${ID}`), () => `the connect line; bridge printed:\n${output()}`);
    const table = await cli(['fleet', 'status', ...broker()]);
    expect(table.code, table.stderr).toBe(0);
    const [head, row] = table.stdout.trimEnd().split('\n').map((line) => line.split(/ {2,}/));
    expect(head).toEqual(['KIOSK', 'ONLINE', 'PACK', 'BOARD', 'VISITS TODAY', 'PROBLEMS', 'LAST ROLL-OUT', 'LAST SEEN']);
    // --serial none: no panel, so the kiosk says so.
    expect(row).toEqual([ID, 'yes', expect.stringMatching(/^caspian-\S+ \S+$/), 'not connected', '0', 'control panel not connected', '-', expect.stringMatching(/^\d+ s ago$/)]);
    const local = (await (await fetch(`${url}/health`)).json()) as Record<string, unknown>;
    const json = JSON.parse((await cli(['fleet', 'status', '--json', ...broker()])).stdout) as { id: string; health: Record<string, unknown> }[];
    const remote = json.find((k) => k.id === ID)!.health;
    expect(Object.keys(remote).sort()).toEqual(Object.keys(local).sort());
    expect(remote).toMatchObject({ fleet: { kioskId: ID, rollout: null }, pack: local.pack, controller: { connected: false } });
  });

  it('identify reaches a page connected to the bridge; mode fails with no page; restart-browser runs the command', async () => {
    const page = new WebSocket(`${url.replace('http', 'ws')}/ws`, { origin: url });
    const received: { type: string }[] = [];
    page.on('message', (data) => received.push(JSON.parse(data.toString()) as { type: string }));
    await waitUntil(() => received.some((m) => m.type === 'hello'), 'the hello');
    const identify = await cli(['fleet', 'send', ID, 'identify', '--key', world.operatorKeyFile, ...broker()]);
    expect(identify.stdout + identify.stderr).not.toContain('no answer');
    expect(identify.code, identify.stdout + identify.stderr).toBe(0);
    expect(identify.stdout).toBe(`${ID}: done: blinking the panel LEDs for 10 s; the id is on 1 page(s)\n`);
    await waitUntil(() => received.some((m) => m.type === 'identify'), 'the identify message');
    expect(received.find((m) => m.type === 'identify')).toEqual({ type: 'identify', kioskId: ID, seconds: 10 });
    const closed = new Promise((resolve) => page.once('close', resolve));
    page.close();
    await closed;
    let clients = -1;
    const health = (): void => void fetch(`${url}/health`).then(async (r) => (clients = ((await r.json()) as { page: { clients: number } }).page.clients));
    await waitUntil(() => (health(), clients === 0), () => `the page to be gone from /health; clients ${clients}`, 10_000, 100);
    const mode = await cli(['fleet', 'send', ID, 'mode', 'class', '--key', world.operatorKeyFile, ...broker()]);
    expect(mode).toMatchObject({ code: 1, stdout: `${ID}: failed: no page is connected to this kiosk\n` });

    const restart = await cli(['fleet', 'send', ID, 'restart-browser', '--key', world.operatorKeyFile, ...broker()]);
    expect(restart.code, restart.stdout).toBe(0);
    expect(readFileSync(marker, 'utf8')).toBe('restarted\n');
  });

  it('exits 1 naming the reason when a kiosk refuses, and 2 on usage mistakes', async () => {
    const stranger = join(world.root, 'stranger');
    expect((await cli(['keygen', '-o', stranger])).code).toBe(0);
    const refused = await cli(['fleet', 'send', ID, 'status', '--key', `${stranger}.key`, ...broker()]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe(`${ID}: refused: not signed by an operator key of this kiosk\n`);
    expect((await cli(['fleet', 'send', ID, 'reboot', '--key', world.operatorKeyFile, ...broker()])).code).toBe(2);
    expect((await cli(['fleet', 'send', ID, 'status', ...broker()])).code).toBe(2);
    expect((await cli(['fleet', 'send', 'Bad/Id', 'status', '--key', world.operatorKeyFile, ...broker()])).code).toBe(2);
    expect((await cli(['start', '--kiosk-id', 'x'])).stderr).toContain('--kiosk-id needs --mqtt URL');
    expect((await cli(['start', '--mqtt', 'http://broker'])).code).toBe(2);
    const badLogin = await cli(['fleet', 'status', '--mqtt', world.broker.url, '--mqtt-user', 'operator', '--mqtt-password-file', world.broker.passwordFile(ID)]);
    expect(badLogin.code).toBe(1);
    expect(badLogin.stderr).toMatch(/cannot reach the broker at mqtt:\/\/127\.0\.0\.1:\d+: .*(Not authorized|Bad User Name or Password)/i);
  });

  it('takes a pack published with crossroads fleet publish, and reports it in its health', async () => {
    const zip = await buildZip({ root: world.root, keys: world.publisher } as never, { id: 'fleet-pack', version: '1.0.0' });
    const rolled = await cli(['fleet', 'publish', zip, '--to', ID, ...broker()]);
    expect(rolled.code, rolled.stdout + rolled.stderr).toBe(0);
    expect(rolled.stdout).toMatch(new RegExp(`^${ID}: installed fleet-pack 1\\.0\\.0$`, 'm'));
    const health = (await (await fetch(`${url}/health`)).json()) as { pack: { id: string }; fleet: { rollout: { status: string; pack: { version: string } } } };
    expect(health.pack.id).toBe('fleet-pack');
    expect(health.fleet.rollout).toMatchObject({ status: 'installed', pack: { version: '1.0.0' } });
    const table = await cli(['fleet', 'status', ...broker()]);
    expect(table.stdout).toMatch(new RegExp(`^${ID} .* fleet-pack 1\\.0\\.0 .* installed 1\\.0\\.0 `, 'm'));
    // The earlier name still works.
    expect((await cli(['fleet', 'rollout', '--clear', '--to', ID, ...broker()])).code).toBe(0);
  });

  it('runs as before when the broker refuses its password, and says so clearly', async () => {
    const wrong = join(world.root, 'wrong-password');
    await writeFile(wrong, 'wrong\n');
    const other = await startBridge(['--data', join(world.root, 'cli-2'), '--media', join(world.root, 'media'), '--mqtt', world.broker.url, '--kiosk-id', 'cli-2', '--mqtt-password-file', wrong]);
    await waitUntil(() => other.output().includes('refused the login'), () => `the refused login; it printed:\n${other.output()}`, 15_000);
    expect(other.output()).toMatch(/refused the login of kiosk cli-2 as user cli-2 \(.+\): check --mqtt-user and --mqtt-password-file; the exhibit runs on/);
    const health = await fetch(`${other.url}/health`);
    expect(health.status).toBe(200);
    expect(((await health.json()) as { fleet: { kioskId: string } }).fleet.kioskId).toBe('cli-2');
    expect(other.output().match(/refused the login/g)).toHaveLength(1);
    const gone = new Promise((resolve) => other.child.once('exit', resolve));
    other.child.kill('SIGTERM');
    expect(await gone).toBe(0);
  });

  it('prints the ACL the tests run with', async () => {
    const acl = await cli(['fleet', 'acl']);
    expect(acl.stdout).toBe(readFileSync(join(world.broker.dir, 'acl'), 'utf8'));
  });

  it('crossroads fleet relay signs a Home Assistant button press, which the kiosk alone ignores', async () => {
    const page = new WebSocket(`${url.replace('http', 'ws')}/ws`, { origin: url });
    const received: { type: string }[] = [];
    page.on('message', (data) => received.push(JSON.parse(data.toString()) as { type: string }));
    await waitUntil(() => received.some((m) => m.type === 'hello'), 'the hello');
    const ha = await world.client('homeassistant');
    await ha.publishAsync(`crossroads/${ID}/request/identify`, 'PRESS', { qos: 1 });
    await waitUntil(() => output().includes('unsigned request for "identify"'), () => `the kiosk to note the request; it printed:\n${output()}`);
    expect(received.filter((m) => m.type === 'identify')).toEqual([]);
    // This kiosk trusts the operator key, so a relay signing with it may act here.
    const stop = new AbortController();
    const relay = cliRun(['fleet', 'relay', '--key', world.operatorKeyFile, ...broker()], stop.signal);
    await waitUntil(() => relay.live.stdout.includes('signing identify and restart-browser requests'), () => `the relay to start; it printed:\n${relay.live.stdout}${relay.live.stderr}`);
    await ha.publishAsync(`crossroads/${ID}/request/identify`, 'PRESS', { qos: 1 });
    await waitUntil(() => relay.live.stdout.includes(`${ID}: identify: done`), () => `the relayed answer; the relay printed:\n${relay.live.stdout}`);
    await waitUntil(() => received.some((m) => m.type === 'identify'), 'the identify message on the page');
    stop.abort();
    expect((await relay.done).code).toBe(0);
    expect((await cli(['fleet', 'relay', '--allow', 'rollback', '--key', world.operatorKeyFile, ...broker()])).code).toBe(2);
    const closed = new Promise((resolve) => page.once('close', resolve));
    page.close();
    await closed;
  });

  it('is reported offline by its last will when killed outright, live in fleet status --watch', async () => {
    const stop = new AbortController();
    const watch = cliRun(['fleet', 'status', '--watch', ...broker()], stop.signal);
    const row = (): string[] | undefined =>
      watch.live.stdout
        .split('\n')
        .filter((line) => line.startsWith(`${ID} `))
        .at(-1)
        ?.split(/ {2,}/);
    await waitUntil(() => row()?.[1] === 'yes', () => `the watch to show ${ID} online; it printed:\n${watch.live.stdout}${watch.live.stderr}`, 10_000);
    const gone = new Promise((resolve) => bridge.once('exit', resolve));
    bridge.kill('SIGKILL');
    await gone;
    await waitUntil(() => status.at(-1)?.text === 'offline', () => `the last will; saw ${JSON.stringify(status)}`, 15_000);
    await waitUntil(() => row()?.[1] === 'no', () => `the watch to show ${ID} offline; it printed:\n${watch.live.stdout}`, 10_000);
    stop.abort();
    expect((await watch.done).code).toBe(0);
    expect(existsSync(join(data, 'fleet', 'nonces.json'))).toBe(true);
  });
});
