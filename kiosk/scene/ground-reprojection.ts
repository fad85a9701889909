// Where a pixel on screen finds the ground in the cache when the camera has
// moved since the ground was drawn: the ground is all but flat (sea at 0,
// land a quarter unit up), so a plane's homography maps the screen of one
// camera onto the picture of another exactly for what lies on that plane and
// within a fraction of a pixel for the rest during a move. The cache is drawn
// with a margin around the screen, so a move can reuse it until the picture
// strays from the truth: stretched (blurred or thinned borders) or the sea's
// plane shifted off the land's by a pixel. All maths uses hoisted scratch
// matrices.

import { Matrix3, Matrix4, type Camera } from 'three';
import { LAND_HEIGHT } from './map-style.js';

/** The plane the homography is exact for: the land's top (most of the picture is land or sea beside it). */
const PLANE_Z = LAND_HEIGHT;

const viewProjection = new Matrix4();
const planeFromScreen = new Matrix3();
const ndcFromPixels = new Matrix3();
const oldClip = new Matrix3();
const seaMap = new Matrix3();
const corner = { x: 0, y: 0, z: 0 };
const other = { x: 0, y: 0, z: 0 };
const at = { x: 0, y: 0 };

/** The 3x3 map from points (x, y, 1) of the plane at height z to a camera's clip coordinates (x, y, w). */
function planeToClip(e: ArrayLike<number>, out: Matrix3, z = PLANE_Z): Matrix3 {
  return out.set(
    e[0]!, e[4]!, e[8]! * z + e[12]!,
    e[1]!, e[5]!, e[9]! * z + e[13]!,
    e[3]!, e[7]!, e[11]! * z + e[15]!,
  );
}

/** `out` = where `map` takes pixel (x, y), divided through. */
function project(e: ArrayLike<number>, x: number, y: number, out: { x: number; y: number; z: number }): boolean {
  out.z = e[2]! * x + e[5]! * y + e[8]!;
  if (out.z <= 0) return false;
  out.x = (e[0]! * x + e[3]! * y + e[6]!) / out.z;
  out.y = (e[1]! * x + e[4]! * y + e[7]!) / out.z;
  return true;
}

/** Sets `at` to the screen's corner k (0..3) or its centre (4). */
function sample(k: number, width: number, height: number): void {
  at.x = k === 4 ? width / 2 : k & 1 ? width : 0;
  at.y = k === 4 ? height / 2 : k & 2 ? height : 0;
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
export function reprojection(camera: Camera, drawnWith: Matrix4, width: number, height: number, marginX: number, marginY: number, out: Matrix3, planeZ = PLANE_Z): boolean {
  // cache pixels <- old NDC <- plane <- this camera's NDC <- screen pixels
  planeToClip(viewProjectionOf(camera, viewProjection).elements, planeFromScreen, planeZ);
  if (Math.abs(planeFromScreen.determinant()) < 1e-12) return false;
  planeFromScreen.invert();
  ndcFromPixels.copy(ndcToPixels(width, height, 0, 0, ndcFromPixels)).invert();
  ndcToPixels(width, height, marginX, marginY, out).multiply(planeToClip(drawnWith.elements, oldClip, planeZ)).multiply(planeFromScreen).multiply(ndcFromPixels);
  return true;
}

/**
 * How far `map` stretches the picture: the largest |length - 1| of the cache
 * step a one-pixel step on screen takes, along x and y, at the screen's
 * corners and centre (0 for a plain shift; 0.1 when zoomed by a tenth).
 */
export function stretch(map: Matrix3, width: number, height: number): number {
  const e = map.elements;
  let worst = 0;
  for (let k = 0; k < 5; k++) {
    sample(k, width, height);
    if (!project(e, at.x, at.y, corner)) return Infinity;
    for (let d = 0; d < 2; d++) {
      if (!project(e, at.x + 1 - d, at.y + d, other)) return Infinity;
      worst = Math.max(worst, Math.abs(Math.hypot(other.x - corner.x, other.y - corner.y) - 1));
    }
  }
  return worst;
}

/**
 * How many cache pixels apart the land's plane (`map`, from reprojection())
 * and the sea's (height 0) find the same screen pixel, at the screen's
 * corners and centre: what the homography gets wrong for the sea.
 */
export function parallax(camera: Camera, drawnWith: Matrix4, width: number, height: number, marginX: number, marginY: number, map: Matrix3): number {
  if (!reprojection(camera, drawnWith, width, height, marginX, marginY, seaMap, 0)) return Infinity;
  let worst = 0;
  for (let k = 0; k < 5; k++) {
    sample(k, width, height);
    if (!project(map.elements, at.x, at.y, corner) || !project(seaMap.elements, at.x, at.y, other)) return Infinity;
    worst = Math.max(worst, Math.hypot(other.x - corner.x, other.y - corner.y));
  }
  return worst;
}

/** Whether every corner of a width x height screen lands inside [x0, x1] x [y0, y1] of the cache under `map`. */
export function covers(map: Matrix3, width: number, height: number, x0: number, y0: number, x1: number, y1: number): boolean {
  for (let k = 0; k < 4; k++) {
    sample(k, width, height);
    if (!project(map.elements, at.x, at.y, corner)) return false;
    if (corner.x < x0 || corner.x > x1 || corner.y < y0 || corner.y > y1) return false;
  }
  return true;
}
