// Names set off on leader lines: the search for a spot further from a dot
// (or a country's point) where neither the name nor its line crosses what is
// taken, the nearest reach first; a hidden dot's name tries its own side of
// its cluster first. A line crosses another only as a last resort, and only
// for a stop. Its storage is one scratch object: a search allocates nothing.

import { CLUSTER_LEADER, CLUSTER_LEADER_START, DOT, INSET, LABEL_GAP as GAP, LEADER_START, type LabelPlaced, type LabelScreen } from './label-screen.js';
import type { LabelPlacer } from './label-placer.js';

/** Gaps between a dot and its name set off on a leader line, nearest first, pixels. */
const LEADER_REACH = [26, 44, 66, 92, 124, 160];
/** A country's name set off its land goes no further than the fourth of them, so it stays beside the land it names (a stop's may use all). */
const COUNTRY_REACHES = 4;
/** Directions tried at each reach, as unit x, y pairs: the sides first, then the diagonals, then between. */
const LEADER_DIRECTIONS = Float64Array.from(
  [0, 180, 90, 270, 45, 135, 225, 315, 22.5, 157.5, 202.5, 337.5, 67.5, 112.5, 247.5, 292.5].flatMap((deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]),
);
/** A hidden dot's name tries the directions within 67.5 degrees of its own way out of the cluster first, at every reach. */
const OUTWARD = Math.cos((67.5 * Math.PI) / 180) - 1e-6;

/** How a name is set off on a leader line (one scratch object: a search allocates nothing). */
interface LeaderAsk {
  /** A hidden dot's: its line starts at its spot and may cross the dots over it. */
  clustered: boolean;
  /** Its way out of a cluster (unit x, y), tried first; NaN for none. */
  tx: number;
  ty: number;
  /** Where the line starts, from the item's anchor (pixels). */
  fx: number;
  fy: number;
  /** How many of LEADER_REACH it may use. */
  reaches: number;
  /** Whether its line may cross another where no spot is left otherwise (a stop's name on a crossing line beats no name). */
  orCrossing: boolean;
}

export class LabelLeaders {
  private readonly ask: LeaderAsk = { clustered: false, tx: NaN, ty: NaN, fx: 0, fy: 0, reaches: LEADER_REACH.length, orCrossing: true };

  constructor(
    private readonly placer: LabelPlacer,
    /** Per item: the atlas rectangle's width and height (letters plus INSET each side). */
    private readonly sizes: Float32Array,
  ) {}

  /**
   * Names place i (a stop, or a place the scenario names) on a leader line
   * from its dot at (x, y), or (clustered) from its own spot under the dots
   * that hide it, its way out of the cluster (tx, ty) tried first. It may go as far as the last reach, and
   * its line may cross another where no other spot is left (a place's name
   * on a crossing line beats no name). False if no spot is found.
   */
  place(i: number, x: number, y: number, screen: LabelScreen, out: LabelPlaced, clustered = false, tx = NaN, ty = NaN): boolean {
    return this.search(i, x, y, screen, out, this.asking(clustered, tx, ty, 0, 0, LEADER_REACH.length, true));
  }

  /**
   * Names country i on a short leader line into its land, from the point
   * (x, y), which is (fx, fy) pixels from its anchor; the line crosses no
   * other. False if no spot is found.
   */
  country(i: number, x: number, y: number, screen: LabelScreen, out: LabelPlaced, fx = 0, fy = 0): boolean {
    return this.search(i, x, y, screen, out, this.asking(false, NaN, NaN, fx, fy, COUNTRY_REACHES, false));
  }

  /**
   * Names item i further from (x, y), the nearest reach first, on a leader
   * line from there to the nearest point of its letters; false if no spot
   * keeps both the name and the line clear of everything taken. Given a way
   * out, the directions near it are tried first at every reach. A line
   * crosses no other line if it can.
   */
  private search(i: number, x: number, y: number, screen: LabelScreen, out: LabelPlaced, ask: LeaderAsk): boolean {
    const { clustered, tx, ty } = ask;
    const lw = this.sizes[i * 2]!, lh = this.sizes[i * 2 + 1]!;
    const placer = this.placer;
    const start = clustered ? CLUSTER_LEADER_START : LEADER_START;
    const rw = lw - 2 * INSET + 2 * GAP, rh = lh - 2 * INSET + 2 * GAP;
    const passes = Number.isNaN(tx) ? 1 : 2;
    // The first spot whose line only crosses another: taken if no spot is clear of every line (one search, not two).
    let crossed = false, cox = 0, coy = 0, crx = 0, cry = 0, csx = 0, csy = 0, cex = 0, cey = 0;
    for (let pass = 0; pass < passes; pass++) {
      for (let r = 0; r < ask.reaches; r++) {
        const reach = LEADER_REACH[r]!;
        for (let d = 0; d < LEADER_DIRECTIONS.length; d += 2) {
          const dx = LEADER_DIRECTIONS[d]!, dy = LEADER_DIRECTIONS[d + 1]!;
          if (passes === 2 && (dx * tx + dy * ty >= OUTWARD) !== (pass === 0)) continue;
          // The rectangle's nearest side (or corner) sits `reach` from the dot, toward (dx, dy).
          const cx = x + dx * reach + (Math.abs(dx) > 0.3 ? Math.sign(dx) * rw / 2 : 0);
          const cy = y + dy * reach + (Math.abs(dy) > 0.3 ? Math.sign(dy) * rh / 2 : 0);
          const ox = cx - x - lw / 2, oy = cy - y - lh / 2;
          const rx = Math.floor(x + ox + 0.5) + INSET - GAP, ry = Math.floor(y + oy + 0.5) + INSET - GAP;
          if (rx < 0 || ry < 0 || rx + rw > screen.width || ry + rh > screen.height || placer.collides(rx, ry, rw, rh, i)) continue;
          // The line runs from the dot's edge to the letters' nearest point.
          const ex = Math.min(Math.max(x, rx + GAP), rx + rw - GAP), ey = Math.min(Math.max(y, ry + GAP), ry + rh - GAP);
          const length = Math.hypot(ex - x, ey - y);
          if (length <= Math.max(start, LEADER_START)) continue;
          const sx = x + ((ex - x) / length) * start, sy = y + ((ey - y) / length) * start;
          // A hidden dot's line may cross the dots that hide it, and nothing else.
          if (placer.segmentCollides(sx, sy, ex, ey, i, clustered ? x : NaN, clustered ? y : NaN, DOT)) continue;
          if (placer.crossesLeader(sx, sy, ex, ey)) {
            if (!crossed) {
              crossed = true;
              cox = ox;
              coy = oy;
              crx = rx;
              cry = ry;
              csx = sx;
              csy = sy;
              cex = ex;
              cey = ey;
            }
            continue;
          }
          this.lead(i, rx, ry, rw, rh, sx, sy, ex, ey, ox, oy, ask, out);
          return true;
        }
      }
    }
    if (!crossed || !ask.orCrossing) return false;
    this.lead(i, crx, cry, rw, rh, csx, csy, cex, cey, cox, coy, ask, out);
    return true;
  }

  /** Takes a name's spot and its line, and writes them out. */
  private lead(i: number, rx: number, ry: number, rw: number, rh: number, sx: number, sy: number, ex: number, ey: number, ox: number, oy: number, ask: LeaderAsk, out: LabelPlaced): void {
    this.placer.take(rx, ry, rw, rh, i, false);
    this.placer.takeSegment(sx, sy, ex, ey);
    // The offsets are from the anchor, as the shaders place labels.
    out.offsets[i * 2] = ox + ask.fx;
    out.offsets[i * 2 + 1] = oy + ask.fy;
    out.leaderFrom[i * 2] = ask.fx;
    out.leaderFrom[i * 2 + 1] = ask.fy;
    out.targets[i] = 1;
    out.leaders[i] = ask.clustered ? CLUSTER_LEADER : 1;
  }

  private asking(clustered: boolean, tx: number, ty: number, fx: number, fy: number, reaches: number, orCrossing: boolean): LeaderAsk {
    const ask = this.ask;
    ask.orCrossing = orCrossing;
    ask.clustered = clustered;
    ask.tx = tx;
    ask.ty = ty;
    ask.fx = fx;
    ask.fy = fy;
    ask.reaches = reaches;
    return ask;
  }
}
