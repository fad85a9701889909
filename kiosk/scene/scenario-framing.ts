// Where the camera goes for a scenario: its centre, zoom, tilt and heading
// from the pack, as the camera rig's framing in scene units and radians.

import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { Scenario } from '../../content/schema/pack-types.js';
import type { Framing } from './camera-rig.js';

const DEG = Math.PI / 180;
/** Distance that shows the whole region at zoom 1. */
const REGION_DISTANCE = 100;

export function scenarioFraming(scenario: Scenario, projection: GeoProjection): Framing {
  const [x, y] = projection.project(scenario.camera.center[0], scenario.camera.center[1]);
  return {
    x,
    y,
    distance: REGION_DISTANCE / Math.max(scenario.camera.zoom, 0.5),
    tilt: (scenario.camera.tilt ?? 30) * DEG,
    heading: (scenario.camera.heading ?? 0) * DEG,
  };
}
