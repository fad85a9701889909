// Checks of the machine around the bridge: the panel's USB device and its
// permissions, free disk, power and temperature, and the clock.

import { fail, ok, warn, type CheckResult, type HealthLike } from './check-result.js';
import type { DoctorProbes } from './probes.js';
import { parseThrottled } from './throttled.js';

const BY_ID = '/dev/serial/by-id';
const STABLE_NAME = '/dev/crossroads-panel';
const MiB = 1024 * 1024;
/** Room for one pack at its largest (512 MiB expanded) with some to spare. */
const FAIL_BELOW = 600 * MiB;
const WARN_BELOW = 2048 * MiB;
/** A clock earlier than this has certainly not been set since the last power cut. */
const EARLIEST_SANE_YEAR = 2025;

export async function checkPanel(health: HealthLike | null, probes: DoctorProbes): Promise<CheckResult> {
  const name = 'panel';
  const controller = health?.controller;
  if (controller?.connected && !controller.simulated) {
    const about = [controller.boardId, controller.firmware && `firmware ${controller.firmware}`, controller.port && `on ${controller.port}`];
    return ok(name, `the control panel is connected (${about.filter(Boolean).join(', ')})`);
  }
  if (controller?.simulated) {
    return warn(name, 'the bridge runs the simulated panel, not a real one', 'plug the panel in and restart the bridge with `--serial auto` (the installed service does)');
  }
  const byId = (await probes.listDir(BY_ID)) ?? [];
  const stable = await probes.stat(STABLE_NAME);
  const device = stable ? STABLE_NAME : byId.length > 0 ? `${BY_ID}/${byId.sort()[0]}` : null;
  if (!device) {
    return fail(
      name,
      `no control panel is plugged in: nothing under ${BY_ID}`,
      "plug the panel's USB cable into the Pi (a data cable: charge-only cables show nothing); `sudo dmesg -w` while plugging it in should show a new ttyACM device",
    );
  }
  const info = stable ?? (await probes.stat(device));
  const groups = parseGroups((await probes.readText('/etc/group')) ?? '');
  const dialout = groups.get('dialout');
  if (info && dialout && (info.gid !== dialout.gid || (info.mode & 0o060) !== 0o060)) {
    return fail(
      name,
      `the panel is plugged in (${device}) but the dialout group cannot open it (group ${info.gid}, mode ${(info.mode & 0o777).toString(8)})`,
      'run the install script again (it installs /etc/udev/rules.d/99-crossroads-panel.rules), then unplug the panel and plug it back in',
    );
  }
  const hasUser = /^crossroads:/m.test((await probes.readText('/etc/passwd')) ?? '');
  if (hasUser && dialout && !dialout.members.includes('crossroads')) {
    return fail(name, 'the crossroads user is not in the dialout group', 'sudo usermod -aG dialout crossroads && sudo systemctl restart crossroads-bridge');
  }
  if (!health) {
    return warn(name, `the panel is plugged in (${device}); the bridge does not answer, so whether it talks to the panel is unknown`, 'start the bridge (see above)');
  }
  return fail(
    name,
    `the panel is plugged in (${device}) but the bridge does not talk to it`,
    'see `journalctl -u crossroads-bridge -b | grep -i -e serial -e panel`; reflash the panel firmware, or try another USB cable or port',
  );
}

export async function checkDisk(dataDir: string, probes: DoctorProbes): Promise<CheckResult> {
  const space = await probes.diskSpace(dataDir);
  if (!space) return fail('disk', `the data folder ${dataDir} does not exist`, 'run the install script, or pass the right folder with --data');
  const free = `${formatBytes(space.freeBytes)} free of ${formatBytes(space.totalBytes)} for ${dataDir}`;
  if (space.freeBytes < FAIL_BELOW) {
    return fail('disk', `${free}: too little to install a new pack`, 'free space (`sudo journalctl --vacuum-size=50M`, `sudo apt-get clean`) or use a larger SD card');
  }
  if (space.freeBytes < WARN_BELOW) return warn('disk', `${free}: getting low`, 'free space: `sudo journalctl --vacuum-size=50M`, `sudo apt-get clean`');
  return ok('disk', free);
}

export async function checkPower(probes: DoctorProbes): Promise<CheckResult> {
  const name = 'power';
  const result = await probes.run('vcgencmd', ['get_throttled']);
  if (!result) {
    const model = (await probes.readText('/proc/device-tree/model')) ?? '';
    if (!model.includes('Raspberry Pi')) return ok(name, 'not a Raspberry Pi: power and temperature not checked');
    return warn(name, 'vcgencmd is missing, so under-voltage cannot be checked', 'sudo apt-get install raspi-utils (Trixie) or libraspberrypi-bin (Bookworm)');
  }
  const state = result.code === 0 ? parseThrottled(result.stdout) : null;
  if (!state) {
    const why = (result.stderr || result.stdout).trim() || `exit ${result.code}`;
    return warn(name, `vcgencmd get_throttled failed (${why})`, 'run the doctor with sudo: vcgencmd needs /dev/vcio');
  }
  const hex = `throttled=0x${state.raw.toString(16)}`;
  const supply = 'use the official power supply (5.1 V 3 A for a Pi 4, 5.1 V 5 A for a Pi 5) and a short cable';
  const cooling = 'give the Pi a heatsink or fan case and air in the enclosure';
  if (state.now.includes('under-voltage')) return fail(name, `under-voltage right now (${hex}): the Pi may crash or corrupt its SD card`, supply);
  if (state.now.length > 0) return warn(name, `the Pi is slowed down right now: ${state.now.join(', ')} (${hex})`, cooling);
  if (state.sinceBoot.length > 0) {
    const fix = state.sinceBoot.includes('under-voltage') ? supply : cooling;
    return warn(name, `since boot there was: ${state.sinceBoot.join(', ')} (${hex})`, fix);
  }
  return ok(name, `no under-voltage or throttling since boot (${hex})`);
}

export async function checkClock(probes: DoctorProbes): Promise<CheckResult> {
  const now = probes.now();
  const shown = now.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  if (now.getUTCFullYear() < EARLIEST_SANE_YEAR) {
    return fail(
      'clock',
      `the clock reads ${shown}, which cannot be right`,
      'connect the Pi to a network for a few minutes (it sets the time by itself), or set it: sudo timedatectl set-time "YYYY-MM-DD HH:MM"',
    );
  }
  const result = await probes.run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value']);
  const synced = result?.code === 0 ? result.stdout.trim() : null;
  if (synced === 'yes') return ok('clock', `the clock is synchronised (${shown})`);
  if (synced === 'no') {
    return warn(
      'clock',
      `the clock reads ${shown} but is not synchronised`,
      'without a network a Pi 4 restarts its clock from the last shutdown; connect it to a network now and then, or fit the Pi 5 RTC battery, so install times and report names are right',
    );
  }
  return ok('clock', `the clock reads ${shown} (timedatectl could not confirm it)`);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * MiB) return `${(bytes / (1024 * MiB)).toFixed(1)} GiB`;
  return `${Math.round(bytes / MiB)} MiB`;
}

function parseGroups(text: string): Map<string, { gid: number; members: string[] }> {
  const groups = new Map<string, { gid: number; members: string[] }>();
  for (const line of text.split('\n')) {
    const [name, , gid, members] = line.split(':');
    if (name && gid !== undefined) groups.set(name, { gid: Number(gid), members: (members ?? '').split(',').filter(Boolean) });
  }
  return groups;
}
