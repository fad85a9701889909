// Where each of the panel's controls goes in the hints' grid: rows from the
// controls' heights on the panel, columns from their places along it, so the
// drawing reads like the panel without absolute positions, whose labels ran
// into each other and out of the box. The scenario buttons are one cell, a
// numbered row under one caption, not a second scenario strip.

import type { ControlBinding } from '../../firmware-bridge/api/messages.js';

export interface HintCell {
  /** One control, or the row of scenario buttons. */
  bindings: ControlBinding[];
  scenarios: boolean;
  /** 1-based grid lines. */
  row: number;
  column: number;
  span: number;
}

export interface HintGrid {
  columns: number;
  cells: HintCell[];
}

/** Controls this close in height share a row. */
const ROW_TOLERANCE = 0.2;
/** A scenario row reaches the columns this close beyond its first and last button. */
const SPAN_SLACK = 0.06;

export function hintGrid(bindings: readonly ControlBinding[]): HintGrid {
  const rowOf = rowIndex(bindings.map((b) => b.y));
  const singles = bindings.filter((b) => b.intent !== 'scenario');
  const anchors = [...new Set(singles.map((b) => Math.round(b.x * 100) / 100))].sort((a, b) => a - b);
  if (anchors.length === 0) anchors.push(0.5);
  const nearest = (x: number) => anchors.reduce((best, a, i) => (Math.abs(a - x) < Math.abs(anchors[best]! - x) ? i : best), 0);

  const cells: (HintCell & { rowKey: number })[] = [];
  const taken = new Map<number, Set<number>>();
  const take = (rowKey: number, from: number, span: number) => {
    const used = taken.get(rowKey) ?? new Set<number>();
    for (let c = from; c < from + span; c++) used.add(c);
    taken.set(rowKey, used);
  };
  // One control per column in a row: a second one at the same place moves to the next free column.
  for (const b of [...singles].sort((p, q) => p.x - q.x)) {
    const rowKey = rowOf(b.y) * 2 + 1;
    let column = nearest(b.x);
    while (taken.get(rowKey)?.has(column)) column++;
    take(rowKey, column, 1);
    cells.push({ bindings: [b], scenarios: false, row: 0, column, span: 1, rowKey });
  }
  const scenarioRows = new Map<number, ControlBinding[]>();
  for (const b of bindings.filter((b) => b.intent === 'scenario')) {
    const row = rowOf(b.y);
    scenarioRows.set(row, [...(scenarioRows.get(row) ?? []), b].sort((p, q) => p.x - q.x));
  }
  for (const [row, buttons] of scenarioRows) {
    const lo = buttons[0]!.x - SPAN_SLACK;
    const hi = buttons.at(-1)!.x + SPAN_SLACK;
    const within = anchors.map((a, i) => (a >= lo && a <= hi ? i : -1)).filter((i) => i >= 0);
    const from = within.length > 0 ? within[0]! : nearest((lo + hi) / 2);
    const span = within.length > 0 ? within.at(-1)! - from + 1 : 1;
    let rowKey = row * 2 + 1;
    // Where controls already stand in those columns, the scenario row takes a row of its own above them.
    if ([...Array(span).keys()].some((c) => taken.get(rowKey)?.has(from + c))) rowKey = row * 2;
    take(rowKey, from, span);
    cells.push({ bindings: buttons, scenarios: true, row: 0, column: from, span, rowKey });
  }
  const rowKeys = [...new Set(cells.map((c) => c.rowKey))].sort((a, b) => a - b);
  const columns = Math.max(anchors.length, ...cells.map((c) => c.column + c.span));
  return {
    columns,
    cells: cells.map(({ rowKey, ...cell }) => ({ ...cell, row: rowKeys.indexOf(rowKey) + 1, column: cell.column + 1 })),
  };
}

/** Clusters heights into rows, top first: each row starts at the highest control not yet placed. */
function rowIndex(ys: readonly number[]): (y: number) => number {
  const starts: number[] = [];
  for (const y of [...ys].sort((a, b) => a - b)) if (starts.length === 0 || y - starts.at(-1)! > ROW_TOLERANCE) starts.push(y);
  return (y) => {
    let row = 0;
    starts.forEach((start, i) => {
      if (y >= start - 1e-9) row = i;
    });
    return row;
  };
}
