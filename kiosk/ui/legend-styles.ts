// How the legend draws each corridor kind and status and each relation type:
// the map's own symbology (kiosk/scene/map-symbology.ts), with its colours
// as CSS writes them, so each swatch shows the pattern the map draws.

import type { CorridorKind, CorridorStatus, RelationType } from '../../content/schema/pack-types.js';
import { CORRIDOR_KIND_SYMBOLS, CORRIDOR_STATUS_SYMBOLS, cssColour, RELATION_SYMBOLS, type LineSymbol, type StatusSymbol } from '../scene/map-symbology.js';

export interface StrokeStyle extends Omit<LineSymbol, 'colour'> {
  /** CSS colour. */
  colour: string;
}

function strokes<K extends string>(symbols: Readonly<Record<K, LineSymbol>>): Record<K, StrokeStyle> {
  const out = {} as Record<K, StrokeStyle>;
  for (const key of Object.keys(symbols) as K[]) out[key] = { ...symbols[key], colour: cssColour(symbols[key].colour) };
  return out;
}

/** Kind: colour and pattern of the line itself. */
export const CORRIDOR_KIND_STYLES: Record<CorridorKind, StrokeStyle> = strokes(CORRIDOR_KIND_SYMBOLS);

/** Status: how firmly the line is drawn. */
export const CORRIDOR_STATUS_STYLES: Readonly<Record<CorridorStatus, StatusSymbol>> = CORRIDOR_STATUS_SYMBOLS;

export const RELATION_STYLES: Record<RelationType, StrokeStyle> = strokes(RELATION_SYMBOLS);
