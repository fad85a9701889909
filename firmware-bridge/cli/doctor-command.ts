// `crossroads doctor`: looks at this kiosk and explains in plain words what is
// wrong and what to do. One line per check (OK, WARN or FAIL); exit 0 when
// nothing failed, 1 when something did.

import { parseArgs } from 'node:util';
import { defaultDataDir } from '../packs/data-dir.js';
import { checkBridge, checkPack, checkRenderer } from '../system/doctor/bridge-checks.js';
import { asHealth, type CheckResult } from '../system/doctor/check-result.js';
import { checkClock, checkDisk, checkPanel, checkPower } from '../system/doctor/device-checks.js';
import { systemProbes, type DoctorProbes } from '../system/doctor/probes.js';
import { checkService, SERVICES } from '../system/doctor/service-checks.js';
import { checkSound } from '../system/doctor/sound-check.js';
import { UsageError, type CliIo } from './cli-io.js';

export const DOCTOR_USAGE = 'usage: crossroads doctor [--url http://127.0.0.1:8080] [--data DIR] [--json]';

export async function run(args: string[], io: CliIo): Promise<number> {
  return runDoctor(args, io, systemProbes());
}

/** The doctor with the machine given as probes (tests pass their own). */
export async function runDoctor(args: string[], io: CliIo, probes: DoctorProbes): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        url: { type: 'string', default: 'http://127.0.0.1:8080' },
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${DOCTOR_USAGE}`);
  }
  if (values.help) {
    io.stdout.write(DOCTOR_USAGE + '\n');
    return 0;
  }
  let base: URL;
  try {
    base = new URL(values.url);
  } catch {
    throw new UsageError(`--url must be a URL such as http://127.0.0.1:8080, not ${values.url}`);
  }
  const url = base.href.replace(/\/+$/, '');
  const results = await runChecks(probes, url, values.data ?? defaultDataDir());
  if (values.json) io.stdout.write(JSON.stringify(results, null, 2) + '\n');
  else io.stdout.write(formatReport(results));
  return results.some((result) => result.level === 'fail') ? 1 : 0;
}

export async function runChecks(probes: DoctorProbes, url: string, dataDir: string): Promise<CheckResult[]> {
  let health = null;
  let error: string | null = null;
  try {
    health = asHealth(await probes.fetchJson(`${url}/health`));
    if (!health) error = 'the answer was not a JSON object';
  } catch (caught) {
    error = (caught as Error).message;
  }
  const results: CheckResult[] = [checkBridge(url, health, error)];
  results.push(await checkRenderer(health, probes));
  results.push(await checkSound(probes));
  results.push(await checkPanel(health, probes));
  results.push(checkPack(health));
  results.push(await checkDisk(dataDir, probes));
  results.push(await checkPower(probes));
  results.push(await checkClock(probes));
  for (const unit of SERVICES) results.push(await checkService(unit, probes));
  return results;
}

export function formatReport(results: CheckResult[]): string {
  const width = Math.max(...results.map((result) => result.name.length));
  const lines: string[] = [];
  for (const result of results) {
    lines.push(`${result.level.toUpperCase().padEnd(4)}  ${result.name.padEnd(width)}  ${result.summary}`);
    if (result.fix && result.level !== 'ok') lines.push(`${' '.repeat(width + 6)}fix: ${result.fix}`);
  }
  const failed = results.filter((result) => result.level === 'fail').length;
  const warned = results.filter((result) => result.level === 'warn').length;
  lines.push('', failed === 0 && warned === 0 ? 'All good.' : `${failed} failed, ${warned} to look at.`);
  return lines.join('\n') + '\n';
}
