// Turns a route's legs into smooth lon/lat polylines: land legs follow the
// great circle; sea legs bow out as little as needed to stay off land (a
// ferry from Aktau to Alat must not cut across Absheron).

import type { RegionIndex } from './region-index.js';

const RAD = Math.PI / 180;
/** Sample spacing, degrees of arc. */
const STEP = 0.25;
const BOWS = [0, 0.5, -0.5, 1, -1, 1.6, -1.6, 2.4, -2.4, 3.4, -3.4, 4.6, -4.6];

export class RoutePlanner {
  constructor(private readonly region: RegionIndex) {}

  /** Samples from `a` to `b` as flat lon, lat pairs, both ends included. */
  leg(a: [number, number], b: [number, number], sea: boolean): number[] {
    return sea ? this.seaLeg(a, b) : this.greatCircle(a, b);
  }

  /** A leg is at sea when most of it is off land (ferries, sub-sea pipelines). */
  mostlySea(a: [number, number], b: [number, number]): boolean {
    const samples = this.greatCircle(a, b, 10);
    let water = 0;
    for (let i = 2; i < samples.length - 2; i += 2) if (!this.region.isLand(samples[i]!, samples[i + 1]!)) water++;
    return water >= 6;
  }

  private greatCircle(a: [number, number], b: [number, number], forcedSteps = 0): number[] {
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

  private seaLeg(a: [number, number], b: [number, number]): number[] {
    const dx = b[0] - a[0], dy = b[1] - a[1];
    const length = Math.hypot(dx, dy) || 1;
    const nx = -dy / length, ny = dx / length;
    const steps = Math.max(8, Math.ceil(length / STEP));
    let best: number[] = [];
    let bestLand = Infinity;
    for (const bow of BOWS) {
      // A bow deeper than the leg is long would loop: not worth a clear sea.
      if (Math.abs(bow) * 2 > 0.6 * length) continue;
      const cx = (a[0] + b[0]) / 2 + nx * bow * 2, cy = (a[1] + b[1]) / 2 + ny * bow * 2;
      const out: number[] = [];
      let land = 0;
      for (let i = 0; i <= steps; i++) {
        const t = i / steps;
        const u = 1 - t;
        const lon = u * u * a[0] + 2 * u * t * cx + t * t * b[0];
        const lat = u * u * a[1] + 2 * u * t * cy + t * t * b[1];
        out.push(lon, lat);
        // Ports sit on the shore (or just inland): only the open-water part has to be clear.
        const fromEnds = Math.min(Math.hypot(lon - a[0], lat - a[1]), Math.hypot(lon - b[0], lat - b[1]));
        if (fromEnds > 0.4 && this.region.isLand(lon, lat)) land++;
      }
      if (land < bestLand) [best, bestLand] = [out, land];
      if (land === 0) break;
    }
    return best;
  }

  private unit([lon, lat]: [number, number]): [number, number, number] {
    const c = Math.cos(lat * RAD);
    return [c * Math.cos(lon * RAD), c * Math.sin(lon * RAD), Math.sin(lat * RAD)];
  }
}
