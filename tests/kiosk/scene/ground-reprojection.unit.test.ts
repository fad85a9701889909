import { Matrix3, Matrix4, PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { covers, reprojection, viewProjectionOf } from '../../../kiosk/scene/ground-reprojection.js';
import { LAND_HEIGHT } from '../../../kiosk/scene/map-style.js';

const W = 640, H = 360, MX = 64, MY = 36;

function camera(x: number, y: number, distance: number, tilt: number): PerspectiveCamera {
  const c = new PerspectiveCamera(35, W / H, 1, 2000);
  c.position.set(x, y - Math.sin(tilt) * distance, Math.cos(tilt) * distance);
  c.up.set(0, 1, 0);
  c.lookAt(new Vector3(x, y, 0));
  c.updateMatrixWorld();
  return c;
}

/** Pixel (gl_FragCoord: origin bottom-left) of a world point in a W x H view. */
function pixel(c: PerspectiveCamera, p: Vector3): { x: number; y: number } {
  const ndc = p.clone().project(c);
  return { x: (ndc.x * 0.5 + 0.5) * W, y: (ndc.y * 0.5 + 0.5) * H };
}

function apply(m: Matrix3, x: number, y: number): { x: number; y: number } {
  const v = new Vector3(x, y, 1).applyMatrix3(m);
  return { x: v.x / v.z, y: v.y / v.z };
}

describe('ground reprojection', () => {
  const before = camera(10, 5, 120, 0.5);
  const after = camera(13, 7, 110, 0.55);
  const drawnWith = viewProjectionOf(before, new Matrix4());

  it('finds each pixel of the land plane where the earlier camera drew it', () => {
    const map = new Matrix3();
    expect(reprojection(after, drawnWith, W, H, MX, MY, map)).toBe(true);
    for (const [x, y] of [[10, 5], [0, 0], [25, 12], [3, 18]] as const) {
      const point = new Vector3(x, y, LAND_HEIGHT);
      const now = pixel(after, point), then = pixel(before, point);
      const found = apply(map, now.x, now.y);
      expect(found.x).toBeCloseTo(then.x + MX, 3);
      expect(found.y).toBeCloseTo(then.y + MY, 3);
    }
  });

  it('is the plain shift into the margin for the same camera', () => {
    const map = new Matrix3();
    reprojection(before, drawnWith, W, H, MX, MY, map);
    const found = apply(map, 100.5, 200.5);
    expect(found.x).toBeCloseTo(164.5, 6);
    expect(found.y).toBeCloseTo(236.5, 6);
  });

  it('says whether the earlier picture covers the screen: a small step within the margin, a long pan not', () => {
    const map = new Matrix3();
    reprojection(camera(11, 5.5, 120, 0.5), drawnWith, W, H, MX, MY, map);
    expect(covers(map, W, H, 0, 0, W + 2 * MX, H + 2 * MY), 'within the margin').toBe(true);
    expect(covers(map, W, H, MX, MY, W + MX, H + MY), 'the screen part alone').toBe(false);
    reprojection(camera(40, 5, 120, 0.5), drawnWith, W, H, MX, MY, map);
    expect(covers(map, W, H, 0, 0, W + 2 * MX, H + 2 * MY), 'a long pan').toBe(false);
  });
});
