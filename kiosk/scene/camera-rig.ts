// Moves the camera between framings with an eased transition of about a
// second; the visitor's orbit and zoom knobs add on top, within limits, and
// ease too. All maths uses hoisted scratch objects: nothing is allocated per
// frame, and a camera at rest is not recomputed at all.

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
  /** Screen shift (pixels) that puts the framed point where the overlays leave room. */
  private readonly shift = { x: 0, y: 0, targetX: 0, targetY: 0, width: 1, height: 1, appliedX: NaN, appliedY: NaN };
  /** Something changed outside the eases (a new aspect): the next update recomputes. */
  private stale = true;

  constructor() {
    this.apply();
  }

  /** Starts a move to a framing; durationS 0 jumps (reduced motion). */
  moveTo(target: Framing, durationS: number): void {
    Object.assign(this.from, this.now);
    Object.assign(this.to, target);
    this.elapsed = 0;
    this.duration = Math.max(durationS, 0);
    this.stale = true;
    if (this.duration === 0) this.jump();
  }

  /** Knob positions, clamped to the limits. */
  setKnobs(orbit: number, zoom: number): void {
    this.orbitTarget = MathUtils.clamp(orbit, -ORBIT_LIMIT, ORBIT_LIMIT);
    this.zoomTarget = MathUtils.clamp(zoom, 0, ZOOM_LIMIT);
  }

  /** Puts the framed point at (x, y) pixels from the top-left of a width x height view; eases there. */
  setFocus(x: number, y: number, width: number, height: number): void {
    const s = this.shift;
    s.targetX = width / 2 - x;
    s.targetY = height / 2 - y;
    s.width = width;
    s.height = height;
    s.appliedX = NaN;
  }

  /**
   * Changes where the camera is going without starting over: a move under way
   * keeps its progress toward the new framing; a camera at rest moves to it
   * over `durationS` (0 jumps) if it differs.
   */
  retarget(target: Framing, durationS: number): void {
    const t = this.to;
    if (t.x === target.x && t.y === target.y && t.distance === target.distance && t.tilt === target.tilt && t.heading === target.heading) return;
    if (this.elapsed < 1 && durationS > 0) {
      Object.assign(this.to, target);
      this.stale = true;
    } else this.moveTo(target, durationS);
  }

  /** Ends any move at once (reduced motion). */
  jump(): void {
    this.stale = true;
    this.elapsed = 1;
    this.shift.x = this.shift.targetX;
    this.shift.y = this.shift.targetY;
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

  /** Advances the eases by dtS seconds; false when the camera did not move (nothing recomputed). */
  update(dtS: number): boolean {
    const s = this.shift;
    const settled = this.elapsed >= 1 && this.orbitNow === this.orbitTarget && this.zoomNow === this.zoomTarget && s.x === s.targetX && s.y === s.targetY && s.x === s.appliedX && s.y === s.appliedY;
    if (settled && !this.stale) return false;
    this.stale = false;
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
    s.x = Math.abs(s.targetX - s.x) < 0.5 ? s.targetX : MathUtils.lerp(s.x, s.targetX, ease);
    s.y = Math.abs(s.targetY - s.y) < 0.5 ? s.targetY : MathUtils.lerp(s.y, s.targetY, ease);
    if (s.x !== s.appliedX || s.y !== s.appliedY) {
      // A view offset slides the picture without changing the perspective.
      this.camera.setViewOffset(s.width, s.height, s.x, s.y, s.width, s.height);
      s.appliedX = s.x;
      s.appliedY = s.y;
    }
    this.apply();
    return true;
  }

  setAspect(aspect: number): void {
    this.camera.aspect = aspect;
    this.camera.updateProjectionMatrix();
    this.stale = true;
  }

  private apply(): void {
    const n = this.now;
    placeCamera(this.camera, n.x, n.y, this.distance, n.tilt, n.heading + this.orbitNow * ORBIT_STEP);
  }
}

/** Puts a camera `distance` from the ground point (x, y), tilted from straight down and turned clockwise from north. */
export function placeCamera(camera: PerspectiveCamera, x: number, y: number, distance: number, tilt: number, heading: number): void {
  const t = Math.min(tilt, MAX_TILT);
  scratchTarget.set(x, y, 0);
  const ground = Math.sin(t) * distance;
  camera.position.set(x - Math.sin(heading) * ground, y - Math.cos(heading) * ground, Math.cos(t) * distance);
  camera.up.set(Math.sin(heading), Math.cos(heading), 0);
  camera.lookAt(scratchTarget);
  camera.updateMatrixWorld();
}
