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
  };
}
