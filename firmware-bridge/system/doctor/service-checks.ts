// Checks of the systemd services the installer sets up.

import { fail, ok, warn, type CheckResult } from './check-result.js';
import type { DoctorProbes } from './probes.js';

export const SERVICES = ['crossroads-bridge.service', 'crossroads-screen.service'] as const;

export async function checkService(unit: string, probes: DoctorProbes): Promise<CheckResult> {
  const name = unit.replace(/^crossroads-|\.service$/g, '') + ' service';
  const result = await probes.run('systemctl', ['show', unit, '-p', 'LoadState', '-p', 'ActiveState', '-p', 'SubState', '-p', 'NRestarts']);
  if (!result) return ok(name, 'systemctl not found: not a systemd machine, service not checked');
  if (result.code !== 0) {
    const why = (result.stderr || result.stdout).trim().split('\n')[0] ?? '';
    return ok(name, `systemd cannot be asked here (${why}): service not checked`);
  }
  const props = new Map(
    result.stdout
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string?])
      .filter((pair): pair is [string, string] => pair[1] !== undefined),
  );
  const logs = `journalctl -u ${unit} -b`;
  if (props.get('LoadState') === 'not-found') {
    return fail(name, `${unit} is not installed`, 'run `sudo firmware-bridge/system/install.sh` from the project folder');
  }
  const active = props.get('ActiveState') ?? 'unknown';
  const sub = props.get('SubState') ?? '';
  const restarts = Number(props.get('NRestarts') ?? '0');
  if (active === 'active') {
    if (restarts > 0) return warn(name, `${unit} is running, but systemd restarted it ${restarts} times`, `see why in \`${logs}\``);
    return ok(name, `${unit} is running`);
  }
  if (active === 'activating' || active === 'reloading') return warn(name, `${unit} is starting (${sub})`, `wait a minute, then look at \`${logs}\``);
  return fail(name, `${unit} is ${active}${sub ? ` (${sub})` : ''}`, `sudo systemctl restart ${unit}; see why in \`${logs}\``);
}
