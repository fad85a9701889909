// The corridor layer draws exactly the lines the pack's map checks measure:
// its ribbon runs through the shared CorridorPaths points, corridor after
// corridor, with nothing of its own added or moved.
import { describe, expect, it } from 'vitest';
import { CorridorPaths } from '../../../content/geo/corridor-paths.js';
import { GeoProjection } from '../../../content/geo/geo-projection.js';
import { RegionIndex } from '../../../content/geo/region-index.js';
import { RoutePlanner } from '../../../content/geo/route-planner.js';
import { buildRegionGeo } from '../../../firmware-bridge/geo/region-geo.js';
import { CorridorLayer } from '../../../kiosk/scene/corridor-layer.js';
import { FLOW_HEIGHT } from '../../../kiosk/scene/map-style.js';
import { loadPack } from '../../content/helpers/load-pack.js';

describe('the corridor layer', () => {
  it('draws each corridor through the points the map checks walk', () => {
    const pack = loadPack();
    const projection = new GeoProjection();
    const planner = new RoutePlanner(new RegionIndex(buildRegionGeo(), projection));
    const layer = new CorridorLayer(pack, planner, projection, { value: 0 }, { value: 1 });
    try {
      const position = layer.mesh.geometry.getAttribute('position');
      const item = layer.mesh.geometry.getAttribute('item');
      const paths = new CorridorPaths(pack, planner, projection);
      let vertex = 0;
      for (const corridor of pack.corridors) {
        const { points } = paths.draw(corridor);
        // Two ribbon vertices (one each side) per point of the line.
        for (let k = 0; k < points.length / 2; k++) {
          for (let side = 0; side < 2; side++, vertex++) {
            expect(item.getX(vertex), corridor.id).toBe(layer.indexOf.get(corridor.id));
            expect(position.getX(vertex), `${corridor.id} point ${k}`).toBeCloseTo(points[k * 2]!, 4);
            expect(position.getY(vertex), `${corridor.id} point ${k}`).toBeCloseTo(points[k * 2 + 1]!, 4);
            expect(position.getZ(vertex)).toBeCloseTo(FLOW_HEIGHT, 5);
          }
        }
      }
      expect(vertex).toBe(position.count);
    } finally {
      layer.dispose();
    }
  });

  it('bows a ferry off the land it would cut, as the checks expect', () => {
    const pack = loadPack();
    const projection = new GeoProjection();
    const region = new RegionIndex(buildRegionGeo(), projection);
    const paths = new CorridorPaths(pack, new RoutePlanner(region), projection);
    const ferry = paths.draw(pack.corridors.find((c) => c.id === 'caspian-crossing-aktau')!);
    expect(ferry.legs).toEqual([expect.objectContaining({ from: 'aktau', to: 'alat', surface: 'water' })]);
    // Away from the ports (the first and last tenth), no point of the line is on land.
    const n = ferry.points.length / 2;
    const onLand: number[] = [];
    for (let k = Math.ceil(n * 0.1); k < n * 0.9; k++) {
      const [lon, lat] = projection.unproject(ferry.points[k * 2]!, ferry.points[k * 2 + 1]!);
      if (region.isLand(lon, lat)) onLand.push(k);
    }
    expect(onLand).toEqual([]);
  });
});
