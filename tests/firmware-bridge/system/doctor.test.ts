// crossroads doctor: each check on made-up machines (a healthy Pi, and the
// usual ways one goes wrong), the throttling bits, and one real run against a
// running bridge.

import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { runDoctor } from '../../../firmware-bridge/cli/doctor-command.js';
import { main } from '../../../firmware-bridge/cli/main.js';
import { classifyRenderer } from '../../../firmware-bridge/system/doctor/bridge-checks.js';
import type { CommandResult, DoctorProbes, FileInfo } from '../../../firmware-bridge/system/doctor/probes.js';
import { decodeThrottled, parseThrottled } from '../../../firmware-bridge/system/doctor/throttled.js';
import { startHarness } from '../http/bridge-harness.js';

const GiB = 1024 ** 3;
const CHAR_DEVICE = 0o020000;

interface Machine {
  health: unknown;
  commands: Record<string, CommandResult | null>;
  dirs: Record<string, string[]>;
  files: Record<string, string>;
  stats: Record<string, FileInfo>;
  freeBytes: number | null;
  now: Date;
}

const APLAY_PI4 = [
  '**** List of PLAYBACK Hardware Devices ****',
  'card 0: vc4hdmi0 [vc4-hdmi-0], device 0: MAI PCM i2s-hifi-0 [MAI PCM i2s-hifi-0]',
  '  Subdevices: 1/1',
  'card 2: Headphones [bcm2835 Headphones], device 0: bcm2835 Headphones [bcm2835 Headphones]',
  '  Subdevices: 8/8',
].join('\n') + '\n';
const JACK_MIXER = "Simple mixer control 'PCM',0\n  Capabilities: pvolume pvolume-joined pswitch pswitch-joined\n  Playback channels: Mono\n  Limits: Playback -10239 - 400\n  Mono: Playback -2000 [77%] [-20.00dB] [on]\n";

function healthyPi(): Machine {
  const active = (unit: string): CommandResult => ({ code: 0, stdout: `LoadState=loaded\nActiveState=active\nSubState=running\nNRestarts=0\n`, stderr: unit });
  return {
    health: {
      status: 'ok',
      controller: { connected: true, simulated: false, boardId: 'panel-7f3a', firmware: '1.0.0', port: '/dev/crossroads-panel' },
      pack: { id: 'caspian-2025', version: '1.2.0', source: 'installed' },
      page: { clients: 1, heartbeatAgeMs: 1200, renderer: 'ANGLE (Broadcom, V3D 4.2.14.0, OpenGL ES 3.1 Mesa 24.2.8)' },
      uptimeS: 90_000,
      problems: [],
    },
    commands: {
      'vcgencmd get_throttled': { code: 0, stdout: 'throttled=0x0\n', stderr: '' },
      'timedatectl show -p NTPSynchronized --value': { code: 0, stdout: 'yes\n', stderr: '' },
      'systemctl crossroads-bridge.service': active('crossroads-bridge.service'),
      'systemctl crossroads-screen.service': active('crossroads-screen.service'),
      'aplay -l': { code: 0, stdout: APLAY_PI4, stderr: '' },
      'amixer -c vc4hdmi0 scontents': { code: 0, stdout: "Simple mixer control 'IEC958',0\n  Capabilities: pswitch pswitch-joined\n  Playback channels: Mono\n  Mono: Playback [on]\n", stderr: '' },
      'amixer -c Headphones scontents': { code: 0, stdout: JACK_MIXER, stderr: '' },
    },
    dirs: { '/dev/serial/by-id': ['usb-Raspberry_Pi_Pico_E6614C311B8A1234-if00'], '/sys/class/drm': ['card0', 'card1', 'renderD128'] },
    files: {
      '/etc/group': 'root:x:0:\ndialout:x:20:crossroads\nvideo:x:44:crossroads-kiosk\n',
      '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ncrossroads:x:998:998::/var/lib/crossroads:/usr/sbin/nologin\n',
      '/proc/device-tree/model': 'Raspberry Pi 4 Model B Rev 1.5\0',
      '/sys/class/drm/card0/device/uevent': 'DRIVER=v3d\nOF_NAME=v3d\n',
      '/sys/class/drm/card1/device/uevent': 'DRIVER=vc4-drm\n',
      '/etc/asound.conf': '# crossroads-audio: hdmi vc4hdmi0\npcm.!default {\n  type plug\n  slave.pcm "hdmi:CARD=vc4hdmi0,DEV=0"\n}\n',
    },
    stats: { '/dev/crossroads-panel': { mode: CHAR_DEVICE | 0o660, uid: 0, gid: 20, isCharacterDevice: true } },
    freeBytes: 20 * GiB,
    now: new Date('2026-03-14T10:30:00Z'),
  };
}

function probes(machine: Machine): DoctorProbes {
  return {
    async fetchJson() {
      if (machine.health === null) throw new Error('nothing is listening there');
      return machine.health;
    },
    async run(file, args) {
      const key = file === 'systemctl' ? `systemctl ${args[1]}` : [file, ...args].join(' ');
      return key in machine.commands ? machine.commands[key]! : null;
    },
    async listDir(path) {
      return machine.dirs[path] ?? null;
    },
    async stat(path) {
      return machine.stats[path] ?? null;
    },
    async readText(path) {
      return machine.files[path] ?? null;
    },
    async diskSpace() {
      return machine.freeBytes === null ? null : { freeBytes: machine.freeBytes, totalBytes: 29 * GiB };
    },
    now: () => machine.now,
  };
}

function capture(): { io: { stdout: Writable; stderr: Writable }; out: () => string } {
  let text = '';
  const sink = () =>
    new Writable({
      write(chunk, _encoding, done) {
        text += String(chunk);
        done();
      },
    });
  return { io: { stdout: sink(), stderr: sink() }, out: () => text };
}

async function doctor(machine: Machine, args: string[] = []): Promise<{ code: number; lines: string[]; text: string }> {
  const { io, out } = capture();
  const code = await runDoctor(['--data', '/var/lib/crossroads', ...args], io, probes(machine));
  return { code, lines: out().split('\n'), text: out() };
}

const line = (lines: string[], name: string) => lines.find((l) => new RegExp(`^(OK|WARN|FAIL)\\s+${name}\\s`).test(l)) ?? '';

describe('throttling bits', () => {
  it('decodes what happens now and what happened since boot', () => {
    expect(parseThrottled('throttled=0x50005')).toEqual({ raw: 0x50005, now: ['under-voltage', 'throttled'], sinceBoot: ['under-voltage', 'throttled'] });
    expect(parseThrottled('throttled=0x80000')).toEqual({ raw: 0x80000, now: [], sinceBoot: ['soft temperature limit'] });
    expect(decodeThrottled(0b1111)).toMatchObject({ now: ['under-voltage', 'ARM frequency capped', 'throttled', 'soft temperature limit'], sinceBoot: [] });
    expect(parseThrottled('throttled=0x0')).toEqual({ raw: 0, now: [], sinceBoot: [] });
    expect(parseThrottled('VCHI initialization failed')).toBeNull();
  });

  it('sorts WebGL renderers into the Pi GPU, software and other GPUs', () => {
    expect(classifyRenderer('ANGLE (Broadcom, V3D 7.1.7.0, OpenGL ES 3.1 Mesa 24.2.8)')).toBe('raspberry-pi-gpu');
    expect(classifyRenderer('ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)')).toBe('software');
    expect(classifyRenderer('llvmpipe (LLVM 15.0.6, 128 bits)')).toBe('software');
    expect(classifyRenderer('ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)')).toBe('other-gpu');
  });
});

describe('crossroads doctor on made-up machines', () => {
  it('finds nothing wrong on a healthy Pi and exits 0', async () => {
    const { code, lines, text } = await doctor(healthyPi());
    expect(code).toBe(0);
    expect(text).not.toMatch(/^(WARN|FAIL)/m);
    expect(line(lines, 'graphics')).toContain('Raspberry Pi GPU (ANGLE (Broadcom, V3D');
    expect(line(lines, 'panel')).toContain('connected (panel-7f3a, firmware 1.0.0, on /dev/crossroads-panel)');
    expect(line(lines, 'pack')).toContain('an installed pack caspian-2025 1.2.0');
    expect(line(lines, 'disk')).toContain('20.0 GiB free');
    expect(line(lines, 'power')).toContain('throttled=0x0');
    expect(line(lines, 'clock')).toContain('synchronised');
    expect(line(lines, 'sound')).toContain('sound can play on HDMI, ALSA card vc4hdmi0, not muted');
    expect(line(lines, 'bridge service')).toContain('running');
    expect(text.trim().endsWith('All good.')).toBe(true);
  });

  it('fails on software rendering, under-voltage and a stopped screen, with fixes', async () => {
    const pi = healthyPi();
    (pi.health as { page: { renderer: string } }).page.renderer = 'Google SwiftShader';
    pi.commands['vcgencmd get_throttled'] = { code: 0, stdout: 'throttled=0x50005\n', stderr: '' };
    pi.commands['systemctl crossroads-screen.service'] = { code: 0, stdout: 'LoadState=loaded\nActiveState=failed\nSubState=failed\nNRestarts=5\n', stderr: '' };
    const { code, lines } = await doctor(pi);
    expect(code).toBe(1);
    expect(line(lines, 'graphics')).toMatch(/^FAIL .*in software \(Google SwiftShader\)/);
    expect(line(lines, 'power')).toMatch(/^FAIL .*under-voltage right now \(throttled=0x50005\)/);
    expect(line(lines, 'screen service')).toMatch(/^FAIL .*crossroads-screen.service is failed \(failed\)/);
    const fixFor = (name: string) => lines[lines.indexOf(line(lines, name)) + 1]!;
    expect(fixFor('power')).toMatch(/fix: use the official power supply/);
    expect(fixFor('screen service')).toMatch(/fix: sudo systemctl restart crossroads-screen.service/);
  });

  it('warns about past throttling, an unsynchronised clock, low disk and restarts', async () => {
    const pi = healthyPi();
    pi.commands['vcgencmd get_throttled'] = { code: 0, stdout: 'throttled=0xe0000\n', stderr: '' };
    pi.commands['timedatectl show -p NTPSynchronized --value'] = { code: 0, stdout: 'no\n', stderr: '' };
    pi.commands['systemctl crossroads-bridge.service'] = { code: 0, stdout: 'LoadState=loaded\nActiveState=active\nSubState=running\nNRestarts=3\n', stderr: '' };
    pi.freeBytes = 1.5 * GiB;
    const { code, lines } = await doctor(pi);
    expect(code).toBe(0);
    expect(line(lines, 'power')).toMatch(/^WARN .*since boot there was: ARM frequency capped, throttled, soft temperature limit/);
    expect(line(lines, 'clock')).toMatch(/^WARN .*2026-03-14 10:30 UTC but is not synchronised/);
    expect(line(lines, 'disk')).toMatch(/^WARN .*1\.5 GiB free.*getting low/);
    expect(line(lines, 'bridge service')).toMatch(/^WARN .*restarted it 3 times/);
  });

  it('explains a missing panel, a panel with wrong permissions, and a user outside dialout', async () => {
    const unplugged = healthyPi();
    (unplugged.health as { controller: object }).controller = { connected: false, simulated: false };
    unplugged.dirs['/dev/serial/by-id'] = [];
    unplugged.stats = {};
    expect(line((await doctor(unplugged)).lines, 'panel')).toMatch(/^FAIL .*no control panel is plugged in/);

    const wrongGroup = healthyPi();
    (wrongGroup.health as { controller: object }).controller = { connected: false, simulated: false };
    wrongGroup.stats['/dev/crossroads-panel'] = { mode: CHAR_DEVICE | 0o600, uid: 0, gid: 0, isCharacterDevice: true };
    const wrong = await doctor(wrongGroup);
    expect(line(wrong.lines, 'panel')).toMatch(/^FAIL .*dialout group cannot open it \(group 0, mode 600\)/);

    const noDialout = healthyPi();
    (noDialout.health as { controller: object }).controller = { connected: false, simulated: false };
    noDialout.files['/etc/group'] = 'dialout:x:20:\n';
    expect(line((await doctor(noDialout)).lines, 'panel')).toMatch(/^FAIL .*not in the dialout group/);

    const silent = healthyPi();
    (silent.health as { controller: object }).controller = { connected: false, simulated: false };
    expect(line((await doctor(silent)).lines, 'panel')).toMatch(/^FAIL .*plugged in \(\/dev\/crossroads-panel\) but the bridge does not talk to it/);
  });

  it('explains a bridge that does not answer, a wrong clock, and a PC without vcgencmd or systemd', async () => {
    const pc = healthyPi();
    pc.health = null;
    pc.commands = {};
    pc.files['/proc/device-tree/model'] = '';
    pc.dirs['/sys/class/drm'] = [];
    pc.now = new Date('1970-01-01T00:02:00Z');
    pc.freeBytes = null;
    const { code, lines } = await doctor(pc, ['--url', 'http://127.0.0.1:9999/']);
    expect(code).toBe(1);
    expect(line(lines, 'bridge')).toMatch(/^FAIL .*does not answer at http:\/\/127\.0\.0\.1:9999\/health \(nothing is listening there\)/);
    expect(line(lines, 'pack')).toMatch(/^FAIL /);
    expect(line(lines, 'graphics')).toMatch(/^WARN .*does not report its WebGL renderer/);
    expect(line(lines, 'clock')).toMatch(/^FAIL .*1970-01-01 00:02 UTC, which cannot be right/);
    expect(line(lines, 'power')).toMatch(/^OK .*not a Raspberry Pi/);
    expect(line(lines, 'disk')).toMatch(/^FAIL .*does not exist/);
    expect(line(lines, 'bridge service')).toMatch(/^OK .*not checked/);
  });

  it('says whether sound plays: the chosen card there, not muted, not at zero', async () => {
    const jack = healthyPi();
    jack.files['/etc/asound.conf'] = '# crossroads-audio: jack Headphones\n';
    expect(line((await doctor(jack)).lines, 'sound')).toMatch(/^OK +sound +sound can play on the headphone jack, ALSA card Headphones, volume 77%, not muted/);

    const muted = healthyPi();
    muted.files['/etc/asound.conf'] = '# crossroads-audio: jack Headphones\n';
    muted.commands['amixer -c Headphones scontents'] = { code: 0, stdout: JACK_MIXER.replace('[on]', '[off]'), stderr: '' };
    const mutedRun = await doctor(muted);
    expect(line(mutedRun.lines, 'sound')).toMatch(/^WARN .*but PCM is muted/);
    expect(mutedRun.lines[mutedRun.lines.indexOf(line(mutedRun.lines, 'sound')) + 1]).toMatch(/fix: amixer -c Headphones sset PCM 0dB unmute/);

    const zero = healthyPi();
    zero.files['/etc/asound.conf'] = '# crossroads-audio: jack Headphones\n';
    zero.commands['amixer -c Headphones scontents'] = { code: 0, stdout: JACK_MIXER.replace('[77%]', '[0%]'), stderr: '' };
    expect(line((await doctor(zero)).lines, 'sound')).toMatch(/^WARN .*its volume is at 0%/);

    const unplugged = healthyPi();
    unplugged.files['/etc/asound.conf'] = '# crossroads-audio: hdmi vc4hdmi1\n';
    expect(line((await doctor(unplugged)).lines, 'sound')).toMatch(/^FAIL .*sound goes to HDMI, ALSA card vc4hdmi1, which is not there \(cards: vc4hdmi0, Headphones\)/);

    const none = healthyPi();
    none.commands['aplay -l'] = { code: 1, stdout: '', stderr: 'aplay: device_list:274: no soundcards found...\n' };
    expect(line((await doctor(none)).lines, 'sound')).toMatch(/^FAIL .*no sound card can play/);

    const pc = healthyPi();
    delete pc.commands['aplay -l'];
    expect(line((await doctor(pc)).lines, 'sound')).toMatch(/^OK .*cannot tell whether sound plays: aplay is not installed/);
  });

  it('writes JSON with --json and refuses unknown options', async () => {
    const { code, text } = await doctor(healthyPi(), ['--json']);
    expect(code).toBe(0);
    const results = JSON.parse(text) as { name: string; level: string }[];
    expect(results.map((r) => r.name)).toEqual(['bridge', 'graphics', 'sound', 'panel', 'pack', 'disk', 'power', 'clock', 'bridge service', 'screen service']);
    const { io, out } = capture();
    expect(await main(['doctor', '--frobnicate'], io)).toBe(2);
    expect(out()).toMatch(/Unknown option '--frobnicate'/);
  });
});

describe('crossroads doctor against a running bridge', () => {
  it('reads the real /health and this machine, and says what it finds', async () => {
    const bridge = await startHarness();
    const page = new WebSocket(`${bridge.base.replace('http', 'ws')}/ws`, { headers: { Origin: bridge.origin } });
    try {
      await new Promise<void>((resolve, reject) => {
        page.once('open', () => resolve());
        page.once('error', reject);
      });
      const { io, out } = capture();
      const code = await main(['doctor', '--url', bridge.base, '--data', process.cwd()], io);
      const lines = out().split('\n');
      expect(line(lines, 'bridge')).toMatch(new RegExp(`^(OK|WARN) +bridge +the bridge answer.*`));
      expect(line(lines, 'pack')).toMatch(/^OK .*the built-in pack caspian-2025/);
      // serial none: no board, so the panel check fails and the exit code says so.
      expect(line(lines, 'panel')).toMatch(/^FAIL /);
      expect(line(lines, 'disk')).toMatch(/^(OK|WARN|FAIL) +disk +.* free of /);
      expect(line(lines, 'graphics')).toMatch(/^WARN .*does not report its WebGL renderer/);
      expect(code).toBe(1);
    } finally {
      page.terminate();
      await bridge.close();
    }
  });
});
