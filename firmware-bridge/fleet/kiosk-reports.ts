// What a kiosk publishes about itself, beside its status: the GET /health
// report as it is (crossroads/<id>/health) and the visit counts per day and
// scenario (crossroads/<id>/visits), with the keys that say when either has
// changed enough to be sent again before its period. Pure, so tested
// without a broker.

import type { HealthReport } from '../health/health-report.js';
import { localDay, type DayCounts } from '../stats/interaction-counts.js';

/** Days of counts a kiosk publishes; older ones go home on a USB stick (the CSV). */
export const VISIT_DAYS = 31;

export interface VisitsReport {
  /** The kiosk's local day now (YYYY-MM-DD). */
  day: string;
  /** Scenarios opened today, all together. */
  today: number;
  /** YYYY-MM-DD -> scenario id -> times opened, for the last VISIT_DAYS days. */
  days: DayCounts;
}

function sum(day: Record<string, number> | undefined): number {
  return Object.values(day ?? {}).reduce((total, n) => total + n, 0);
}

export function buildVisits(counts: DayCounts, now: Date): VisitsReport {
  const day = localDay(now);
  const first = localDay(new Date(now.getFullYear(), now.getMonth(), now.getDate() - (VISIT_DAYS - 1)));
  const days: DayCounts = {};
  for (const key of Object.keys(counts).sort()) if (key >= first && key <= day) days[key] = { ...counts[key] };
  return { day, today: sum(counts[day]), days };
}

export function visitsKey(visits: VisitsReport): string {
  return JSON.stringify(visits);
}

/**
 * What must change for the health to be sent again before its next period:
 * everything except the clock-driven fields (the time, uptime, when the
 * board's last frame came, the page heartbeat's age).
 */
export function healthKey(health: HealthReport): string {
  const { at: _at, uptimeS: _u, controller, page, problems, ...rest } = health;
  return JSON.stringify({
    ...rest,
    controller: { ...controller, lastSeenMs: controller.lastSeenMs === null ? null : 'seen' },
    page: { ...page, heartbeatAgeMs: page.heartbeatAgeMs === null ? null : 'seen' },
    // "page silent for 41 s" becomes "page silent for # s": the problem, not its age, is the change.
    problems: problems.map((line) => line.replace(/\d+/g, '#')),
  });
}
