// Turns a route's legs into smooth lon/lat polylines: land legs follow the
// great circle; sea legs bow out as little as needed to stay off land (a
// ferry from Aktau to Alat must not cut across Absheron). Pure geometry on
// the map's own land data: the page draws with it and the pack checks
// measure what it draws.

import type { RegionIndex } from './region-index.js';

const RAD = Math.PI / 180;
/** Sample spacing, degrees of arc. */
const STEP = 0.25;
const BOWS = [0, 0.5, -0.5, 1, -1, 1.6, -1.6, 2.4, -2.4, 3.4, -3.4, 4.6, -4.6];
/** Where along the chord a bow pulls: mid-way, or nearer one end to round a cape by a port. */
const ALONG = [0.5, 0.3, 0.7, 0.15, 0.85];
/** Land is probed this many times per drawn sample, so a narrow cape cannot slip between samples. */
const PROBES = 4;
/** Sea kept on either side of a sea leg away from its ports, degrees. */
const CLEAR = 0.08;
/** Degrees from a port within which the curve may still be on the port's own shore. */
const END_SLACK = 0.05;

function bezier(a: [number, number], c: [number, number], b: [number, number], t: number): [number, number] {
  const u = 1 - t;
  return [u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]];
}

type LonLat = [number, number];

export class RoutePlanner {
  constructor(private readonly region: RegionIndex) {}

  /** Samples from `a` to `b` as flat lon, lat pairs, both ends included. */
  leg(a: LonLat, b: LonLat, sea: boolean): number[] {
    return sea ? this.seaLeg(a, b) : this.greatCircle(a, b);
  }

  /** A leg is at sea when most of it is off land (ferries, sub-sea pipelines). */
  mostlySea(a: LonLat, b: LonLat): boolean {
    const samples = this.greatCircle(a, b, 10);
    let water = 0;
    for (let i = 2; i < samples.length - 2; i += 2) if (!this.region.isLand(samples[i]!, samples[i + 1]!)) water++;
    return water >= 6;
  }

  private greatCircle(a: LonLat, b: LonLat, forcedSteps = 0): number[] {
    const [ax, ay, az] = this.unit(a);
    const [bx, by, bz] = this.unit(b);
    const angle = Math.acos(Math.min(1, Math.max(-1, ax * bx + ay * by + az * bz)));
    const steps = forcedSteps || Math.max(2, Math.ceil(angle / RAD / STEP));
    const out: number[] = [];
    const sin = Math.sin(angle);
    for (let i = 0; i <= steps; i++) {
      const t = i / steps;
      const ka = angle < 1e-9 ? 1 - t : Math.sin((1 - t) * angle) / sin;
      const kb = angle < 1e-9 ? t : Math.sin(t * angle) / sin;
      const x = ka * ax + kb * bx, y = ka * ay + kb * by, z = ka * az + kb * bz;
      out.push(Math.atan2(y, x) / RAD, Math.atan2(z, Math.hypot(x, y)) / RAD);
    }
    return out;
  }

  private seaLeg(a: LonLat, b: LonLat): number[] {
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const length = Math.hypot(dx, dy) || 1;
    const nx = -dy / length, ny = dx / length;
    const steps = Math.max(8, Math.ceil(length / STEP));
    let best: LonLat = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    let bestLand = Infinity;
    search: for (const bow of BOWS) {
      // A bow deeper than the leg is long would loop: not worth a clear sea.
      if (Math.abs(bow) * 2 > 0.85 * length) continue;
      for (const along of bow === 0 ? [0.5] : ALONG) {
        const control: LonLat = [a[0] + dx * along + nx * bow * 2, a[1] + dy * along + ny * bow * 2];
        const land = this.landOn(a, b, control, steps * PROBES, [nx * CLEAR, ny * CLEAR]);
        if (land < bestLand) [best, bestLand] = [control, land];
        if (land === 0) break search;
      }
    }
    const out: number[] = [];
    for (let i = 0; i <= steps; i++) out.push(...bezier(a, best, b, i / steps));
    return out;
  }

  /**
   * Land samples on the curve a-control-b. Ports sit on the shore or just
   * inland, so land where the curve leaves and reaches them is not counted,
   * only within END_SLACK of each end; a cape further on is. Away from the
   * ends the curve also keeps `side` of sea on either hand: the map's coast is
   * coarser than the real one, and capes hide in between.
   */
  private landOn(a: LonLat, b: LonLat, control: LonLat, samples: number, side: LonLat): number {
    const land: boolean[] = [];
    const near: boolean[] = [];
    const isLand = (lon: number, lat: number): boolean => this.region.isLand(lon, lat);
    for (let i = 0; i <= samples; i++) {
      const [lon, lat] = bezier(a, control, b, i / samples);
      const close = Math.min(Math.hypot(lon - a[0], lat - a[1]), Math.hypot(lon - b[0], lat - b[1])) < END_SLACK;
      land.push(isLand(lon, lat) || (!close && (isLand(lon + side[0], lat + side[1]) || isLand(lon - side[0], lat - side[1]))));
      near.push(close);
    }
    let first = 0, last = samples;
    while (first <= samples && land[first] && near[first]) first++;
    while (last >= first && land[last] && near[last]) last--;
    let count = 0;
    for (let i = first; i <= last; i++) if (land[i]) count++;
    return count;
  }

  private unit([lon, lat]: LonLat): [number, number, number] {
    const c = Math.cos(lat * RAD);
    return [c * Math.cos(lon * RAD), c * Math.sin(lon * RAD), Math.sin(lat * RAD)];
  }
}
