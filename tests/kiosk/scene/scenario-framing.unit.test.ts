// A scenario's camera fitted to the screen it is shown on: as the pack chose
// it when its places fit, drawn back (never closer) until they all do on a
// narrower screen, checked by projecting them with a camera placed as the rig
// places it.
import { PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { placeCamera, type Framing } from '../../../kiosk/scene/camera-rig.js';
import { fitFraming, type FitView } from '../../../kiosk/scene/scenario-framing.js';

const framing: Framing = { x: 0, y: 0, distance: 40, tilt: 0.5, heading: 0.2 };
const landscape: FitView = { width: 1920, height: 1080, focusX: 1100, focusY: 560, fov: 35 };
const portrait: FitView = { width: 1080, height: 1920, focusX: 540, focusY: 800, fov: 35 };

/** Where each point lands on the view with the framing, pixels from the top-left (null behind the camera). */
function project(f: Framing, view: FitView, points: [number, number][]): ([number, number] | null)[] {
  const camera = new PerspectiveCamera(view.fov, view.width / view.height, 1, 2000);
  camera.setViewOffset(view.width, view.height, view.width / 2 - view.focusX, view.height / 2 - view.focusY, view.width, view.height);
  placeCamera(camera, f.x, f.y, f.distance, f.tilt, f.heading);
  camera.matrixWorldInverse.copy(camera.matrixWorld).invert();
  return points.map(([x, y]) => {
    const v = new Vector3(x, y, 0).applyMatrix4(camera.matrixWorldInverse);
    if (v.z >= 0) return null;
    v.applyMatrix4(camera.projectionMatrix);
    return [(v.x * 0.5 + 0.5) * view.width, (0.5 - v.y * 0.5) * view.height];
  });
}

const inside = (view: FitView, margin: number) => (p: [number, number] | null) =>
  !!p && p[0] >= margin && p[1] >= margin && p[0] <= view.width - margin && p[1] <= view.height - margin;

describe('fitFraming', () => {
  // A route from west to east across the middle of the view.
  const route: [number, number][] = [[-14, -1], [-7, 1], [0, 0], [7, 2], [14, 0]];

  it('keeps the pack’s camera when its places already fit', () => {
    expect(project(framing, landscape, route).every(inside(landscape, 36))).toBe(true);
    expect(fitFraming(framing, route, landscape)).toEqual(framing);
    expect(fitFraming(framing, [], portrait)).toEqual(framing);
  });

  it('draws back on a portrait screen, no further than needed, until every place is on screen', () => {
    expect(project(framing, portrait, route).every(inside(portrait, 36))).toBe(false);
    const fitted = fitFraming(framing, route, portrait);
    expect(fitted.distance).toBeGreaterThan(framing.distance);
    expect({ ...fitted, distance: framing.distance }).toEqual(framing);
    expect(project(fitted, portrait, route).every(inside(portrait, 36))).toBe(true);
    // One step (a tenth) closer would not fit.
    expect(project({ ...fitted, distance: fitted.distance / 1.1 }, portrait, route).every(inside(portrait, 36))).toBe(false);
  });

  it('draws back until no place sits under a panel', () => {
    // A card over the lower left, where the route's west end lies.
    const card = { left: 0, top: 700, width: 700, height: 380 };
    const view = { ...landscape, panels: [card] };
    const under = (p: [number, number] | null) => !!p && p[0] > card.left - 16 && p[0] < card.left + card.width + 16 && p[1] > card.top - 16;
    const low: [number, number][] = [...route, [-16, -9]];
    expect(project(framing, view, low).some(under)).toBe(true);
    const fitted = fitFraming(framing, low, view);
    expect(fitted.distance).toBeGreaterThan(framing.distance);
    expect(project(fitted, view, low).some(under)).toBe(false);
    expect(project(fitted, view, low).every(inside(view, 36))).toBe(true);
  });

  it('stops drawing back at about four times the distance when nothing would fit', () => {
    const fitted = fitFraming(framing, [[0, 0], [5000, 0]], portrait);
    expect(fitted.distance).toBeCloseTo(framing.distance * 1.1 ** 15, 6);
  });
});
