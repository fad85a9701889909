// install.sh: passes shellcheck, installs exactly the expected files into a
// scratch root, does the same the second time, and --uninstall removes them.

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

  it('explains an unknown option', () => {
    const result = runInstall(['--colour']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('unknown option: --colour');
  });
});
