// The systemd units pass `systemd-analyze verify` inside a scratch root, the
// polkit rule allows exactly one thing, the udev rules are well formed, and
// the browser launcher starts Chromium with the flags that keep it a kiosk.

import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_DIR, makeScratch, runInstall, type Scratch } from './helpers/scratch-install.js';

const UNITS = ['crossroads-bridge.service', 'crossroads-screen.service', 'crossroads-usb@sda1.service'];
let scratch: Scratch;

function stub(path: string, body = '#!/bin/sh\nexit 0\n'): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

function verify(root: string, units: string[]) {
  return spawnSync('systemd-analyze', ['--root', root, 'verify', ...units], { encoding: 'utf8' });
}

beforeAll(() => {
  scratch = makeScratch();
  expect(runInstall(['--root', scratch.root, '--source', scratch.source]).code).toBe(0);
  // What the Pi has and this machine may not: the programs the units start,
  // and systemd's own units (sysinit.target...) for the dependencies.
  stub(join(scratch.root, 'usr/bin/node'));
  stub(join(scratch.root, 'usr/bin/cage'));
  cpSync('/usr/lib/systemd/system', join(scratch.root, 'usr/lib/systemd/system'), { recursive: true });
});
afterAll(() => scratch?.dispose());

describe('systemd units', () => {
  it('pass systemd-analyze verify with no warning at all', () => {
    const result = verify(scratch.root, UNITS);
    expect(result.error, 'systemd-analyze must be installed (apt-get install systemd)').toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('the same check catches a misspelt setting or a missing program', () => {
    const unit = join(scratch.root, 'etc/systemd/system/crossroads-bridge.service');
    const good = readFileSync(unit, 'utf8');
    try {
      writeFileSync(unit, good.replace('ProtectHome=yes', 'ProtectHome=yes\nProtectSytem=strict'));
      expect(verify(scratch.root, ['crossroads-bridge.service']).stderr).toMatch(/Unknown key 'ProtectSytem'/);
      writeFileSync(unit, good.replace('/usr/bin/node ', '/usr/bin/nodejs-missing '));
      const missing = verify(scratch.root, ['crossroads-bridge.service']);
      expect(missing.status).not.toBe(0);
      expect(missing.stderr).toMatch(/nodejs-missing is not executable/);
    } finally {
      writeFileSync(unit, good);
    }
  });

  it('make the bridge a hardened, watched notify service and the screen a cage kiosk on tty1', () => {
    const bridge = readFileSync(join(SYSTEM_DIR, 'units/crossroads-bridge.service'), 'utf8');
    for (const line of [
      'Type=notify',
      'NotifyAccess=all',
      'WatchdogSec=30',
      'Restart=always',
      'User=crossroads',
      'SupplementaryGroups=dialout',
      'ProtectSystem=strict',
      'ReadWritePaths=/var/lib/crossroads -/media',
      'PrivateTmp=yes',
      'NoNewPrivileges=yes',
      'ProtectHome=yes',
    ]) {
      expect(bridge.split('\n')).toContain(line);
    }
    expect(bridge).toMatch(
      /^ExecStart=\/usr\/bin\/node \/opt\/crossroads\/firmware-bridge\/bin\/crossroads\.js start --data \/var\/lib\/crossroads --media \/media --restart-browser "systemctl restart crossroads-screen\.service"$/m,
    );
    const screen = readFileSync(join(SYSTEM_DIR, 'units/crossroads-screen.service'), 'utf8').split('\n');
    for (const line of ['ExecStart=/usr/bin/cage -d -- /usr/local/libexec/crossroads/kiosk-browser', 'Restart=always', 'TTYPath=/dev/tty1', 'PAMName=crossroads-screen', 'After=crossroads-bridge.service', 'Wants=crossroads-bridge.service', 'Conflicts=getty@tty1.service']) {
      expect(screen).toContain(line);
    }
  });
});

describe('polkit rule', () => {
  type Rule = (action: { id: string; lookup(key: string): string | undefined }, subject: { user: string }) => string;
  const rules: Rule[] = [];
  const Result = { YES: 'yes', NO: 'no', NOT_HANDLED: 'not-handled' };
  runInNewContext(readFileSync(join(SYSTEM_DIR, 'polkit/50-crossroads.rules'), 'utf8'), {
    polkit: { addRule: (rule: Rule) => rules.push(rule), Result },
  });
  const ask = (user: string, unit: string, verb: string, id = 'org.freedesktop.systemd1.manage-units') =>
    rules[0]!({ id, lookup: (key) => ({ unit, verb })[key as 'unit' | 'verb'] }, { user });

  it('lets the bridge user restart the screen service and nothing else', () => {
    expect(rules).toHaveLength(1);
    expect(ask('crossroads', 'crossroads-screen.service', 'restart')).toBe('yes');
    expect(ask('crossroads', 'crossroads-screen.service', 'stop')).toBe('not-handled');
    expect(ask('crossroads', 'crossroads-bridge.service', 'restart')).toBe('not-handled');
    expect(ask('crossroads', 'ssh.service', 'restart')).toBe('not-handled');
    expect(ask('crossroads-kiosk', 'crossroads-screen.service', 'restart')).toBe('not-handled');
    expect(ask('crossroads', 'crossroads-screen.service', 'restart', 'org.freedesktop.login1.reboot')).toBe('not-handled');
  });
});

describe('udev rules', () => {
  const KEY = /^[A-Z_]+(\{[^}]+\})?(==|!=|\+=|-=|:=|=)"[^"]*"$/;
  const parse = (file: string) => {
    const lines = readFileSync(join(SYSTEM_DIR, 'udev', file), 'utf8').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    return lines.map((line) => line.split(/,\s*(?=[A-Z_]+[{=!+:-])/));
  };

  for (const file of ['99-crossroads-panel.rules', '99-crossroads-usb.rules']) {
    it(`${file} is well formed and its GOTOs all land`, () => {
      const rules = parse(file);
      const labels = new Set(rules.flat().filter((t) => t.startsWith('LABEL=')).map((t) => t.slice(7, -1)));
      for (const token of rules.flat()) {
        expect(token, token).toMatch(KEY);
        if (token.startsWith('GOTO=')) expect(labels.has(token.slice(6, -1)), token).toBe(true);
      }
    });
  }

  it('names the panel by its USB ids and gives it to dialout', () => {
    const text = readFileSync(join(SYSTEM_DIR, 'udev/99-crossroads-panel.rules'), 'utf8');
    expect(text).toContain('ATTRS{idVendor}=="2e8a", ATTRS{idProduct}=="000a"');
    expect(text).toContain('ATTRS{idVendor}=="2341"');
    expect(text).toMatch(/SYMLINK\+="crossroads-panel", GROUP="dialout", MODE="0660"/);
  });

  it('hands USB sticks to the mount service through systemd, not a RUN program', () => {
    const text = readFileSync(join(SYSTEM_DIR, 'udev/99-crossroads-usb.rules'), 'utf8');
    expect(text).toContain('ENV{SYSTEMD_WANTS}+="crossroads-usb@%k.service"');
    expect(text).not.toMatch(/^[^#]*RUN/m);
  });
});

describe('the browser launcher', () => {
  let server: Server;
  let port = 0;
  beforeAll(async () => {
    server = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('starts Chromium in kiosk mode on the bridge URL with a fresh profile and the kiosk flags', () => {
    const bin = join(scratch.dir, 'fake-bin');
    const argsFile = join(scratch.dir, 'chromium-args');
    stub(join(bin, 'chromium'), `#!/bin/sh\nprintf '%s\\n' "$@" > "${argsFile}"\n`);
    const run = join(scratch.dir, 'run');
    const result = spawnSync('bash', [join(SYSTEM_DIR, 'libexec/kiosk-browser.sh')], {
      encoding: 'utf8',
      env: {
        PATH: `${bin}:/usr/bin:/bin`,
        RUNTIME_DIRECTORY: run,
        CROSSROADS_URL: `http://127.0.0.1:${port}/`,
        CROSSROADS_BROWSER_FLAGS: '--force-device-scale-factor=1.5 --lang=ru',
      },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const args = readFileSync(argsFile, 'utf8').trim().split('\n');
    for (const flag of [
      '--kiosk',
      `--user-data-dir=${run}/profile`,
      '--noerrdialogs',
      '--disable-infobars',
      '--disable-session-crashed-bubble',
      '--disable-pinch',
      '--overscroll-history-navigation=0',
      '--check-for-update-interval=31536000',
      '--disable-background-networking',
      '--enable-gpu-rasterization',
      '--ignore-gpu-blocklist',
      '--autoplay-policy=no-user-gesture-required',
      '--force-device-scale-factor=1.5',
      '--lang=ru',
    ]) {
      expect(args).toContain(flag);
    }
    expect(args.find((a) => a.startsWith('--disable-features='))).toMatch(/Translate/);
    expect(args.at(-1)).toBe(`http://127.0.0.1:${port}/`);
  });

  it('says plainly when Chromium is missing', () => {
    const result = spawnSync('/bin/bash', [join(SYSTEM_DIR, 'libexec/kiosk-browser.sh')], {
      encoding: 'utf8',
      env: { PATH: join(scratch.dir, 'empty-bin'), RUNTIME_DIRECTORY: join(scratch.dir, 'run2') },
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('Chromium is not installed');
  });
});

describe('the USB mount helper', () => {
  const helper = join(SYSTEM_DIR, 'libexec/usb-mount.sh');

  it('refuses anything but a plain device name', () => {
    for (const name of ['../etc', 'sda1;reboot', '', 'SDA1']) {
      const result = spawnSync('bash', [helper, 'mount', name], { encoding: 'utf8' });
      expect(result.status).toBe(1);
      expect(result.stderr).toMatch(/not a block device name/);
    }
  });

  it('unmounting a stick that is gone removes its folder and succeeds', () => {
    const media = join(scratch.dir, 'media');
    mkdirSync(join(media, 'crossroads-sdz1'), { recursive: true });
    const result = spawnSync('bash', [helper, 'unmount', 'sdz1'], { encoding: 'utf8', env: { ...process.env, CROSSROADS_MEDIA_DIR: media } });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(spawnSync('ls', [media], { encoding: 'utf8' }).stdout).toBe('');
  });
});
