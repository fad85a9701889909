// A real Mosquitto for a test: its own temp folder, config, password file
// and ACL, on a free loopback port. Mosquitto cannot bind port 0, so a port
// is picked by opening and closing a Node server on 0, and the start is
// tried again when another process took the port in between. down() and
// up() kill it and start it again on the same port and config (what a
// kiosk sees when the museum's broker restarts). The broker is killed by
// stop(), which every test file calls in afterAll/afterEach.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { waitUntil } from '../../helpers/wait.js';

export interface BrokerOptions {
  /** user name -> password */
  users: Record<string, string>;
  /** The ACL file's text. */
  acl: string;
  /** Largest message the broker takes, in bytes. */
  messageSizeLimit?: number;
}

export interface Broker {
  url: string;
  port: number;
  dir: string;
  /** A file holding the user's password, as a kiosk's --mqtt-password-file. */
  passwordFile(user: string): string;
  /** What the broker printed (every run of it). */
  log(): string;
  /** Kills the broker (SIGKILL: no goodbye to the clients); the port and files stay. */
  down(): Promise<void>;
  /** Starts it again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

export const MOSQUITTO = '/usr/sbin/mosquitto';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function writePasswords(file: string, users: Record<string, string>): void {
  let first = true;
  for (const [user, password] of Object.entries(users)) {
    const ran = spawnSync('mosquitto_passwd', first ? ['-b', '-c', file, user, password] : ['-b', file, user, password], { encoding: 'utf8' });
    if (ran.status !== 0) throw new Error(`mosquitto_passwd failed for ${user}: ${ran.stderr || ran.error?.message}`);
    first = false;
  }
  chmodSync(file, 0o600);
}

/** Starts the broker once on `port`; null when the port was taken meanwhile. */
async function tryStart(dir: string, port: number, options: BrokerOptions): Promise<{ child: ChildProcess; output: () => string } | null> {
  const config = join(dir, 'mosquitto.conf');
  writeFileSync(
    config,
    [
      `listener ${port} 127.0.0.1`,
      'allow_anonymous false',
      `password_file ${join(dir, 'passwd')}`,
      `acl_file ${join(dir, 'acl')}`,
      'persistence false',
      'set_tcp_nodelay true',
      // Set on purpose: the pack roll-out sends whole pack zips as retained messages.
      `message_size_limit ${options.messageSizeLimit ?? 8 * 1024 * 1024}`,
      'log_dest stderr',
      'log_type error',
      'log_type warning',
      'log_type notice',
      'log_type information',
      // Started as root, Mosquitto would drop to its own user and lose access to these files.
      `user ${userInfo().username}`,
      '',
    ].join('\n'),
  );
  const child = spawn(MOSQUITTO, ['-c', config], { stdio: ['ignore', 'pipe', 'pipe'] });
  let text = '';
  const take = (chunk: Buffer): void => {
    text = (text + chunk.toString('utf8')).slice(-200_000);
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.once('error', (error) => {
    text += `\nspawn failed: ${error.message}`;
    exited = true;
  });
  await waitUntil(() => exited || /running/.test(text), () => `mosquitto to start on port ${port}; it printed:\n${text}`, 15_000);
  if (exited) {
    if (/Address already in use/i.test(text)) return null;
    throw new Error(`mosquitto did not start:\n${text}`);
  }
  return { child, output: () => text };
}

export async function startBroker(options: BrokerOptions): Promise<Broker> {
  if (!existsSync(MOSQUITTO) || spawnSync('mosquitto_passwd', ['-h']).error) {
    throw new Error('the fleet tests need Mosquitto: apt-get install -y --no-install-recommends mosquitto mosquitto-clients');
  }
  const dir = mkdtempSync(join(tmpdir(), 'crossroads-mqtt-'));
  try {
    writePasswords(join(dir, 'passwd'), options.users);
    writeFileSync(join(dir, 'acl'), options.acl, { mode: 0o600 });
    for (const [user, password] of Object.entries(options.users)) writeFileSync(join(dir, `${user}.password`), password + '\n', { mode: 0o600 });
    for (let attempt = 1; attempt <= 5; attempt++) {
      const port = await freePort();
      const started = await tryStart(dir, port, options);
      if (!started) continue;
      let { child, output } = started;
      let earlier = '';
      const down = async (): Promise<void> => {
        if (child.exitCode === null && child.signalCode === null) {
          const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
          child.kill('SIGKILL');
          await gone;
        }
      };
      return {
        url: `mqtt://127.0.0.1:${port}`,
        port,
        dir,
        passwordFile: (user) => join(dir, `${user}.password`),
        log: () => earlier + output(),
        down,
        async up() {
          await down();
          earlier += output();
          const again = await tryStart(dir, port, options);
          if (!again) throw new Error(`port ${port} was taken while mosquitto was down`);
          ({ child, output } = again);
        },
        async stop() {
          await down();
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    throw new Error('no free port for mosquitto after 5 tries');
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
