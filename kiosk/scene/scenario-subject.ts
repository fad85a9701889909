// What a scenario is about, derived from what it already lists: the
// corridors it names are its subject; its relations are the context around
// them, drawn quieter, unless it names no corridor (then the relations are
// what it is about). The stops of its subject routes are all named on the map.
// Pure data, shared by the flow layers, the labels and the page's checks.

import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';

export interface ScenarioSubject {
  /** Corridor ids drawn strongest. */
  corridors: ReadonlySet<string>;
  /** Whether the scenario's relations are its subject (true) or its context (false: drawn quieter). */
  relationsAreSubject: boolean;
  /** Every stop of a subject route, in route order (each once). */
  stops: readonly string[];
}

export function scenarioSubject(pack: Pick<PackManifest, 'corridors'>, scenario: Pick<Scenario, 'corridors' | 'relations'>): ScenarioSubject {
  const corridors = new Set(scenario.corridors);
  const stops = new Set<string>();
  for (const corridor of pack.corridors) if (corridors.has(corridor.id)) for (const id of corridor.route) stops.add(id);
  return { corridors, relationsAreSubject: corridors.size === 0, stops: [...stops] };
}

