// The retained state a kiosk publishes on crossroads/<id>/state: the
// /health report cut to what a fleet dashboard needs, what the page shows,
// and the visit counts. Pure, so its shape is tested without a broker.

import type { PageView } from '../core/event-bus.js';
import type { HealthReport } from '../health/health-report.js';
import { localDay, type DayCounts } from '../stats/interaction-counts.js';

export interface KioskState {
  id: string;
  status: HealthReport['status'];
  problems: string[];
  version: string;
  pack: HealthReport['pack'];
  board: { connected: boolean; simulated: boolean; firmware: string | null };
  page: { mode: PageView['mode'] | null; scenario: string | null; clients: number; heartbeatAgeMs: number | null };
  visits: { today: number; total: number };
  uptimeS: number;
  /** When this state was made (ISO). */
  at: string;
}

export interface StateInputs {
  id: string;
  version: string;
  health: HealthReport;
  view: PageView | undefined;
  counts: DayCounts;
  now: Date;
}

function sum(day: Record<string, number> | undefined): number {
  return Object.values(day ?? {}).reduce((total, n) => total + n, 0);
}

export function buildKioskState(inputs: StateInputs): KioskState {
  const { health, view, counts } = inputs;
  return {
    id: inputs.id,
    status: health.status,
    problems: [...health.problems],
    version: inputs.version,
    pack: { ...health.pack },
    board: { connected: health.controller.connected, simulated: health.controller.simulated, firmware: health.controller.firmware },
    page: { mode: view?.mode ?? null, scenario: view?.scenario ?? null, clients: health.page.clients, heartbeatAgeMs: health.page.heartbeatAgeMs },
    visits: { today: sum(counts[localDay(inputs.now)]), total: Object.values(counts).reduce((total, day) => total + sum(day), 0) },
    uptimeS: health.uptimeS,
    at: inputs.now.toISOString(),
  };
}

/**
 * What must change for the state to be sent again before its next period:
 * everything except the clock-driven fields (uptime, heartbeat age, time).
 */
export function stateKey(state: KioskState): string {
  const { uptimeS: _u, at: _a, page, ...rest } = state;
  // "page silent for 41 s" becomes "page silent for # s": the problem, not its age, is the change.
  const problems = rest.problems.map((line) => line.replace(/\d+/g, '#'));
  return JSON.stringify({ ...rest, problems, page: { ...page, heartbeatAgeMs: page.heartbeatAgeMs === null ? null : 'seen' } });
}
