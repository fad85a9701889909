// The figures as rows, and the rows as a plain-text table (what `npm run bench`
// prints) or markdown (what the README shows). JSON gets the same rows.

import type { Summary } from './bench-stats.js';

export interface BenchRow {
  group: string;
  figure: string;
  unit: string;
  /** Samples behind the figure (warm-up already dropped), or null for a single reading. */
  n: number | null;
  median?: number;
  p95?: number;
  p99?: number;
  /** A single reading (sizes, memory) instead of a distribution. */
  value?: number;
  note?: string;
}

export function summaryRow(group: string, figure: string, unit: string, summary: Summary, note?: string): BenchRow {
  const row: BenchRow = { group, figure, unit, n: summary.n, median: summary.median, p95: summary.p95, p99: summary.p99 };
  if (note) row.note = note;
  return row;
}

export function valueRow(group: string, figure: string, unit: string, value: number, note?: string): BenchRow {
  const row: BenchRow = { group, figure, unit, n: null, value };
  if (note) row.note = note;
  return row;
}

/** Three significant digits at most, without exponent notation for everyday sizes. */
export function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 100 || Number.isInteger(value)) return Math.round(value).toLocaleString('en-US');
  if (magnitude >= 10) return value.toFixed(1);
  if (magnitude >= 1) return value.toFixed(2);
  return value.toFixed(3);
}

const HEADERS = ['group', 'figure', 'unit', 'n', 'median', 'p95', 'p99', 'value', 'note'] as const;

function cells(row: BenchRow): string[] {
  return [row.group, row.figure, row.unit, row.n === null ? '' : String(row.n), formatNumber(row.median), formatNumber(row.p95), formatNumber(row.p99), formatNumber(row.value), row.note ?? ''];
}

/** Columns padded to their widest cell; numbers right-aligned. */
export function formatTable(rows: readonly BenchRow[]): string {
  const grid = [HEADERS.map(String), ...rows.map(cells)];
  const widths = HEADERS.map((_, c) => Math.max(...grid.map((r) => r[c]!.length)));
  const numeric = new Set([3, 4, 5, 6, 7]);
  const line = (r: string[]): string =>
    r
      .map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(grid[0]!), rule, ...grid.slice(1).map(line)].join('\n');
}

/** The same rows as a GitHub markdown table. */
export function formatMarkdown(rows: readonly BenchRow[]): string {
  const escape = (text: string): string => text.replace(/\|/g, '\\|');
  const head = `| ${HEADERS.join(' | ')} |`;
  const align = `|${HEADERS.map((_, c) => (c >= 3 && c <= 7 ? '---:' : '---')).join('|')}|`;
  return [head, align, ...rows.map((r) => `| ${cells(r).map(escape).join(' | ')} |`)].join('\n');
}
