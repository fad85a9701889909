// install.sh: passes shellcheck, installs exactly the expected files into a
// scratch root, does the same the second time, and --uninstall removes them;
// it sends sound where --audio says, deciding "auto" from the displays and
// sound cards it finds (faked in the scratch root's /sys and /proc).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL, SYSTEM_DIR, listTree, makeScratch, runInstall, snapshot, type Scratch } from './helpers/scratch-install.js';

const scratches: Scratch[] = [];
afterEach(() => {
  for (const scratch of scratches.splice(0)) scratch.dispose();
});

function scratch(): Scratch {
  const made = makeScratch();
  scratches.push(made);
  return made;
}

const SYSTEM_FILES = [
  '/etc/asound.conf 644',
  '/etc/default/crossroads 644',
  '/etc/pam.d/crossroads-screen 644',
  '/etc/polkit-1/rules.d/50-crossroads.rules 644',
  '/etc/systemd/journald.conf.d/crossroads.conf 644',
  '/etc/systemd/system/crossroads-bridge.service 644',
  '/etc/systemd/system/crossroads-screen.service 644',
  '/etc/systemd/system/crossroads-usb@.service 644',
  '/etc/udev/rules.d/99-crossroads-panel.rules 644',
  '/etc/udev/rules.d/99-crossroads-usb.rules 644',
  '/usr/local/bin/crossroads -> /opt/crossroads/firmware-bridge/bin/crossroads.js',
  '/usr/local/libexec/crossroads/kiosk-browser 755',
  '/usr/local/libexec/crossroads/usb-mount 755',
];
const APP_FILES = [
  '/opt/crossroads/content/packs/caspian-2025/pack.json 644',
  '/opt/crossroads/dist/kiosk/index.html 644',
  '/opt/crossroads/dist/node/firmware-bridge/cli/run.js 644',
  '/opt/crossroads/firmware-bridge/bin/crossroads.js 755',
  '/opt/crossroads/node_modules/ws/index.js 644',
  '/opt/crossroads/package.json 644',
];
const EXPECTED = [...SYSTEM_FILES, ...APP_FILES].sort();

// /proc/asound/cards of a Pi 4 with the KMS driver: two HDMI ports and the jack.
const CARDS = [
  ' 0 [vc4hdmi0       ]: vc4-hdmi - vc4-hdmi-0',
  '                      vc4-hdmi-0',
  ' 1 [vc4hdmi1       ]: vc4-hdmi - vc4-hdmi-1',
  '                      vc4-hdmi-1',
  ' 2 [Headphones     ]: bcm2835_headpho - bcm2835 Headphones',
  '                      bcm2835 Headphones',
].join('\n') + '\n';

function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

describe('install.sh', () => {
  it('passes shellcheck, as do the programs it installs', () => {
    const scripts = [INSTALL, join(SYSTEM_DIR, 'libexec/kiosk-browser.sh'), join(SYSTEM_DIR, 'libexec/usb-mount.sh')];
    const result = spawnSync('shellcheck', ['--severity=style', ...scripts], { encoding: 'utf8' });
    expect(result.error, 'shellcheck must be installed (apt-get install shellcheck)').toBeUndefined();
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('installs exactly the expected files, the same again when rerun, and --uninstall removes them', () => {
    const { root, source } = scratch();
    const result = runInstall(['--root', root, '--source', source]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(listTree(root)).toEqual(EXPECTED);
    const data = statSync(join(root, 'var/lib/crossroads'));
    expect(data.isDirectory()).toBe(true);
    expect((data.mode & 0o777).toString(8)).toBe('750');
    // Installed files are the ones in the repository, byte for byte.
    expect(readFileSync(join(root, 'etc/systemd/system/crossroads-bridge.service'), 'utf8')).toBe(
      readFileSync(join(SYSTEM_DIR, 'units/crossroads-bridge.service'), 'utf8'),
    );
    const first = snapshot(root);

    // A second run: edited settings and the data survive, a stale app file goes.
    writeFileSync(join(root, 'etc/default/crossroads'), 'CROSSROADS_BROWSER_FLAGS=--force-device-scale-factor=2\n');
    writeFileSync(join(root, 'opt/crossroads/left-over.js'), 'old\n');
    mkdirSync(join(root, 'var/lib/crossroads/packs'));
    writeFileSync(join(root, 'var/lib/crossroads/packs/current'), 'caspian-2025@1.1.0\n');
    expect(runInstall(['--root', root, '--source', source]).code).toBe(0);
    const second = snapshot(root);
    expect(second['/etc/default/crossroads']).toBe('CROSSROADS_BROWSER_FLAGS=--force-device-scale-factor=2\n');
    expect(second['/var/lib/crossroads/packs/current']).toBe('caspian-2025@1.1.0\n');
    delete second['/etc/default/crossroads'];
    delete second['/var/lib/crossroads/packs/current'];
    delete first['/etc/default/crossroads'];
    expect(second).toEqual(first);
    expect(existsSync(join(root, 'opt/crossroads.new'))).toBe(false);
    expect(existsSync(join(root, 'opt/crossroads.old'))).toBe(false);

    // --uninstall keeps only the data; twice is fine; --purge takes the data too.
    const removed = runInstall(['--root', root, '--uninstall']);
    expect(removed.code).toBe(0);
    expect(listTree(root)).toEqual(['/var/lib/crossroads/packs/current 644']);
    expect(removed.stdout).toMatch(/data stays in \/var\/lib\/crossroads/);
    expect(runInstall(['--root', root, '--uninstall']).code).toBe(0);
    expect(runInstall(['--root', root, '--uninstall', '--purge']).code).toBe(0);
    expect(listTree(root)).toEqual([]);
    expect(existsSync(join(root, 'var/lib/crossroads'))).toBe(false);
  });

  it('refuses a project that is not built, saying what to run', () => {
    const { root, source, dir } = scratch();
    const unbuilt = join(dir, 'unbuilt');
    mkdirSync(unbuilt);
    writeFileSync(join(unbuilt, 'package.json'), '{}\n');
    const result = runInstall(['--root', root, '--source', unbuilt]);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not built: run 'npm ci && npm run build' there first/);
    expect(existsSync(join(root, 'opt/crossroads'))).toBe(false);
    expect(source).not.toBe(unbuilt);
  });

  it('sends sound over HDMI by default, to the port a display is attached to, as the ALSA default', () => {
    const { root, source } = scratch();
    writeTree(root, {
      'proc/asound/cards': CARDS,
      'sys/class/drm/card1-HDMI-A-1/status': 'disconnected\n',
      'sys/class/drm/card1-HDMI-A-2/status': 'connected\n',
    });
    const result = runInstall(['--root', root, '--source', source]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('sound goes to the hdmi output (ALSA card vc4hdmi1)');
    const conf = readFileSync(join(root, 'etc/asound.conf'), 'utf8');
    expect(conf).toMatch(/^# crossroads-audio: hdmi vc4hdmi1\n/);
    expect(conf).toContain('slave.pcm "hdmi:CARD=vc4hdmi1,DEV=0"');
    expect(conf).toMatch(/ctl\.!default \{\n  type hw\n  card vc4hdmi1\n\}/);
  });

  it('takes the headphone jack when no display is attached and the Pi has one, or when told to', () => {
    const { root, source } = scratch();
    writeTree(root, { 'proc/asound/cards': CARDS, 'sys/class/drm/card1-HDMI-A-1/status': 'disconnected\n' });
    expect(runInstall(['--root', root, '--source', source]).stdout).toContain('sound goes to the jack output (ALSA card Headphones)');
    expect(readFileSync(join(root, 'etc/asound.conf'), 'utf8')).toContain('slave.pcm "dmix:CARD=Headphones,DEV=0"');
    // A Pi 5 has no jack: auto stays on HDMI.
    writeTree(root, { 'proc/asound/cards': CARDS.split('\n').slice(0, 4).join('\n') + '\n' });
    expect(runInstall(['--root', root, '--source', source]).stdout).toContain('sound goes to the hdmi output (ALSA card vc4hdmi0)');
    // Told to: the jack, even with a display attached.
    writeTree(root, { 'sys/class/drm/card1-HDMI-A-1/status': 'connected\n' });
    expect(runInstall(['--root', root, '--source', source, '--audio', 'jack']).stdout).toContain('sound goes to the jack output');
    const bad = runInstall(['--root', root, '--source', source, '--audio', 'usb']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain("--audio must be hdmi, jack or auto, not 'usb'");
  });

  it('keeps a technician\'s own /etc/asound.conf aside, and puts it back on --uninstall', () => {
    const { root, source } = scratch();
    writeTree(root, { 'etc/asound.conf': 'defaults.pcm.card 1\n' });
    expect(runInstall(['--root', root, '--source', source]).code).toBe(0);
    expect(readFileSync(join(root, 'etc/asound.conf.before-crossroads'), 'utf8')).toBe('defaults.pcm.card 1\n');
    expect(runInstall(['--root', root, '--source', source, '--audio', 'jack']).code).toBe(0);
    expect(readFileSync(join(root, 'etc/asound.conf.before-crossroads'), 'utf8')).toBe('defaults.pcm.card 1\n');
    expect(runInstall(['--root', root, '--uninstall']).code).toBe(0);
    expect(readFileSync(join(root, 'etc/asound.conf'), 'utf8')).toBe('defaults.pcm.card 1\n');
    expect(existsSync(join(root, 'etc/asound.conf.before-crossroads'))).toBe(false);
  });

  it('explains an unknown option', () => {
    const result = runInstall(['--colour']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown option: --colour');
  });
});
