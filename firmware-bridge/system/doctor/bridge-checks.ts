// Checks that read the running bridge's /health: the bridge itself, the page
// and its WebGL renderer, and the pack on screen.

import { fail, ok, warn, type CheckResult, type HealthLike } from './check-result.js';
import type { DoctorProbes } from './probes.js';

export type RendererKind = 'raspberry-pi-gpu' | 'software' | 'other-gpu';

/** Sorts a WebGL renderer string: the Pi's V3D, a software fallback, or some other GPU. */
export function classifyRenderer(renderer: string): RendererKind {
  if (/swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer)) return 'software';
  if (/\bv3d\b|videocore|broadcom/i.test(renderer)) return 'raspberry-pi-gpu';
  return 'other-gpu';
}

export function checkBridge(url: string, health: HealthLike | null, error: string | null): CheckResult {
  if (!health) {
    return fail(
      'bridge',
      `the bridge does not answer at ${url}/health (${error ?? 'no answer'})`,
      'see `systemctl status crossroads-bridge` and `journalctl -u crossroads-bridge -b`; restart it with `sudo systemctl restart crossroads-bridge`',
    );
  }
  const uptime = typeof health.uptimeS === 'number' ? `, up ${formatDuration(health.uptimeS)}` : '';
  const problems = health.problems ?? [];
  if (health.status !== 'ok' && problems.length > 0) {
    return warn('bridge', `the bridge answers${uptime} but reports: ${problems.join('; ')}`, 'the checks below say more');
  }
  return ok('bridge', `the bridge answers at ${url}${uptime}`);
}

export async function checkRenderer(health: HealthLike | null, probes: DoctorProbes): Promise<CheckResult> {
  const name = 'graphics';
  const page = health?.page;
  if (health && (page?.clients ?? 0) === 0) {
    return fail(
      name,
      'no kiosk page is connected to the bridge, so the screen is not showing the exhibit',
      'see `systemctl status crossroads-screen` and `journalctl -u crossroads-screen -b` (a black screen usually starts there)',
    );
  }
  const renderer = page?.renderer;
  if (typeof renderer === 'string' && renderer.length > 0) {
    const kind = classifyRenderer(renderer);
    if (kind === 'software') {
      return fail(
        name,
        `Chromium draws the map in software (${renderer}): it will stutter and run hot`,
        'make sure the KMS driver is on (`dtoverlay=vc4-kms-v3d` in /boot/firmware/config.txt), the user can open /dev/dri (`crossroads-kiosk` in the video and render groups), and Chromium is not started with --disable-gpu; then reboot',
      );
    }
    if (kind === 'raspberry-pi-gpu') return ok(name, `Chromium draws with the Raspberry Pi GPU (${renderer})`);
    return ok(name, `Chromium draws with a hardware GPU (${renderer}), not a Raspberry Pi one`);
  }
  const driver = await gpuDriver(probes);
  const note = 'the page does not report its WebGL renderer, so the doctor cannot see which one Chromium uses';
  if (driver === 'v3d') {
    return warn(name, `${note}; the V3D GPU driver is loaded, so it can use the GPU`, 'update the kiosk to a version that reports its renderer');
  }
  return warn(
    name,
    `${note}; no V3D GPU driver is loaded (${driver ?? 'no GPU found under /sys/class/drm'})`,
    'on a Raspberry Pi, enable `dtoverlay=vc4-kms-v3d` in /boot/firmware/config.txt and reboot',
  );
}

export function checkPack(health: HealthLike | null): CheckResult {
  const pack = health?.pack;
  if (!pack?.id) {
    return fail('pack', 'cannot tell which content pack is on screen: the bridge did not say', 'start the bridge first (see the bridge line above)');
  }
  const where = pack.source === 'built-in' ? 'the built-in pack' : 'an installed pack';
  return ok('pack', `${where} ${pack.id} ${pack.version ?? ''} is on screen`.trim());
}

/** The kernel driver of the first DRM device that has one ('v3d' on a Pi), or null. */
async function gpuDriver(probes: DoctorProbes): Promise<string | null> {
  const entries = await probes.listDir('/sys/class/drm');
  let first: string | null = null;
  for (const entry of (entries ?? []).filter((e) => /^card\d+$/.test(e)).sort()) {
    const uevent = await probes.readText(`/sys/class/drm/${entry}/device/uevent`);
    const driver = /^DRIVER=(.+)$/m.exec(uevent ?? '')?.[1]?.trim();
    if (driver === 'v3d') return driver;
    first ??= driver ?? null;
  }
  return first;
}

export function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.floor(seconds)} s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} days`;
}
