// The table `crossroads fleet status` prints: one row per kiosk the broker
// holds a retained status, health or visits for. Pure, so its columns are
// tested without a broker.

import type { KioskSeen } from './fleet-operator.js';

export const TABLE_COLUMNS = ['KIOSK', 'ONLINE', 'PACK', 'BOARD', 'VISITS TODAY', 'PROBLEMS', 'LAST ROLL-OUT', 'LAST SEEN'] as const;

/** "12 s ago", "5 min ago", "3 h ago", "2 d ago". */
export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 90) return `${s} s ago`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min ago`;
  if (s < 36 * 3600) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} d ago`;
}

export function tableRow(kiosk: KioskSeen, now: number): string[] {
  const { health, visits } = kiosk;
  const online = kiosk.status === 'online' ? 'yes' : kiosk.status === 'offline' ? 'no' : '?';
  if (!health) return [kiosk.id, online, '-', '-', visits ? String(visits.today) : '-', 'no health reported', '-', '-'];
  const board = health.controller.connected ? (health.controller.simulated ? 'simulated' : `connected${health.controller.firmware ? ` ${health.controller.firmware}` : ''}`) : 'not connected';
  const rollout = health.fleet?.rollout;
  const at = Date.parse(health.at);
  return [
    kiosk.id,
    online,
    `${health.pack.id} ${health.pack.version}`,
    board,
    visits ? String(visits.today) : '-',
    health.problems.length > 0 ? health.problems.join('; ') : 'none',
    rollout ? `${rollout.status}${rollout.pack ? ` ${rollout.pack.version}` : ''}` : '-',
    Number.isNaN(at) ? '-' : ago(now - at),
  ];
}

/** The table, columns aligned, kiosks by id; a line saying so when there is none. */
export function fleetTable(kiosks: Iterable<KioskSeen>, now: number): string {
  const rows = [...kiosks].sort((a, b) => (a.id < b.id ? -1 : 1)).map((k) => tableRow(k, now));
  if (rows.length === 0) return 'no kiosk has reported to this broker\n';
  const all = [[...TABLE_COLUMNS], ...rows];
  const widths = TABLE_COLUMNS.map((_, i) => Math.max(...all.map((row) => row[i]!.length)));
  return all.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]!))).join('  ')).join('\n') + '\n';
}
