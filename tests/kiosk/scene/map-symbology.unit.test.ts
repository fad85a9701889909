// The legend shows exactly the symbology the map draws: for every scenario,
// the corridor kinds and statuses and the relation types the layers' ribbons
// carry for what it shows are the legend's entries, in the table's order, and
// each swatch has the colour the layer's shader is given for it.

import { describe, expect, it } from 'vitest';
import type { Mesh, BufferGeometry, ShaderMaterial, Color } from 'three';
import { GeoProjection } from '../../../content/geo/geo-projection.js';
import { RegionIndex } from '../../../content/geo/region-index.js';
import { RoutePlanner } from '../../../content/geo/route-planner.js';
import { buildRegionGeo } from '../../../firmware-bridge/geo/region-geo.js';
import { CorridorLayer } from '../../../kiosk/scene/corridor-layer.js';
import { CORRIDOR_KINDS, CORRIDOR_STATUSES, cssColour, RELATION_TYPES } from '../../../kiosk/scene/map-symbology.js';
import { relationKey, RelationLayer } from '../../../kiosk/scene/relation-layer.js';
import { legendFor } from '../../../kiosk/ui/legend-model.js';
import { CORRIDOR_KIND_STYLES, CORRIDOR_STATUS_STYLES, RELATION_STYLES } from '../../../kiosk/ui/legend-styles.js';
import { loadPack } from '../../content/helpers/load-pack.js';

/** Each item's style pair (kind or type, status) as its ribbon carries it to the shader, by key. */
function ribbonStyles(layer: { mesh: Mesh<BufferGeometry, ShaderMaterial>; indexOf: ReadonlyMap<string, number> }): Map<string, [number, number]> {
  const keyOf = new Map([...layer.indexOf].map(([key, index]) => [index, key]));
  const item = layer.mesh.geometry.getAttribute('item');
  const style = layer.mesh.geometry.getAttribute('style');
  const out = new Map<string, [number, number]>();
  for (let v = 0; v < item.count; v++) out.set(keyOf.get(item.getX(v))!, [style.getX(v), style.getY(v)]);
  return out;
}

/** The colour the layer's shader draws line style `index` in, as CSS writes it. */
const shaderColour = (layer: { mesh: Mesh<BufferGeometry, ShaderMaterial> }, index: number): string =>
  cssColour((layer.mesh.material.uniforms.lineColor!.value as Color[])[index]!.getHex());

describe('the map symbology', () => {
  const pack = loadPack();
  const projection = new GeoProjection();
  const region = new RegionIndex(buildRegionGeo(), projection);
  const corridors = new CorridorLayer(pack, new RoutePlanner(region), projection, { value: 0 }, { value: 1 });
  const relations = new RelationLayer(pack, region, projection, { value: 0 }, { value: 1 });
  const corridorStyles = ribbonStyles(corridors);
  const relationStyles = ribbonStyles(relations);

  it.each(pack.scenarios.map((s) => [s.id, s] as const))('%s: the legend lists what the layers draw, in the map’s colours', (_id, scenario) => {
    const legend = legendFor(pack, scenario);
    const drawnCorridors = new Set(scenario.corridors.filter((id) => corridorStyles.has(id)).map((id) => corridorStyles.get(id)!));
    const kindsDrawn = new Set([...drawnCorridors].map(([kind, status]) => `${CORRIDOR_KINDS[kind]}/${CORRIDOR_STATUSES[status]}`));
    expect(legend.corridors.map((e) => `${e.kind}/${e.status}`).sort()).toEqual([...kindsDrawn].sort());
    for (const [kind] of drawnCorridors) expect(CORRIDOR_KIND_STYLES[CORRIDOR_KINDS[kind]!].colour).toBe(shaderColour(corridors, kind));

    const drawnTypes = new Set(scenario.relations.map(relationKey).filter((key) => relationStyles.has(key)).map((key) => relationStyles.get(key)![0]));
    expect(legend.relations.slice().sort()).toEqual([...drawnTypes].map((t) => RELATION_TYPES[t]!).sort());
    for (const type of drawnTypes) expect(RELATION_STYLES[RELATION_TYPES[type]!].colour).toBe(shaderColour(relations, type));
  });

  it('lists entries in the order the shaders number them', () => {
    const all = { ...pack.scenarios[0]!, corridors: pack.corridors.map((c) => c.id), relations: pack.scenarios.flatMap((s) => s.relations) };
    const legend = legendFor(pack, all);
    const rank = (e: { kind: string; status: string }) => CORRIDOR_KINDS.indexOf(e.kind as never) * 10 + CORRIDOR_STATUSES.indexOf(e.status as never);
    expect(legend.corridors.map(rank)).toEqual(legend.corridors.map(rank).sort((a, b) => a - b));
    expect(legend.relations).toEqual(RELATION_TYPES.filter((t) => legend.relations.includes(t)));
  });

  it('gives every kind, status and type a swatch', () => {
    for (const kind of CORRIDOR_KINDS) expect(CORRIDOR_KIND_STYLES[kind].colour).toBe(shaderColour(corridors, CORRIDOR_KINDS.indexOf(kind)));
    for (const status of CORRIDOR_STATUSES) expect(CORRIDOR_STATUS_STYLES[status]).toBeDefined();
    for (const type of RELATION_TYPES) expect(RELATION_STYLES[type].colour).toBe(shaderColour(relations, RELATION_TYPES.indexOf(type)));
    // Statuses other than operating are broken lines in the swatch, as on the map.
    expect(CORRIDOR_STATUSES.filter((s) => CORRIDOR_STATUS_STYLES[s].dash !== '')).toEqual(['planned', 'proposed']);
  });
});
