// The camera rig's moves: an eased move to a framing, a cut, and a new target
// given mid-move (the panels changed during a switch), which keeps the move's
// progress instead of starting it over.
import { describe, expect, it } from 'vitest';
import { CameraRig, type Framing } from '../../../kiosk/scene/camera-rig.js';

const a: Framing = { x: 0, y: 0, distance: 40, tilt: 0.5, heading: 0 };
const b: Framing = { x: 10, y: 5, distance: 40, tilt: 0.5, heading: 0 };

describe('CameraRig', () => {
  it('eases to a framing over its duration, and cuts with none', () => {
    const rig = new CameraRig();
    rig.moveTo(a, 0);
    expect(rig.moving).toBe(false);
    expect(rig.distance).toBeCloseTo(40, 9);
    rig.moveTo(b, 1);
    expect(rig.moving).toBe(true);
    rig.update(0.5);
    expect(rig.moving).toBe(true);
    rig.update(0.6);
    expect(rig.moving).toBe(false);
    expect(rig.update(0.1)).toBe(false);
  });

  it('takes a new target mid-move without starting the move over, and ignores the same one', () => {
    const rig = new CameraRig();
    rig.moveTo(a, 0);
    rig.moveTo(b, 1);
    rig.update(0.5);
    rig.retarget({ ...b, distance: 60 }, 1);
    expect(rig.target.distance).toBe(60);
    // Half a second was left of the move, not a whole one.
    rig.update(0.55);
    expect(rig.moving).toBe(false);
    expect(rig.distance).toBeCloseTo(60, 9);
    rig.retarget({ ...b, distance: 60 }, 1);
    expect(rig.moving).toBe(false);
    // At rest, a new target is a move of its own; with no duration, a cut.
    rig.retarget({ ...b, distance: 50 }, 1);
    expect(rig.moving).toBe(true);
    rig.retarget({ ...b, distance: 45 }, 0);
    expect([rig.moving, rig.distance]).toEqual([false, 45]);
  });
});
