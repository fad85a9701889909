import { describe, expect, it } from 'vitest';
import type { ControlBinding } from '../../../firmware-bridge/api/messages.js';
import { DEFAULT_CONTROLS } from '../../../firmware-bridge/input/control-map.js';
import { hintGrid } from '../../../kiosk/ui/control-hints-layout.js';

const place = (grid: ReturnType<typeof hintGrid>, intent: string) => {
  const cell = grid.cells.find((c) => c.bindings[0]!.intent === intent)!;
  return [cell.row, cell.column, cell.span];
};

describe('hintGrid', () => {
  it('draws the museum panel in two rows: the scenario buttons as one cell and the timeline knob, then back, next, language and the orbit knob', () => {
    const grid = hintGrid(DEFAULT_CONTROLS.map.bindings);
    expect(grid.columns).toBe(4);
    expect(grid.cells).toHaveLength(6);
    expect(place(grid, 'scenario')).toEqual([1, 1, 2]);
    expect(grid.cells.find((c) => c.scenarios)!.bindings.map((b) => b.scenario)).toEqual([0, 1, 2, 3, 4]);
    expect(place(grid, 'timeline')).toEqual([1, 4, 1]);
    expect(['previous', 'next', 'language', 'orbit'].map((i) => place(grid, i))).toEqual([
      [2, 1, 1],
      [2, 2, 1],
      [2, 3, 1],
      [2, 4, 1],
    ]);
  });

  it('never puts two cells in one place: a control at the same spot moves over, a scenario row over controls takes its own row', () => {
    const b = (index: number, intent: ControlBinding['intent'], x: number, y: number, scenario?: number): ControlBinding => ({ control: 'button', index, intent, x, y, scenario });
    const grid = hintGrid([b(0, 'scenario', 0.2, 0.5, 0), b(1, 'scenario', 0.4, 0.5, 1), b(2, 'next', 0.3, 0.5), b(3, 'previous', 0.3, 0.52), b(4, 'language', 0.8, 0.9)]);
    const used = new Set<string>();
    for (const cell of grid.cells) {
      for (let c = cell.column; c < cell.column + cell.span; c++) {
        const key = `${cell.row}:${c}`;
        expect(used.has(key), key).toBe(false);
        used.add(key);
        expect(c).toBeLessThanOrEqual(grid.columns);
      }
    }
    expect(place(grid, 'scenario')[0]).toBeLessThan(place(grid, 'next')[0]!);
    expect(place(grid, 'language')[0]).toBeGreaterThan(place(grid, 'next')[0]!);
  });
});
