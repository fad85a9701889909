// The pixels labels are laid out in: the metrics a layout keeps (gaps, dots,
// where leader lines start), the screen it reads and what it writes. Shared
// by the placement, its leader search and the GPU buffers that draw the result.

/** Screen-pixel margins kept clear around each label's letters. */
export const LABEL_GAP = 4;
/** The atlas rectangle's blank margin around the letters. */
export const INSET = 7;
/** A place's dot, and the room kept clear around it. */
export const DOT = 14;
/** A leader line starts this far from its dot's centre (clear of the dot). */
export const LEADER_START = 8;
/** A hidden dot's leader starts this close to its spot, so it points into the cluster. */
export const CLUSTER_LEADER_START = 2;
/** The `leaders` value of a hidden dot's leader (1: an ordinary one). */
export const CLUSTER_LEADER = 2;

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
