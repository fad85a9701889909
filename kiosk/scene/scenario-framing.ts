// Where the camera goes for a scenario: its centre, zoom, tilt and heading
// from the pack, as the camera rig's framing in scene units and radians;
// then drawn back, if need be, until the places the scenario is about fit
// the screen it is shown on (a portrait screen is narrower than the view the
// pack's camera was chosen for).

import { PerspectiveCamera, Vector3 } from 'three';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import { placeCamera, type Framing } from './camera-rig.js';
import { scenarioSubject } from './scenario-subject.js';

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

/**
 * The screen a framing is fitted to: its size, where the framed point sits on
 * it (pixels from the top-left), the camera's vertical field of view, and the
 * panels over the map (no place may sit under one).
 */
export interface FitView {
  width: number;
  height: number;
  focusX: number;
  focusY: number;
  fov: number;
  panels?: readonly { left: number; top: number; width: number; height: number }[];
}

/** How far inside the screen's edge, and outside a panel's, a fitted place stays, pixels. */
const FIT_MARGIN = 36;
const PANEL_MARGIN = 16;
/** Each step back, and how many at most (about 4 times as far). */
const FIT_STEP = 1.1;
const FIT_STEPS = 15;
const fitCamera = new PerspectiveCamera();
const scratch = new Vector3();

/**
 * The framing, moved back as little as needed (never closer) for every point
 * (scene x, y on the ground) to lie on screen, FIT_MARGIN inside its edge,
 * and clear of the panels (moving back draws every point toward the framed
 * point, which sits in the middle of what the panels leave free).
 * Run on a switch or a resize, not per frame.
 */
export function fitFraming(framing: Framing, points: readonly (readonly [number, number])[], view: FitView): Framing {
  if (points.length === 0 || view.width <= 2 * FIT_MARGIN || view.height <= 2 * FIT_MARGIN) return framing;
  fitCamera.fov = view.fov;
  fitCamera.aspect = view.width / view.height;
  fitCamera.setViewOffset(view.width, view.height, view.width / 2 - view.focusX, view.height / 2 - view.focusY, view.width, view.height);
  let distance = framing.distance;
  for (let step = 0; step < FIT_STEPS; step++, distance *= FIT_STEP) {
    placeCamera(fitCamera, framing.x, framing.y, distance, framing.tilt, framing.heading);
    fitCamera.matrixWorldInverse.copy(fitCamera.matrixWorld).invert();
    if (points.every(([x, y]) => onScreen(x, y, view))) break;
  }
  return { ...framing, distance };
}

function onScreen(x: number, y: number, view: FitView): boolean {
  const s = scratch.set(x, y, 0).applyMatrix4(fitCamera.matrixWorldInverse);
  if (s.z >= 0) return false;
  s.applyMatrix4(fitCamera.projectionMatrix);
  const px = (s.x * 0.5 + 0.5) * view.width, py = (0.5 - s.y * 0.5) * view.height;
  if (px < FIT_MARGIN || py < FIT_MARGIN || px > view.width - FIT_MARGIN || py > view.height - FIT_MARGIN) return false;
  const m = PANEL_MARGIN;
  return !view.panels?.some((p) => px > p.left - m && px < p.left + p.width + m && py > p.top - m && py < p.top + p.height + m);
}

/** The scenario's framing fitted to the view: its named places and its routes' stops all on screen. */
export function fittedScenarioFraming(pack: Pick<PackManifest, 'corridors' | 'places'>, scenario: Scenario, projection: GeoProjection, view: FitView): Framing {
  const ids = new Set([...(scenario.places ?? []), ...scenarioSubject(pack, scenario).stops]);
  const points = pack.places.filter((p) => ids.has(p.id)).map((p) => projection.project(p.at[0], p.at[1]));
  return fitFraming(scenarioFraming(scenario, projection), points, view);
}
