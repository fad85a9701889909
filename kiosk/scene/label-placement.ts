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
import { LabelLeaders } from './label-leaders.js';
import { LabelPlacer } from './label-placer.js';
import { IN_FOCUS } from './label-priority.js';
import { DOT, INSET, LABEL_GAP as GAP, type LabelPlaced, type LabelScreen } from './label-screen.js';

/** How far off screen an anchor may be and still have a label that reaches in. */
const REACH = 50;
/** Dots this close to a hidden stop's spot make up its cluster, whose centre it is named away from. */
const CLUSTER_RADIUS = 2 * DOT;

/** What the priority policy decided (see label-priority.ts). */
export interface LabelRanking {
  order: readonly number[];
  priority: Float32Array;
  active: Uint8Array;
}

export class LabelPlacement {
  private readonly placer: LabelPlacer;
  /** The stops hidden by other dots, named after every other label in focus has its place (preallocated). */
  private readonly clustered: Int32Array;
  private clusteredCount = 0;
  /** The lit countries no spot on or beside their land could take, named on a leader once every stop in focus has its place (preallocated). */
  private readonly crowded: Int32Array;
  private crowdedCount = 0;
  private readonly leaders: LabelLeaders;

  constructor(
    private readonly items: readonly LabelItem[],
    /** Per item: the atlas rectangle's width and height (letters plus INSET each side). */
    private readonly sizes: Float32Array,
    maxBlocked: number,
  ) {
    this.placer = new LabelPlacer(items.length * 2 + maxBlocked, items.length);
    this.leaders = new LabelLeaders(this.placer, sizes);
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
      if (targets[i] === 0 && item.marker > 0 && markerTargets[i] === 1 && priority[i]! >= IN_FOCUS) this.leaders.place(i, x, y, screen, out);
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
      if (this.clear(x, y, w, h) && this.leaders.country(i, x, y, screen, out)) continue;
      for (let a = screen.altStart[i]!; a < screen.altStart[i]! + screen.altCount[i]!; a++) {
        const px = alternates[a * 2]!, py = alternates[a * 2 + 1]!;
        if (this.clear(px, py, w, h) && this.leaders.country(i, px, py, screen, out, px - x, py - y)) break;
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
      this.leaders.place(i, x, y, screen, out, true, length > 0.5 ? tx / length : NaN, length > 0.5 ? ty / length : NaN);
    }
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
