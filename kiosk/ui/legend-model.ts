// What the legend lists for a scenario: the corridor kinds and statuses and
// the relation types it draws, each once, in the map's own order (its
// symbology table), so the legend explains exactly what is on the map and
// nothing else.

import type { CorridorKind, CorridorStatus, PackManifest, RelationType, Scenario } from '../../content/schema/pack-types.js';
import type { KioskStringKey } from '../i18n/kiosk-strings.js';
import { CORRIDOR_KINDS, CORRIDOR_STATUSES, RELATION_TYPES } from '../scene/map-symbology.js';

export interface LegendCorridorEntry {
  kind: CorridorKind;
  status: CorridorStatus;
}

export interface LegendModel {
  corridors: LegendCorridorEntry[];
  relations: RelationType[];
}

export const KIND_LABEL: Record<CorridorKind, KioskStringKey> = {
  rail: 'kindRail',
  sea: 'kindSea',
  road: 'kindRoad',
  pipeline: 'kindPipeline',
  multimodal: 'kindMultimodal',
};
export const STATUS_LABEL: Record<CorridorStatus, KioskStringKey> = {
  operating: 'statusOperating',
  planned: 'statusPlanned',
  proposed: 'statusProposed',
};
export const RELATION_LABEL: Record<RelationType, KioskStringKey> = {
  alliance: 'relAlliance',
  partnership: 'relPartnership',
  mediation: 'relMediation',
  rivalry: 'relRivalry',
  tension: 'relTension',
};

export function legendFor(pack: PackManifest, scenario: Scenario): LegendModel {
  const pairs = new Set<string>();
  for (const id of scenario.corridors) {
    const corridor = pack.corridors.find((c) => c.id === id);
    if (corridor) pairs.add(`${corridor.kind}/${corridor.status}`);
  }
  const corridors: LegendCorridorEntry[] = [];
  for (const kind of CORRIDOR_KINDS) for (const status of CORRIDOR_STATUSES) if (pairs.has(`${kind}/${status}`)) corridors.push({ kind, status });
  const types = new Set(scenario.relations.map((r) => r.type));
  return { corridors, relations: RELATION_TYPES.filter((t) => types.has(t)) };
}
