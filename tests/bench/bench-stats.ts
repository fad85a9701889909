// Pure statistics for the benchmark: percentiles, summaries with the
// warm-up dropped, and the intersection of clock-offset bounds.

export interface Summary {
  /** Samples summarised (after the warm-up was dropped). */
  n: number;
  min: number;
  median: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/**
 * The p-th percentile (0..100) with linear interpolation between closest
 * ranks (the "R-7" rule, as numpy's default), so small samples are not rounded
 * to one value.
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile must be 0..100, not ${p}`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('percentile of a sample that is not a finite number');
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
}

/** Min, median, p95, p99, max and mean of the samples. */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError('summary of no samples');
  let sum = 0;
  for (const v of values) sum += v;
  return {
    n: values.length,
    min: percentile(values, 0),
    median: percentile(values, 50),
    p95: percentile(values, 95),
    p99: percentile(values, 99),
    max: percentile(values, 100),
    mean: sum / values.length,
  };
}

/** The samples after the first `warmup`; refuses to leave none. */
export function dropWarmup<T>(values: readonly T[], warmup: number): T[] {
  if (!Number.isInteger(warmup) || warmup < 0) throw new RangeError(`warm-up must be a whole number >= 0, not ${warmup}`);
  if (values.length <= warmup) throw new RangeError(`only ${values.length} samples for a warm-up of ${warmup}`);
  return values.slice(warmup);
}

/** Differences of consecutive values (frame times from rAF timestamps). */
export function deltas(values: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < values.length; i++) out.push(values[i]! - values[i - 1]!);
  return out;
}

export interface Bounds {
  low: number;
  high: number;
}

/**
 * Each sandwich says "the offset lies in [low, high]"; all of them at once
 * narrow it to their intersection. `consistent` is false when they disagree,
 * which is what a clock stepping or drifting between samples looks like.
 */
export function intersectBounds(bounds: readonly Bounds[]): Bounds & { consistent: boolean; n: number } {
  if (bounds.length === 0) throw new RangeError('no bounds to intersect');
  let low = -Infinity;
  let high = Infinity;
  for (const b of bounds) {
    if (b.low > b.high) throw new RangeError(`a bound with low ${b.low} above high ${b.high}`);
    low = Math.max(low, b.low);
    high = Math.min(high, b.high);
  }
  return { low, high, consistent: low <= high, n: bounds.length };
}
