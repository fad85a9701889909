// One line of the doctor's report, and the loose shape of /health it reads
// (loose, so a doctor can still explain an older or half-broken bridge).

export type CheckLevel = 'ok' | 'warn' | 'fail';

export interface CheckResult {
  name: string;
  level: CheckLevel;
  /** What was found, in plain words. */
  summary: string;
  /** What to do about it (WARN and FAIL). */
  fix?: string;
}

export interface HealthLike {
  status?: string;
  controller?: { connected?: boolean; simulated?: boolean; boardId?: string | null; firmware?: string | null; port?: string | null };
  pack?: { id?: string; version?: string; source?: string };
  page?: { clients?: number; heartbeatAgeMs?: number | null; renderer?: string | null };
  uptimeS?: number;
  problems?: string[];
}

export function ok(name: string, summary: string): CheckResult {
  return { name, level: 'ok', summary };
}

export function warn(name: string, summary: string, fix: string): CheckResult {
  return { name, level: 'warn', summary, fix };
}

export function fail(name: string, summary: string, fix: string): CheckResult {
  return { name, level: 'fail', summary, fix };
}

export function asHealth(value: unknown): HealthLike | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as HealthLike) : null;
}
