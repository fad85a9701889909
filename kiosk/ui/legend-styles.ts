// How the map draws each corridor kind and status and each relation type,
// without relying on colour (kiosk/scene's corridor and relation layers):
// the legend draws the same patterns as small SVG swatches.

import type { CorridorKind, CorridorStatus, RelationType } from '../../content/schema/pack-types.js';

export interface StrokeStyle {
  colour: string;
  width: number;
  /** SVG stroke-dasharray, '' for solid. */
  dash: string;
  /** Draw a second, parallel line (rivalry). */
  double?: boolean;
  /** Small marks across the line (rail ties) or along it (chevrons). */
  marks?: 'ties' | 'chevrons' | 'wave';
  opacity?: number;
}

/** Kind: colour and pattern of the line itself. */
export const CORRIDOR_KIND_STYLES: Record<CorridorKind, StrokeStyle> = {
  rail: { colour: '#ff8a70', width: 3, dash: '', marks: 'ties' },
  sea: { colour: '#74d7ff', width: 3, dash: '', marks: 'wave' },
  road: { colour: '#c4ec8a', width: 4, dash: '1 6' },
  pipeline: { colour: '#ffb845', width: 5, dash: '' },
  multimodal: { colour: '#f7f2e6', width: 3, dash: '', marks: 'chevrons' },
};

/** Status: how firmly the line is drawn. */
export const CORRIDOR_STATUS_STYLES: Record<CorridorStatus, { dash: string; opacity: number }> = {
  operating: { dash: '', opacity: 1 },
  planned: { dash: '8 5', opacity: 0.9 },
  proposed: { dash: '3 6', opacity: 0.7 },
};

export const RELATION_STYLES: Record<RelationType, StrokeStyle> = {
  alliance: { colour: '#ffd166', width: 6, dash: '' },
  partnership: { colour: '#9fd8f0', width: 2.5, dash: '' },
  mediation: { colour: '#d4c2ff', width: 3, dash: '9 6' },
  rivalry: { colour: '#ff9f4a', width: 2.5, dash: '', double: true },
  tension: { colour: '#ff5a5a', width: 4, dash: '1 7' },
};
