// Where labels go on screen, in pixels (y up): taken greedily in priority
// order, none touching another, an overlay or the screen's edge. The dots of
// the places a scenario names go down first, so the names laid out after them
// step around them; a place's name tries the four sides of its dot, a lit or
// anchored country may step a little aside, and an unlit country is named
// only if its name fits inside it. A place the scenario is about (a stop of
// its routes, a place it names) whose sides are all taken is named further
// off, with a leader line to its dot, where neither the name nor the line
// crosses another. A stop whose dot lies under another's (stops packed closer
// than their dots, as along a coast at a wide view) keeps its dot hidden and
// is named the same way, its line running to its own spot beside the dot
// that covers it, toward its own side of the cluster where there is room. A
// lit country crowded off its land and its other points is named last among
// the labels in focus, on a line into its land. Pure: no GPU, no camera; it reads where
// each label's anchor is on screen and writes which labels and dots show.
// Its storage is preallocated, so a layout allocates nothing.

import type { LabelItem } from './label-items.js';
import { LabelPlacer } from './label-placer.js';
import { IN_FOCUS } from './label-priority.js';

/** Screen-pixel margins kept clear around each label's letters. */
export const LABEL_GAP = 4;
const GAP = LABEL_GAP;
/** The atlas rectangle's blank margin around the letters. */
export const INSET = 7;
/** A place's dot, and the room kept clear around it. */
const DOT = 14;
/** How far off screen an anchor may be and still have a label that reaches in. */
const REACH = 50;
/** A leader line starts this far from its dot's centre (clear of the dot). */
export const LEADER_START = 8;
/** A hidden dot's leader starts this close to its spot, so it points into the cluster. */
export const CLUSTER_LEADER_START = 2;
/** The `leaders` value of a hidden dot's leader (1: an ordinary one). */
export const CLUSTER_LEADER = 2;
/** Gaps between a dot and its name set off on a leader line, nearest first, pixels. */
const LEADER_REACH = [26, 44, 66, 92, 124, 160];
/** A country's name set off its land goes no further than the third of them, so it stays beside the land it names. */
const COUNTRY_REACHES = 3;
/** Directions tried at each reach, as unit x, y pairs: the sides first, then the diagonals, then between. */
const LEADER_DIRECTIONS = Float64Array.from(
  [0, 180, 90, 270, 45, 135, 225, 315, 22.5, 157.5, 202.5, 337.5, 67.5, 112.5, 247.5, 292.5].flatMap((deg) => [Math.cos((deg * Math.PI) / 180), Math.sin((deg * Math.PI) / 180)]),
);
/** A hidden dot's name tries the directions within 67.5 degrees of its own way out of the cluster first, at every reach. */
const OUTWARD = Math.cos((67.5 * Math.PI) / 180) - 1e-6;
/** Dots this close to a hidden stop's spot make up its cluster, whose centre it is named away from. */
const CLUSTER_RADIUS = 2 * DOT;

/** The screen, as the camera sees it now. */
export interface LabelScreen {
  width: number;
  height: number;
  /** Pixels per scene unit at distance 1 (from the camera's field of view). */
  unitsToPx: number;
  /** Per item: x, y (pixels, y up from the bottom edge) and distance from the camera, in full precision. */
  at: Float64Array;
  /** Per item: 1 when in front of the camera. */
  seen: Uint8Array;
  /** Overlay rectangles, x, y, width, height each (y up), and how many there are. */
  blocked: Float32Array;
  blockedCount: number;
  /** Other points a lit country's name may go to (x, y pixels, y up), on screen: item i's are altCount[i] pairs from pair altStart[i]. */
  alternates: Float64Array;
  altStart: Int32Array;
  altCount: Int32Array;
}

/** What the priority policy decided (see label-priority.ts). */
export interface LabelRanking {
  order: readonly number[];
  priority: Float32Array;
  active: Uint8Array;
}

/**
 * What a layout writes, per item: label shown (1) or not, dot shown, the
 * label's offset from its anchor, and a leader line to it (1, or 2 from a
 * hidden dot) or not. A label no longer shown keeps its offset and its leader,
 * so the two fade out together where they were.
 */
export interface LabelPlaced {
  targets: Float32Array;
  markerTargets: Float32Array;
  offsets: Float32Array;
  leaders: Float32Array;
  /** Per item: where its leader starts, from its anchor (pixels): not at the anchor only for a crowded country's. */
  leaderFrom: Float32Array;
}

/** How a name is set off on a leader line (one scratch object per layout: a layout allocates nothing). */
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

export class LabelPlacement {
  private readonly placer: LabelPlacer;
  /** The stops hidden by other dots, named after every other label in focus has its place (preallocated). */
  private readonly clustered: Int32Array;
  private clusteredCount = 0;
  /** The lit countries no spot on or beside their land could take, named on a leader once every stop in focus has its place (preallocated). */
  private readonly crowded: Int32Array;
  private crowdedCount = 0;
  private readonly ask: LeaderAsk = { clustered: false, tx: NaN, ty: NaN, fx: 0, fy: 0, reaches: LEADER_REACH.length, orCrossing: true };

  constructor(
    private readonly items: readonly LabelItem[],
    /** Per item: the atlas rectangle's width and height (letters plus INSET each side). */
    private readonly sizes: Float32Array,
    maxBlocked: number,
  ) {
    this.placer = new LabelPlacer(items.length * 2 + maxBlocked, items.length);
    this.clustered = new Int32Array(items.length);
    this.crowded = new Int32Array(items.length);
  }

  layout(screen: LabelScreen, ranking: LabelRanking, out: LabelPlaced): void {
    const { width: w, height: h, at, seen, blocked } = screen;
    const { order, priority, active } = ranking;
    const { targets, markerTargets, offsets } = out;
    const placer = this.placer;
    placer.reset();
    for (let k = 0; k < screen.blockedCount; k++) placer.block(blocked[k * 4]!, blocked[k * 4 + 1]!, blocked[k * 4 + 2]!, blocked[k * 4 + 3]!);
    // The dots of the places the scenario names go down first, so a lit
    // country's name (laid out before their labels) steps around them.
    markerTargets.fill(0);
    for (const i of order) {
      if (priority[i]! < IN_FOCUS) break;
      if (this.items[i]!.kind !== 'place' || this.items[i]!.marker === 0 || !seen[i]) continue;
      const x = at[i * 3]!, y = at[i * 3 + 1]!;
      if (x < 0 || y < 0 || x > w || y > h || this.dotCollides(x, y)) continue;
      this.takeDot(x, y, i);
      markerTargets[i] = 1;
    }
    this.clusteredCount = this.crowdedCount = 0;
    let clustersNamed = false;
    for (const i of order) {
      targets[i] = 0;
      // The hidden stops' names come after the rest in focus, which have their dots to be named beside.
      if (!clustersNamed && priority[i]! < IN_FOCUS) {
        this.nameClustered(screen, out);
        this.nameCrowded(screen, out);
        clustersNamed = true;
      }
      if (!active[i] || !seen[i]) continue;
      const item = this.items[i]!;
      const x = at[i * 3]!, y = at[i * 3 + 1]!;
      const lit = item.kind === 'country' && priority[i]! >= IN_FOCUS;
      const reaches = x >= -REACH && y >= -REACH && x <= w + REACH && y <= h + REACH;
      if (!reaches && !(lit && screen.altCount[i]! > 0)) continue;
      if (item.marker > 0 && markerTargets[i] === 0) {
        // A place's dot goes first; a dot under a more important label stays hidden.
        if (this.dotCollides(x, y)) {
          // A stop hidden only by other dots (its spot clear of names and panels) is still named, on a line into the cluster.
          if (priority[i]! >= IN_FOCUS && this.sizes[i * 2]! > 0 && x >= 0 && y >= 0 && x <= w && y <= h) this.clustered[this.clusteredCount++] = i;
          continue;
        }
        this.takeDot(x, y, i);
        markerTargets[i] = 1;
      }
      const lw = this.sizes[i * 2]!, lh = this.sizes[i * 2 + 1]!;
      if (lw === 0) continue;
      if (item.kind === 'country' && priority[i]! < IN_FOCUS) {
        // An unlit country is named only if the name fits inside it.
        const pxPerUnit = screen.unitsToPx / at[i * 3 + 2]!;
        if (lw - 2 * INSET > 1.5 * Math.sqrt(item.area) * pxPerUnit) continue;
      }
      // Places try four sides of their dot; a lit or anchored country may step aside a little.
      const movable = item.kind === 'country' && (item.anchored || priority[i]! >= IN_FOCUS);
      const candidates = !reaches ? 0 : item.marker > 0 ? 4 : movable ? 5 : 1;
      for (let c = 0; c < candidates; c++) {
        // A lit country tries its own other points (inside it) before stepping off its anchor.
        if (c === 1 && lit && this.placeAtAlternate(i, x, y, lw, lh, screen, out)) break;
        let ox = -lw / 2, oy = -lh / 2;
        if (movable && c > 0) {
          if (c < 3) oy += c === 1 ? -48 : 48;
          else ox += c === 3 ? lw / 3 : -lw / 3;
        }
        if (item.marker > 0) {
          if (c === 0) ox = 10 - INSET;
          else if (c === 1) ox = -10 - lw + INSET;
          else if (c === 2) oy = 12 - INSET;
          else oy = -12 - lh + INSET;
        }
        const rx = Math.floor(x + ox + 0.5) + INSET - GAP, ry = Math.floor(y + oy + 0.5) + INSET - GAP;
        const rw = lw - 2 * INSET + 2 * GAP, rh = lh - 2 * INSET + 2 * GAP;
        // Whole labels only: none may run off the screen's edge.
        if (rx < 0 || ry < 0 || rx + rw > w || ry + rh > h || placer.collides(rx, ry, rw, rh, i)) continue;
        placer.take(rx, ry, rw, rh, i, false);
        offsets[i * 2] = ox;
        offsets[i * 2 + 1] = oy;
        targets[i] = 1;
        out.leaders[i] = 0;
        break;
      }
      // A lit country whose own point is off screen or crowded out is named where more of it shows.
      if (lit && targets[i] === 0 && !reaches) this.placeAtAlternate(i, x, y, lw, lh, screen, out);
      // One still unnamed is named on a line into its land, after the stops in focus (so none of them loses its name to it).
      if (lit && targets[i] === 0) this.crowded[this.crowdedCount++] = i;
      // A place the scenario is about, its sides all taken, is named further off on a leader line.
      if (targets[i] === 0 && item.marker > 0 && markerTargets[i] === 1 && priority[i]! >= IN_FOCUS) this.placeWithLeader(i, x, y, screen, out, this.asking(false, NaN, NaN, 0, 0, LEADER_REACH.length));
    }
    if (!clustersNamed) {
      this.nameClustered(screen, out);
      this.nameCrowded(screen, out);
    }
  }

  /**
   * Names each lit country the layout found no room for on a leader line
   * into its land: from its label point, or else from the first of its other
   * points, wherever that point is on screen and clear.
   */
  private nameCrowded(screen: LabelScreen, out: LabelPlaced): void {
    const { at, alternates, width: w, height: h } = screen;
    for (let k = 0; k < this.crowdedCount; k++) {
      const i = this.crowded[k]!;
      const x = at[i * 3]!, y = at[i * 3 + 1]!;
      if (this.clear(x, y, w, h) && this.placeWithLeader(i, x, y, screen, out, this.asking(false, NaN, NaN, 0, 0, COUNTRY_REACHES))) continue;
      for (let a = screen.altStart[i]!; a < screen.altStart[i]! + screen.altCount[i]!; a++) {
        const px = alternates[a * 2]!, py = alternates[a * 2 + 1]!;
        if (this.clear(px, py, w, h) && this.placeWithLeader(i, px, py, screen, out, this.asking(false, NaN, NaN, px - x, py - y, COUNTRY_REACHES))) break;
      }
    }
  }

  /** Names the stops hidden by other dots (their spots clear of names and panels), each on a line into its cluster. */
  private nameClustered(screen: LabelScreen, out: LabelPlaced): void {
    const { at } = screen;
    for (let k = 0; k < this.clusteredCount; k++) {
      const i = this.clustered[k]!;
      const x = at[i * 3]!, y = at[i * 3 + 1]!;
      if (this.placer.covers(x, y)) continue;
      // Its way out: from the centre of the dots round it to its own spot, so a town north of a city is named to the north.
      let sx = 0, sy = 0, n = 0;
      for (let j = 0; j < this.items.length; j++) {
        if (out.markerTargets[j] !== 1) continue;
        const dx = at[j * 3]! - x, dy = at[j * 3 + 1]! - y;
        if (dx * dx + dy * dy > CLUSTER_RADIUS * CLUSTER_RADIUS) continue;
        sx += at[j * 3]!;
        sy += at[j * 3 + 1]!;
        n++;
      }
      const tx = n > 0 ? x - sx / n : 0, ty = n > 0 ? y - sy / n : 0;
      const length = Math.hypot(tx, ty);
      this.placeWithLeader(i, x, y, screen, out, this.asking(true, length > 0.5 ? tx / length : NaN, length > 0.5 ? ty / length : NaN, 0, 0, LEADER_REACH.length));
    }
  }

  /**
   * Names item i further from (x, y), the nearest reach first, on a leader
   * line from there to the nearest point of its letters; false if no spot
   * keeps both the name and the line clear of everything taken. Given a way
   * out, the directions near it are tried first at every reach. A line
   * crosses no other line if it can.
   */
  private placeWithLeader(i: number, x: number, y: number, screen: LabelScreen, out: LabelPlaced, ask: LeaderAsk): boolean {
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
          if (placer.segmentCollides(sx, sy, ex, ey, i, clustered ? x : NaN, clustered ? y : NaN, DOT, true)) continue;
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

  /** A stop's line (reaches: all of them) may cross another as a last resort; a country's (a few) never. */
  private asking(clustered: boolean, tx: number, ty: number, fx: number, fy: number, reaches: number): LeaderAsk {
    const ask = this.ask;
    ask.orCrossing = reaches === LEADER_REACH.length;
    ask.clustered = clustered;
    ask.tx = tx;
    ask.ty = ty;
    ask.fx = fx;
    ask.fy = fy;
    ask.reaches = reaches;
    return ask;
  }

  /** Names item i at the first of its other points where the name fits; false if none. */
  private placeAtAlternate(i: number, x: number, y: number, lw: number, lh: number, screen: LabelScreen, out: LabelPlaced): boolean {
    const start = screen.altStart[i]!, count = screen.altCount[i]!;
    for (let k = start; k < start + count; k++) {
      const ox = screen.alternates[k * 2]! - x - lw / 2, oy = screen.alternates[k * 2 + 1]! - y - lh / 2;
      const rx = Math.floor(x + ox + 0.5) + INSET - GAP, ry = Math.floor(y + oy + 0.5) + INSET - GAP;
      const rw = lw - 2 * INSET + 2 * GAP, rh = lh - 2 * INSET + 2 * GAP;
      if (rx < 0 || ry < 0 || rx + rw > screen.width || ry + rh > screen.height || this.placer.collides(rx, ry, rw, rh, i)) continue;
      this.placer.take(rx, ry, rw, rh, i, false);
      out.offsets[i * 2] = ox;
      out.offsets[i * 2 + 1] = oy;
      out.targets[i] = 1;
      out.leaders[i] = 0;
      return true;
    }
    return false;
  }

  /** The labels the last layout showed (markers and overlays left out), as item index and pixel rectangle. */
  labels(): { item: number; rect: [number, number, number, number] }[] {
    return this.placer.labels();
  }

  /** Whether a point is on screen and under no label or panel. */
  private clear(x: number, y: number, w: number, h: number): boolean {
    return x >= 0 && y >= 0 && x <= w && y <= h && !this.placer.covers(x, y);
  }

  private dotCollides(x: number, y: number): boolean {
    return this.placer.collides(x - DOT / 2, y - DOT / 2, DOT, DOT, -1);
  }

  private takeDot(x: number, y: number, item: number): void {
    this.placer.take(x - DOT / 2, y - DOT / 2, DOT, DOT, item, true);
  }
}
