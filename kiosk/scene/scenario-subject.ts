// What a scenario is about, for the map: its subject is drawn strongest and
// its stops named first; the rest it shows is context, drawn quieter. By
// default a scenario with corridors is about them (its relations explain
// them) and one without is about its relations; `emphasis` in the pack says
// otherwise. Pure.

import type { PackManifest, Relation, Scenario } from '../../content/schema/pack-types.js';

export interface ScenarioSubject {
  /** The corridors drawn as subject (none when the relations are). */
  corridors: string[];
  relations: Relation[];
  /** Every stop of the subject corridors' routes: each is named on the map. */
  stops: Set<string>;
}

export function scenarioSubject(pack: PackManifest, scenario: Scenario): ScenarioSubject {
  const emphasis = scenario.emphasis ?? (scenario.corridors.length > 0 ? 'corridors' : 'relations');
  const corridors = emphasis === 'corridors' ? scenario.corridors : [];
  const stops = new Set<string>();
  for (const corridor of pack.corridors) if (corridors.includes(corridor.id)) for (const id of corridor.route) stops.add(id);
  return { corridors, relations: emphasis === 'relations' ? scenario.relations : [], stops };
}
