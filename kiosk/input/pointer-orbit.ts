// Touch and mouse on the map: a horizontal drag turns the map (orbit intents,
// one per step of travel), a short touch without travel is a tap. The core
// (OrbitDrag) is pure; PointerOrbit binds it to an element's pointer events.

export const ORBIT_STEP_PX = 48;
const TAP_SLOP_PX = 12;

export class OrbitDrag {
  private pointer: number | null = null;
  private startX = 0;
  private lastStepX = 0;
  private travelled = 0;

  down(pointerId: number, x: number): void {
    this.pointer = pointerId;
    this.startX = this.lastStepX = x;
    this.travelled = 0;
  }

  /** Orbit steps this move adds (signed; 0 for none or for another pointer). */
  move(pointerId: number, x: number): number {
    if (pointerId !== this.pointer) return 0;
    this.travelled = Math.max(this.travelled, Math.abs(x - this.startX));
    const steps = Math.trunc((x - this.lastStepX) / ORBIT_STEP_PX);
    this.lastStepX += steps * ORBIT_STEP_PX;
    return steps;
  }

  /** Ends the drag; true when it was a tap. */
  up(pointerId: number): boolean {
    if (pointerId !== this.pointer) return false;
    this.pointer = null;
    return this.travelled < TAP_SLOP_PX;
  }
}

export interface PointerOrbitOptions {
  onOrbit: (delta: number) => void;
  /** Any touch at all: someone is there. */
  onActivity: () => void;
  onTap?: () => void;
}

export class PointerOrbit {
  private readonly drag = new OrbitDrag();
  private readonly onDown = (event: PointerEvent): void => {
    this.options.onActivity();
    this.drag.down(event.pointerId, event.clientX);
    // Capture keeps the drag when a finger slides off the element; a synthetic pointer cannot be captured.
    try {
      this.element.setPointerCapture(event.pointerId);
    } catch {
      /* nothing to capture */
    }
  };
  private readonly onMove = (event: PointerEvent): void => {
    const steps = this.drag.move(event.pointerId, event.clientX);
    if (steps !== 0) this.options.onOrbit(steps);
  };
  private readonly onUp = (event: PointerEvent): void => {
    if (this.drag.up(event.pointerId)) this.options.onTap?.();
  };

  constructor(
    private readonly element: HTMLElement,
    private readonly options: PointerOrbitOptions,
  ) {
    element.addEventListener('pointerdown', this.onDown);
    element.addEventListener('pointermove', this.onMove);
    element.addEventListener('pointerup', this.onUp);
    element.addEventListener('pointercancel', this.onUp);
  }

  dispose(): void {
    this.element.removeEventListener('pointerdown', this.onDown);
    this.element.removeEventListener('pointermove', this.onMove);
    this.element.removeEventListener('pointerup', this.onUp);
    this.element.removeEventListener('pointercancel', this.onUp);
  }
}
