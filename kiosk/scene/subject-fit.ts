// How far back the camera stands so that a scenario's subject fits the part
// of the screen the overlays leave free: every stop of its routes and every
// place it names, in portrait as in landscape. The pack's framing is the
// closest view; the fit only ever steps back from it. Pure: plain numbers in,
// a distance out (a ground offset f ahead and r to the right of the framed
// point shows at U*r/(d + f sin t), U*f cos t/(d + f sin t) pixels from it).

import type { ScreenRect } from './free-focus.js';

const CELLS = 48;
/** Room kept between a stop and the free area's edge: its dot and the start of its name. */
const MARGIN = 28;

export interface FitView {
  /** The pack's framing: its distance (the closest the fit allows), tilt and heading in radians. */
  distance: number;
  tilt: number;
  heading: number;
  /** The framed point, scene units. */
  x: number;
  y: number;
  /** The camera's vertical field of view, radians. */
  fov: number;
}

/** The largest free rectangle grown around (fx, fy) that no overlay covers, in pixels from the top-left. */
export function freeRect(width: number, height: number, rects: readonly ScreenRect[], fx: number, fy: number): { left: number; top: number; right: number; bottom: number } {
  const cw = width / CELLS, ch = height / CELLS;
  const covered = (i: number, j: number): boolean => {
    const x = (i + 0.5) * cw, y = (j + 0.5) * ch;
    return rects.some((r) => x >= r.left && x < r.left + r.width && y >= r.top && y < r.top + r.height);
  };
  const free = (i0: number, i1: number, j0: number, j1: number): boolean => {
    for (let j = j0; j <= j1; j++) for (let i = i0; i <= i1; i++) if (covered(i, j)) return false;
    return true;
  };
  let i0 = Math.min(CELLS - 1, Math.max(0, Math.floor(fx / cw))), i1 = i0;
  let j0 = Math.min(CELLS - 1, Math.max(0, Math.floor(fy / ch))), j1 = j0;
  for (let grew = true; grew; ) {
    grew = false;
    if (i0 > 0 && free(i0 - 1, i0 - 1, j0, j1)) (i0--, (grew = true));
    if (i1 < CELLS - 1 && free(i1 + 1, i1 + 1, j0, j1)) (i1++, (grew = true));
    if (j0 > 0 && free(i0, i1, j0 - 1, j0 - 1)) (j0--, (grew = true));
    if (j1 < CELLS - 1 && free(i0, i1, j1 + 1, j1 + 1)) (j1++, (grew = true));
  }
  return { left: i0 * cw, top: j0 * ch, right: (i1 + 1) * cw, bottom: (j1 + 1) * ch };
}

/**
 * The camera distance at which every point (scene x, y pairs) shows inside
 * `room` when the framed point sits at the focus (fx, fy): the pack's own
 * distance if they already fit, else farther.
 */
export function fitDistance(points: ArrayLike<number>, view: FitView, height: number, room: { left: number; top: number; right: number; bottom: number }, fx: number, fy: number): number {
  const unitsToPx = height / (2 * Math.tan(view.fov / 2));
  const sinT = Math.sin(view.tilt), cosT = Math.cos(view.tilt);
  const ax = Math.sin(view.heading), ay = Math.cos(view.heading);
  let distance = view.distance;
  for (let k = 0; k + 1 < points.length; k += 2) {
    const dx = points[k]! - view.x, dy = points[k + 1]! - view.y;
    // Ahead (up the screen) and to the right, in the camera's own terms.
    const f = dx * ax + dy * ay, r = dx * ay - dy * ax;
    const roomX = Math.max(8, (r > 0 ? room.right - fx : fx - room.left) - MARGIN);
    const roomY = Math.max(8, (f > 0 ? fy - room.top : room.bottom - fy) - MARGIN);
    distance = Math.max(distance, (unitsToPx * Math.abs(r)) / roomX - f * sinT, (unitsToPx * Math.abs(f) * cosT) / roomY - f * sinT);
  }
  return distance;
}
