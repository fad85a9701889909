// What a curator wants to know that does not stop a pack: a source no text
// cites, a scenario that cites none. (Over-long summaries and missing
// translations come from the validator, which refuses them on a stick; the
// studio shows them as warnings too. Routes through undeclared countries are
// refused and shown as errors.)

import type { PackManifest } from '../../content/schema/pack-types.js';

export interface CuratorWarning {
  file: string;
  field: string;
  message: string;
  fix: string;
  code: string;
  params: Record<string, string>;
}

/** Every `sources` list below the top level, i.e. every citation. */
function citations(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) for (const item of value) citations(item, into);
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'sources' && Array.isArray(inner)) for (const id of inner) if (typeof id === 'string') into.add(id);
      citations(inner, into);
    }
  }
}

export function curatorWarnings(pack: PackManifest): CuratorWarning[] {
  const warnings: CuratorWarning[] = [];
  const cited = new Set<string>();
  const { sources: _listed, ...rest } = pack;
  citations(rest, cited);
  pack.sources.forEach((source, i) => {
    if (!cited.has(source.id)) {
      warnings.push({ file: 'pack.json', field: `sources[${i}]`, message: `the source "${source.id}" is cited nowhere`, fix: 'cite it in the scenarios or timeline events that use it, or remove it', code: 'source-uncited', params: { id: source.id } });
    }
  });
  pack.scenarios.forEach((scenario, i) => {
    if (!scenario.sources || scenario.sources.length === 0) {
      warnings.push({ file: 'pack.json', field: `scenarios[${i}]`, message: `the scenario "${scenario.id}" cites no source`, fix: 'add the ids of its sources to its "sources" list', code: 'scenario-uncited', params: { id: scenario.id } });
    }
  });
  return warnings;
}
