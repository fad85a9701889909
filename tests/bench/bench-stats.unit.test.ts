// The benchmark's pure helpers: statistics, clock bounds, /proc parsing, the
// table and the run comparison. The benchmark itself is not a test.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltas, dropWarmup, intersectBounds, percentile, summarize } from './bench-stats.js';
import { formatMarkdown, formatNumber, formatTable, summaryRow, valueRow } from './bench-table.js';
import { compareRows } from './compare-runs.js';

describe('percentile', () => {
  it('interpolates between closest ranks like numpy', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentile([4, 1, 3, 2], 100)).toBe(4);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    // numpy.percentile(range(1, 101), [95, 99]) -> 95.05, 99.01
    expect(percentile(hundred, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(hundred, 99)).toBeCloseTo(99.01, 10);
    expect(percentile([7], 99)).toBe(7);
  });

  it('does not reorder the caller\'s samples', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('refuses empty samples, bad ranks and non-numbers', () => {
    expect(() => percentile([], 50)).toThrow(/no samples/);
    expect(() => percentile([1], 101)).toThrow(/0\.\.100/);
    expect(() => percentile([1], Number.NaN)).toThrow(/0\.\.100/);
    expect(() => percentile([1, Number.NaN], 50)).toThrow(/finite/);
  });

  it('stays within the samples and grows with p', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 100, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }), (values, a, b) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const pl = percentile(values, low);
        const ph = percentile(values, high);
        expect(pl).toBeGreaterThanOrEqual(Math.min(...values));
        expect(ph).toBeLessThanOrEqual(Math.max(...values));
        expect(pl).toBeLessThanOrEqual(ph + 1e-9);
      }),
    );
  });
});

describe('summarize, dropWarmup and deltas', () => {
  it('summarises every figure at once', () => {
    const s = summarize([10, 20, 30, 40, 50]);
    expect(s).toEqual({ n: 5, min: 10, median: 30, p95: 48, p99: 49.6, max: 50, mean: 30 });
  });

  it('drops the warm-up and refuses to leave nothing', () => {
    expect(dropWarmup([1, 2, 3, 4], 2)).toEqual([3, 4]);
    expect(dropWarmup([1, 2], 0)).toEqual([1, 2]);
    expect(() => dropWarmup([1, 2], 2)).toThrow(/only 2 samples for a warm-up of 2/);
    expect(() => dropWarmup([1, 2], -1)).toThrow(/whole number/);
    expect(() => summarize([])).toThrow(/no samples/);
  });

  it('turns timestamps into intervals', () => {
    expect(deltas([100, 116.5, 133, 150])).toEqual([16.5, 16.5, 17]);
    expect(deltas([5])).toEqual([]);
  });
});

describe('intersectBounds', () => {
  it('narrows the offset to what every sandwich allows', () => {
    const result = intersectBounds([
      { low: -0.4, high: 0.9 },
      { low: -0.1, high: 0.5 },
      { low: -0.3, high: 0.2 },
    ]);
    expect(result).toEqual({ low: -0.1, high: 0.2, consistent: true, n: 3 });
  });

  it('says so when the sandwiches disagree (a clock that jumped)', () => {
    const result = intersectBounds([
      { low: 0, high: 1 },
      { low: 2, high: 3 },
    ]);
    expect(result.consistent).toBe(false);
  });

  it('refuses nothing and reversed bounds', () => {
    expect(() => intersectBounds([])).toThrow(/no bounds/);
    expect(() => intersectBounds([{ low: 2, high: 1 }])).toThrow(/low 2 above high 1/);
  });
});

describe('the table', () => {
  const rows = [
    summaryRow('link', 'PING -> PONG', 'ms', summarize([0.5, 0.6, 0.7, 0.8])),
    valueRow('size', 'kiosk | total', 'KiB', 1234.56, 'gzip 300'),
  ];

  it('right-aligns the numbers under their headers', () => {
    const lines = formatTable(rows).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^group\s+figure\s+unit\s+n\s+median\s+p95\s+p99\s+value\s+note$/);
    const medianEnd = lines[0]!.indexOf('median') + 'median'.length;
    expect(lines[2]!.slice(0, medianEnd)).toMatch(/0\.650$/);
    expect(lines[3]).toContain('1,235');
    expect(lines[3]).toMatch(/gzip 300$/);
  });

  it('writes markdown with escaped pipes', () => {
    const md = formatMarkdown(rows).split('\n');
    expect(md[1]).toBe('|---|---|---|---:|---:|---:|---:|---:|---|');
    expect(md[3]).toContain('kiosk \\| total');
  });

  it('keeps three significant digits or so', () => {
    expect(formatNumber(0.12345)).toBe('0.123');
    expect(formatNumber(3.14159)).toBe('3.14');
    expect(formatNumber(42.42)).toBe('42.4');
    expect(formatNumber(12345.6)).toBe('12,346');
    expect(formatNumber(undefined)).toBe('');
  });
});

describe('compareRows', () => {
  it('pairs figures by group, name and unit and gives the change', () => {
    const before = [valueRow('size', 'total', 'KiB', 100), summaryRow('link', 'rtt', 'ms', summarize([1, 2, 3])), valueRow('gone', 'x', 'ms', 1)];
    const after = [valueRow('size', 'total', 'KiB', 110), summaryRow('link', 'rtt', 'ms', summarize([1, 1, 1])), valueRow('new', 'y', 'ms', 1)];
    const changes = compareRows(before, after);
    expect(changes).toHaveLength(2);
    expect(changes[0]).toMatchObject({ figure: 'total', before: 100, after: 110 });
    expect(changes[0]!.percent).toBeCloseTo(10, 10);
    expect(changes[1]).toMatchObject({ figure: 'rtt', before: 2, after: 1, percent: -50 });
  });

  it('gives no percentage against a zero', () => {
    expect(compareRows([valueRow('a', 'b', 'n', 0)], [valueRow('a', 'b', 'n', 3)])[0]!.percent).toBeNull();
  });
});
