// Compares this run's figures with the last run's (bench/results.json before
// it is overwritten), figure by figure, so a change shows up at a glance.

import type { BenchRow } from './bench-table.js';

export interface RowChange {
  group: string;
  figure: string;
  unit: string;
  before: number;
  after: number;
  /** (after - before) / before, in percent; null when before is 0. */
  percent: number | null;
}

/** The number a row stands for: its median, else its single value. */
export function headline(row: BenchRow): number | undefined {
  return row.median ?? row.value;
}

const key = (row: BenchRow): string => `${row.group}\u0000${row.figure}\u0000${row.unit}`;

/** Figures present in both runs, in this run's order; renamed or new figures are left out. */
export function compareRows(previous: readonly BenchRow[], current: readonly BenchRow[]): RowChange[] {
  const old = new Map(previous.map((r) => [key(r), r]));
  const out: RowChange[] = [];
  for (const row of current) {
    const match = old.get(key(row));
    const before = match && headline(match);
    const after = headline(row);
    if (before === undefined || after === undefined || !Number.isFinite(before) || !Number.isFinite(after)) continue;
    out.push({ group: row.group, figure: row.figure, unit: row.unit, before, after, percent: before === 0 ? null : ((after - before) / before) * 100 });
  }
  return out;
}

export function formatChanges(changes: readonly RowChange[], when: string): string {
  if (changes.length === 0) return `No figure in common with the last run (${when}).`;
  const lines = changes.map((c) => {
    const percent = c.percent === null ? 'n/a' : `${c.percent >= 0 ? '+' : ''}${c.percent.toFixed(1)}%`;
    return `${`${c.group}: ${c.figure}`.padEnd(70)} ${c.before.toFixed(2).padStart(10)} -> ${c.after.toFixed(2).padStart(10)} ${c.unit.padEnd(5)} ${percent.padStart(8)}`;
  });
  return [`Against the last run (${when}), medians or single values:`, ...lines].join('\n');
}
