// Moves the camera between framings with an eased transition of about a
// second; the visitor's orbit and zoom knobs add on top, within limits, and
// ease too. All maths uses hoisted scratch objects: nothing is allocated per
// frame.

import { MathUtils, PerspectiveCamera, Vector3 } from 'three';

export interface Framing {
  x: number;
  y: number;
  /** Distance from the target, scene units. */
  distance: number;
  /** Radians from straight down. */
  tilt: number;
  /** Radians clockwise from north. */
  heading: number;
}

/** Knob limits: orbit steps either way, zoom steps in. */
export const ORBIT_LIMIT = 6;
export const ZOOM_LIMIT = 4;
const ORBIT_STEP = 0.1;
const ZOOM_STEP = 0.3;
const MAX_TILT = 1.05;

const scratchTarget = new Vector3();

function easeInOutCubic(t: number): number {
  return t < 0.5 ? 4 * t * t * t : 1 - (-2 * t + 2) ** 3 / 2;
}

export class CameraRig {
  readonly camera = new PerspectiveCamera(35, 16 / 9, 1, 2000);
  private readonly from: Framing = { x: 0, y: 0, distance: 120, tilt: 0.5, heading: 0 };
  private readonly to: Framing = { ...this.from };
  private readonly now: Framing = { ...this.from };
  private elapsed = 1;
  private duration = 1;
  private orbitTarget = 0;
  private zoomTarget = 0;
  private orbitNow = 0;
  private zoomNow = 0;

  constructor() {
    this.apply();
  }

  /** Starts a move to a framing; durationS 0 jumps (reduced motion). */
  moveTo(target: Framing, durationS: number): void {
    Object.assign(this.from, this.now);
    Object.assign(this.to, target);
    this.elapsed = 0;
    this.duration = Math.max(durationS, 0);
    if (this.duration === 0) this.jump();
  }

  /** Knob positions, clamped to the limits. */
  setKnobs(orbit: number, zoom: number): void {
    this.orbitTarget = MathUtils.clamp(orbit, -ORBIT_LIMIT, ORBIT_LIMIT);
    this.zoomTarget = MathUtils.clamp(zoom, 0, ZOOM_LIMIT);
  }

  /** Ends any move at once (reduced motion). */
  jump(): void {
    this.elapsed = 1;
    this.orbitNow = this.orbitTarget;
    this.zoomNow = this.zoomTarget;
    this.update(0);
  }

  get moving(): boolean {
    return this.elapsed < 1 || this.orbitNow !== this.orbitTarget || this.zoomNow !== this.zoomTarget;
  }

  /** The framing being moved to. */
  get target(): Readonly<Framing> {
    return this.to;
  }

  /** Current distance from the camera to its target point. */
  get distance(): number {
    return this.now.distance / (1 + this.zoomNow * ZOOM_STEP);
  }

  update(dtS: number): void {
    if (this.elapsed < 1) this.elapsed = this.duration === 0 ? 1 : Math.min(1, this.elapsed + dtS / this.duration);
    const k = easeInOutCubic(this.elapsed);
    const f = this.from;
    const t = this.to;
    const n = this.now;
    n.x = MathUtils.lerp(f.x, t.x, k);
    n.y = MathUtils.lerp(f.y, t.y, k);
    n.distance = MathUtils.lerp(f.distance, t.distance, k);
    n.tilt = MathUtils.lerp(f.tilt, t.tilt, k);
    n.heading = MathUtils.lerp(f.heading, t.heading, k);
    const ease = Math.min(1, dtS * 5);
    this.orbitNow = Math.abs(this.orbitTarget - this.orbitNow) < 1e-3 ? this.orbitTarget : MathUtils.lerp(this.orbitNow, this.orbitTarget, ease);
    this.zoomNow = Math.abs(this.zoomTarget - this.zoomNow) < 1e-3 ? this.zoomTarget : MathUtils.lerp(this.zoomNow, this.zoomTarget, ease);
    this.apply();
  }

  setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
  }

  private apply(): void {
    const n = this.now;
    const heading = n.heading + this.orbitNow * ORBIT_STEP;
    const distance = this.distance;
    const tilt = Math.min(n.tilt, MAX_TILT);
    scratchTarget.set(n.x, n.y, 0);
    const ground = Math.sin(tilt) * distance;
    this.camera.position.set(n.x - Math.sin(heading) * ground, n.y - Math.cos(heading) * ground, Math.cos(tilt) * distance);
    this.camera.up.set(Math.sin(heading), Math.cos(heading), 0);
    this.camera.lookAt(scratchTarget);
    this.camera.updateMatrixWorld();
  }
}
