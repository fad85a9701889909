// Where a pixel on screen finds the ground in the cache when the camera has
// moved since the ground was drawn: the ground is all but flat (sea at 0,
// land a quarter unit up), so a plane's homography maps the screen of one
// camera onto the picture of another exactly for what lies on that plane and
// within a fraction of a pixel for the rest during a move. The cache is drawn
// with a margin around the screen, so a move can reuse it for a few frames
// before it must be drawn again. All maths uses hoisted scratch matrices.

import { Matrix3, Matrix4, type Camera } from 'three';
import { LAND_HEIGHT } from './map-style.js';

/** The plane the homography is exact for: the land's top (most of the picture is land or sea beside it). */
const PLANE_Z = LAND_HEIGHT;

const viewProjection = new Matrix4();
const planeFromScreen = new Matrix3();
const ndcFromPixels = new Matrix3();
const oldClip = new Matrix3();
const corner = { x: 0, y: 0, z: 0 };

/** The 3x3 map from plane points (x, y, 1) to a camera's clip coordinates (x, y, w). */
function planeToClip(e: ArrayLike<number>, out: Matrix3): Matrix3 {
  return out.set(
    e[0]!, e[4]!, e[8]! * PLANE_Z + e[12]!,
    e[1]!, e[5]!, e[9]! * PLANE_Z + e[13]!,
    e[3]!, e[7]!, e[11]! * PLANE_Z + e[15]!,
  );
}

/** NDC -> pixels of a width x height view whose lower-left corner is at (x0, y0) of its buffer. */
function ndcToPixels(width: number, height: number, x0: number, y0: number, out: Matrix3): Matrix3 {
  return out.set(width / 2, 0, width / 2 + x0, 0, height / 2, height / 2 + y0, 0, 0, 1);
}

/** The camera's view-projection matrix, as the cache keeps it for the ground it drew. */
export function viewProjectionOf(camera: Camera, out: Matrix4): Matrix4 {
  return out.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
}

/**
 * Sets `out` to the map from this camera's screen pixels (gl_FragCoord) to the
 * cache's pixels, for a ground drawn with view-projection `drawnWith` whose
 * screen sits at (marginX, marginY) in the cache. False when the camera looks
 * too far from the plane for the map to hold (it never does within the rig's tilt).
 */
export function reprojection(camera: Camera, drawnWith: Matrix4, width: number, height: number, marginX: number, marginY: number, out: Matrix3): boolean {
  // cache pixels <- old NDC <- plane <- this camera's NDC <- screen pixels
  planeToClip(viewProjectionOf(camera, viewProjection).elements, planeFromScreen);
  if (Math.abs(planeFromScreen.determinant()) < 1e-12) return false;
  planeFromScreen.invert();
  ndcFromPixels.copy(ndcToPixels(width, height, 0, 0, ndcFromPixels)).invert();
  ndcToPixels(width, height, marginX, marginY, out).multiply(planeToClip(drawnWith.elements, oldClip)).multiply(planeFromScreen).multiply(ndcFromPixels);
  return true;
}

/** Whether every corner of a width x height screen lands inside [x0, x1] x [y0, y1] of the cache under `map`. */
export function covers(map: Matrix3, width: number, height: number, x0: number, y0: number, x1: number, y1: number): boolean {
  const e = map.elements;
  for (let k = 0; k < 4; k++) {
    const x = k & 1 ? width : 0, y = k & 2 ? height : 0;
    corner.x = e[0]! * x + e[3]! * y + e[6]!;
    corner.y = e[1]! * x + e[4]! * y + e[7]!;
    corner.z = e[2]! * x + e[5]! * y + e[8]!;
    if (corner.z <= 0) return false;
    const cx = corner.x / corner.z, cy = corner.y / corner.z;
    if (cx < x0 || cx > x1 || cy < y0 || cy > y1) return false;
  }
  return true;
}
