// The map's symbology, in one table: every corridor kind and status and every
// relation type, in the order the shaders number them and the legend lists
// them, with its colour and its line, so the corridor and relation layers and
// the legend cannot drift apart. Kinds and types read without colour too:
// rail = rails and ties, sea = a dashed wave, road = dots, pipeline = a solid
// core, multimodal = chevrons; operating = solid, planned = dashed, proposed =
// thin, translucent and broken; alliance = thick solid, partnership = thin
// solid, mediation = dashed, rivalry = a double line, tension = dots.
// Plain data (colours as sRGB hex): the legend uses it without three.js.

import type { CorridorKind, CorridorStatus, RelationType } from '../../content/schema/pack-types.js';

/** A line as the legend's swatch draws it (a 64x20 SVG box); the shaders draw the same pattern. */
export interface LineSymbol {
  /** sRGB hex, as the shaders and the legend use it. */
  colour: number;
  width: number;
  /** SVG stroke-dasharray, '' for solid. */
  dash: string;
  /** A second, parallel line (rivalry). */
  double?: boolean;
  /** Small marks across the line (rail ties), along it (chevrons), or a wave (sea). */
  marks?: 'ties' | 'chevrons' | 'wave';
  opacity?: number;
}

/** How firmly a corridor's status draws its line. */
export interface StatusSymbol {
  dash: string;
  opacity: number;
}

/** Corridor kinds in order: the index is the kind's number in the corridor shader, and the legend's order. */
export const CORRIDOR_KINDS: readonly CorridorKind[] = ['rail', 'sea', 'road', 'pipeline', 'multimodal'];
/** Corridor statuses in order: the index is the status's number in the corridor shader. */
export const CORRIDOR_STATUSES: readonly CorridorStatus[] = ['operating', 'planned', 'proposed'];
/** Relation types in order: the index is the type's number in the relation shader. */
export const RELATION_TYPES: readonly RelationType[] = ['alliance', 'partnership', 'mediation', 'rivalry', 'tension'];

export const CORRIDOR_KIND_SYMBOLS: Readonly<Record<CorridorKind, LineSymbol>> = {
  rail: { colour: 0xff8a70, width: 3, dash: '', marks: 'ties' },
  sea: { colour: 0x74d7ff, width: 3, dash: '', marks: 'wave' },
  road: { colour: 0xc4ec8a, width: 4, dash: '1 6' },
  pipeline: { colour: 0xffb845, width: 5, dash: '' },
  multimodal: { colour: 0xf7f2e6, width: 3, dash: '', marks: 'chevrons' },
};

export const CORRIDOR_STATUS_SYMBOLS: Readonly<Record<CorridorStatus, StatusSymbol>> = {
  operating: { dash: '', opacity: 1 },
  planned: { dash: '8 5', opacity: 0.9 },
  proposed: { dash: '3 6', opacity: 0.92 },
};

export const RELATION_SYMBOLS: Readonly<Record<RelationType, LineSymbol>> = {
  alliance: { colour: 0xffd166, width: 6, dash: '' },
  partnership: { colour: 0x9fd8f0, width: 2.5, dash: '' },
  mediation: { colour: 0xd4c2ff, width: 3, dash: '9 6' },
  rivalry: { colour: 0xff9f4a, width: 2.5, dash: '', double: true },
  tension: { colour: 0xff5a5a, width: 4, dash: '1 7' },
};

/** The dark casing under each kind of line, so it reads on land and sea alike. */
export const CASING = { corridor: 0x0d1a24, relation: 0x0a141d } as const;

/** Draw order above the land: corridors, then the relations' arcs over them (labels come later). */
export const FLOW_ORDER = { corridor: 10, relation: 12 } as const;

/** A shader's number for a kind, status or type (0 for one it does not know). */
export function symbolIndex<T extends string>(order: readonly T[], value: T): number {
  return Math.max(0, order.indexOf(value));
}

/** An sRGB hex colour as CSS writes it. */
export function cssColour(hex: number): string {
  return `#${hex.toString(16).padStart(6, '0')}`;
}
