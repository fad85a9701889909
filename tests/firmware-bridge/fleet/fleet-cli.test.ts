// `crossroads start --mqtt ...` as a real child process against a real
// Mosquitto, driven by `crossroads fleet`: it comes online under its kiosk
// id, obeys signed commands (a page connected over its WebSocket sees the
// identify message), takes a roll-out, and when it is killed outright the
// broker publishes its last will: offline.

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
let output = '';
let url = '';
let data: string;
let marker: string;
let availability: { topic: string; text: string; retain: boolean }[];

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await main(args, { stdout: out, stderr: err });
  return { code, stdout, stderr };
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
  availability = await recordTopics(await world.client(), `crossroads/${ID}/availability`);
  const args = ['start', '--port', '0', '--serial', 'none', '--data', data, '--media', join(world.root, 'media')];
  args.push('--mqtt', world.broker.url, '--kiosk-id', ID, '--mqtt-password-file', world.broker.passwordFile(ID), '--restart-browser', `${script} ${marker}`);
  bridge = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  bridge.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  bridge.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await waitUntil(() => /open (http:\/\/\S+)/.test(output) || bridge.exitCode !== null, () => `the bridge to start; it printed:\n${output}`, 30_000);
  url = output.match(/open (http:\/\/\S+)/)![1]!.replace(/\/$/, '');
}, 60_000);

afterAll(async () => {
  if (bridge && bridge.exitCode === null && bridge.signalCode === null) {
    const gone = new Promise((resolve) => bridge.once('exit', resolve));
    bridge.kill('SIGKILL');
    await gone;
  }
  await world?.stop();
});

describe('crossroads start --mqtt and crossroads fleet', () => {
  it('comes online under its kiosk id, and fleet status shows it', async () => {
    await waitUntil(() => availability.at(-1)?.text === 'online', () => `online; saw ${JSON.stringify(availability)}; bridge printed:\n${output}`, 15_000);
    await waitUntil(() => output.includes(`connected to ${world.broker.url} as ${ID}`), () => `the connect line; bridge printed:\n${output}`);
    const status = await cli(['fleet', 'status', ...broker()]);
    expect(status.code, status.stderr).toBe(0);
    // --serial none: no panel, so the kiosk is degraded and says why.
    expect(status.stdout).toMatch(new RegExp(`^${ID}: online; degraded; caspian-\\S+ \\S+; page none; 0 visits today; control panel not connected$`, 'm'));
  });

  it('identify reaches a page connected to the bridge; mode fails with no page; restart-browser runs the command', async () => {
    const page = new WebSocket(`${url.replace('http', 'ws')}/ws`, { origin: url });
    const received: { type: string }[] = [];
    page.on('message', (data) => received.push(JSON.parse(data.toString()) as { type: string }));
    await waitUntil(() => received.some((m) => m.type === 'hello'), 'the hello');
    const identify = await cli(['fleet', 'send', ID, 'identify', '--key', world.operatorKeyFile, ...broker()]);
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

  it('takes a pack rolled out with crossroads fleet rollout', async () => {
    const zip = await buildZip({ root: world.root, keys: world.publisher } as never, { id: 'fleet-pack', version: '1.0.0' });
    const rolled = await cli(['fleet', 'rollout', zip, '--to', ID, ...broker()]);
    expect(rolled.code, rolled.stdout + rolled.stderr).toBe(0);
    expect(rolled.stdout).toMatch(new RegExp(`^${ID}: installed fleet-pack 1\\.0\\.0$`, 'm'));
    const health = (await (await fetch(`${url}/health`)).json()) as { pack: { id: string } };
    expect(health.pack.id).toBe('fleet-pack');
    expect((await cli(['fleet', 'rollout', '--clear', '--to', ID, ...broker()])).code).toBe(0);
  });

  it('prints the ACL the tests run with', async () => {
    const acl = await cli(['fleet', 'acl']);
    expect(acl.stdout).toBe(readFileSync(join(world.broker.dir, 'acl'), 'utf8'));
  });

  it('is reported offline by its last will when killed outright', async () => {
    const gone = new Promise((resolve) => bridge.once('exit', resolve));
    bridge.kill('SIGKILL');
    await gone;
    await waitUntil(() => availability.at(-1)?.text === 'offline', () => `the last will; saw ${JSON.stringify(availability)}`, 15_000);
    expect(existsSync(join(data, 'fleet', 'nonces.json'))).toBe(true);
  });
});
