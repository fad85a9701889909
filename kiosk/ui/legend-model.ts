// What the legend lists for a scenario: the corridor kinds and statuses and
// the relation types it draws, each once, in a fixed order, so the legend
// explains exactly what is on the map and nothing else.

import type { CorridorKind, CorridorStatus, PackManifest, RelationType, Scenario } from '../../content/schema/pack-types.js';
import type { KioskStringKey } from '../i18n/kiosk-strings.js';

export interface LegendCorridorEntry {
  kind: CorridorKind;
  status: CorridorStatus;
}

export interface LegendModel {
  corridors: LegendCorridorEntry[];
  relations: RelationType[];
}

const KIND_ORDER: CorridorKind[] = ['rail', 'sea', 'road', 'pipeline', 'multimodal'];
const STATUS_ORDER: CorridorStatus[] = ['operating', 'planned', 'proposed'];
const RELATION_ORDER: RelationType[] = ['alliance', 'partnership', 'mediation', 'rivalry', 'tension'];

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
  for (const kind of KIND_ORDER) for (const status of STATUS_ORDER) if (pairs.has(`${kind}/${status}`)) corridors.push({ kind, status });
  const types = new Set(scenario.relations.map((r) => r.type));
  return { corridors, relations: RELATION_ORDER.filter((t) => types.has(t)) };
}
