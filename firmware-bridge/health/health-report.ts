// The JSON behind GET /health (shape fixed by the outside contract), with a
// few extra fields for the maintenance screen and `crossroads doctor`.

import type { BoardLosses, BoardStatus, PackInfo } from '../api/messages.js';
import type { DroppedCounts } from '../core/dropped-messages.js';

export interface HealthInputs {
  board: BoardStatus;
  pack: PackInfo;
  startedAt: number;
  now: number;
  /** Milliseconds since the page's last heartbeat, or null when no page ever sent one. */
  pageHeartbeatAgeMs: number | null;
  pageClients: number;
  /** The page's WebGL renderer, as it reported it. */
  pageRenderer: string | null;
  /** A page silent for longer than this counts as stalled. */
  pageStallMs: number;
  /** Page messages dropped as malformed (or refused), by kind. */
  dropped: DroppedCounts;
  /** The fleet link's facts, when the kiosk is on a fleet broker (`--mqtt`). */
  fleet?: FleetFacts | null;
}

/** What a pack rolled out over MQTT came to on this kiosk. */
export interface RolloutOutcome {
  /** The topic the pack came on. */
  topic: string;
  sha256: string;
  bytes: number;
  status: 'installed' | 'skipped' | 'refused';
  pack: { id: string; version: string } | null;
  problems: string[];
  at: string;
}

export interface FleetFacts {
  kioskId: string;
  /** The last pack rolled out to this kiosk, and what it did with it; null before the first. */
  rollout: RolloutOutcome | null;
}

export interface HealthReport {
  status: 'ok' | 'degraded';
  controller: {
    connected: boolean;
    boardId: string | null;
    firmware: string | null;
    lastSeenMs: number | null;
    simulated: boolean;
    port: string | null;
    framesDropped: Record<string, number>;
    losses: BoardLosses;
  };
  pack: { id: string; version: string; source: PackInfo['source'] };
  page: { clients: number; heartbeatAgeMs: number | null; renderer: string | null };
  uptimeS: number;
  problems: string[];
  /** What the bridge dropped at its boundaries instead of acting on it. */
  dropped: DroppedCounts;
  /** When the report was made (ISO): a fleet dashboard's "last seen". */
  at: string;
  /** Only with --mqtt: the same report goes out on crossroads/<id>/health. */
  fleet?: FleetFacts;
}

export function buildHealthReport(inputs: HealthInputs): HealthReport {
  const { board, pack } = inputs;
  const problems: string[] = [];
  if (!board.connected) problems.push('control panel not connected');
  const age = inputs.pageHeartbeatAgeMs;
  if (age !== null && age > inputs.pageStallMs) problems.push(`page silent for ${Math.round(age / 1000)} s`);
  return {
    status: problems.length === 0 ? 'ok' : 'degraded',
    controller: {
      connected: board.connected,
      boardId: board.boardId,
      firmware: board.firmware,
      lastSeenMs: board.lastSeenMs,
      simulated: board.simulated,
      port: board.port,
      framesDropped: { ...board.framesDropped },
      losses: { ...board.losses },
    },
    pack: { id: pack.id, version: pack.version, source: pack.source },
    page: { clients: inputs.pageClients, heartbeatAgeMs: age, renderer: inputs.pageRenderer },
    uptimeS: Math.floor((inputs.now - inputs.startedAt) / 1000),
    problems,
    dropped: { pageMessages: inputs.dropped.pageMessages, byKind: { ...inputs.dropped.byKind } },
    at: new Date(inputs.now).toISOString(),
    ...(inputs.fleet ? { fleet: { kioskId: inputs.fleet.kioskId, rollout: inputs.fleet.rollout && { ...inputs.fleet.rollout, problems: [...inputs.fleet.rollout.problems] } } } : {}),
  };
}
