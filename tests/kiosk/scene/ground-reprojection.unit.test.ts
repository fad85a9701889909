import { Matrix3, Matrix4, PerspectiveCamera, Vector3 } from 'three';
import { describe, expect, it } from 'vitest';
import { covers, parallax, reprojection, stretch, viewProjectionOf } from '../../../kiosk/scene/ground-reprojection.js';
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

  it('measures how much a reused picture is stretched: none for a shift, a tenth for a tenth closer', () => {
    const map = new Matrix3();
    reprojection(before, drawnWith, W, H, MX, MY, map);
    expect(stretch(map, W, H)).toBeLessThan(1e-9);
    reprojection(camera(11, 5.5, 120, 0.5), drawnWith, W, H, MX, MY, map);
    expect(stretch(map, W, H), 'a small pan').toBeLessThan(0.01);
    // Nearer by a tenth: a step of one screen pixel is about 0.9 texels of the old picture.
    reprojection(camera(10, 5, 108, 0.5), drawnWith, W, H, MX, MY, map);
    const closer = stretch(map, W, H);
    expect(closer).toBeGreaterThan(0.08);
    expect(closer).toBeLessThan(0.14);
    reprojection(camera(10, 5, 120, 0.56), drawnWith, W, H, MX, MY, map);
    expect(stretch(map, W, H), 'a tilt').toBeGreaterThan(0.01);
  });

  it('measures how far the sea strays from the land plane in a reused picture: nothing for the same camera, more the farther the camera went', () => {
    const map = new Matrix3();
    reprojection(before, drawnWith, W, H, MX, MY, map);
    expect(parallax(before, drawnWith, W, H, MX, MY, map)).toBeLessThan(1e-6);
    const near = camera(10.2, 5.1, 120, 0.5), far = camera(14, 7, 120, 0.5);
    reprojection(near, drawnWith, W, H, MX, MY, map);
    const small = parallax(near, drawnWith, W, H, MX, MY, map);
    reprojection(far, drawnWith, W, H, MX, MY, map);
    const large = parallax(far, drawnWith, W, H, MX, MY, map);
    expect(small).toBeGreaterThan(0);
    expect(large).toBeGreaterThan(small * 5);
    // The same check by hand at the screen's centre: a sea point's pixel now, found through the land plane's map, against where it was drawn.
    const sea = new Vector3(14, 7, 0);
    const now = pixel(far, sea), then = pixel(before, sea);
    const found = apply(map, now.x, now.y);
    const error = Math.hypot(found.x - (then.x + MX), found.y - (then.y + MY));
    expect(error).toBeGreaterThan(0);
    expect(error).toBeLessThanOrEqual(large + 1e-6);
  });
});
