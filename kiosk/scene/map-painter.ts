// Puts the map on screen in two passes: the ground (sea, land, borders) into
// the ground cache, only when it changed, then every frame that draws: the
// cache's copy with the flows, dots and labels over it. While the camera or
// the highlights move, the ground is drawn (with a margin, the easing
// countries flat for the lift to draw) only when the picture drawn before
// would stray from the truth (the screen runs past it, it would show
// stretched or shifted, or a highlight left it behind), and the frames
// between move that picture; once they hold still it is drawn once more,
// exactly, so a still map is the picture a direct draw gives. It owns the
// renderer, the two scenes and the cache, and counts what the picture on
// screen took: the ground's last draw plus the frame drawn over it.

import { Scene, type Camera, type Object3D, type WebGLRenderer } from 'three';
import { GroundCache } from './ground-cache.js';
import { createMapRenderer } from './map-renderer.js';
import { PALETTE } from './map-style.js';
import { measureOverdraw, type OverdrawReport } from './overdraw-probe.js';
import type { SceneStats } from './scene-stats.js';

/** What of the ground eases on its own: the countries' highlights. */
export interface GroundHighlights {
  /** Whether they moved on too far from those the ground was drawn with for it to be reused. */
  drifted(): boolean;
  /** The ground is about to be drawn: `flat` for a move (the highlights then drawn over it each frame), or as they are. */
  beforeGroundDraw(flat: boolean): void;
}

export class MapPainter {
  readonly renderer: WebGLRenderer;
  /** Sea, land and borders. */
  readonly ground = new Scene();
  /** The ground's copy, then the flows, dots and labels. */
  readonly top = new Scene();
  /** Frames drawn on screen, and animation frames the scene looked at (drawn or not). */
  frames = 0;
  checks = 0;
  /** The ground must be drawn again before the next frame (size, layers or pack changed; the bench's every frame). */
  groundStale = true;
  private readonly cache: GroundCache;
  private readonly drawn = { groundCalls: 0, groundTriangles: 0, calls: 0, triangles: 0 };
  /** The camera's view and projection matrices in the last frame drawn. */
  private readonly seen = new Float64Array(32);
  /** The ground in the cache is exactly what a still map shows (not drawn wide, nor for another camera or highlight). */
  private exact = false;

  constructor(canvas: HTMLCanvasElement, antialias?: boolean) {
    const made = createMapRenderer(canvas, antialias);
    this.renderer = made.renderer;
    this.cache = new GroundCache(PALETTE.background, made.antialias);
    // The scenes' objects never move: their matrices are set once, when added (see fix()).
    this.ground.matrixWorldAutoUpdate = this.top.matrixWorldAutoUpdate = false;
    this.top.add(this.cache.quad);
  }

  /** Sets an object's matrices once and stops the renderer recomputing them every frame. */
  static fix(object: Object3D): void {
    object.traverse((child) => (child.matrixAutoUpdate = false));
    object.updateMatrixWorld(true);
  }

  setSize(width: number, height: number): void {
    this.renderer.setSize(width, height, false);
    this.cache.setSize(width, height);
    this.groundStale = true;
  }

  /** Whether the camera moved since the last frame drawn, whoever moved it (an ease, a cut, a resize). */
  viewChanged(camera: Camera): boolean {
    const view = camera.matrixWorldInverse.elements, projection = camera.projectionMatrix.elements;
    for (let i = 0; i < 16; i++) if (view[i] !== this.seen[i] || projection[i] !== this.seen[16 + i]) return true;
    return false;
  }

  /** Whether a frame must still be drawn for the ground to show exactly (a move just ended). */
  get settling(): boolean {
    return !this.exact;
  }

  /**
   * Draws a frame: the ground first if it must be, then the rest over its
   * copy. `changing`: the camera or the highlights move in this frame, so the
   * ground may be reused, and is drawn wide, for `highlights` to lift.
   * Returns whether the ground was drawn.
   */
  paint(camera: Camera, changing: boolean, highlights?: GroundHighlights): boolean {
    const info = this.renderer.info.render;
    let draw: 'exact' | 'wide' | null = null;
    if (this.groundStale) draw = changing ? 'wide' : 'exact';
    else if (changing) {
      this.exact = false;
      if (highlights?.drifted() || !this.cache.aim(camera)) draw = 'wide';
    } else if (!this.exact || !this.cache.drawnFor(camera)) draw = 'exact';
    if (draw) {
      highlights?.beforeGroundDraw(draw === 'wide');
      this.cache.draw(this.renderer, this.ground, camera, draw === 'wide');
      this.drawn.groundCalls = info.calls;
      this.drawn.groundTriangles = info.triangles;
      this.groundStale = false;
      this.exact = draw === 'exact';
      this.cache.aim(camera);
    }
    this.seen.set(camera.matrixWorldInverse.elements);
    this.seen.set(camera.projectionMatrix.elements, 16);
    this.renderer.render(this.top, camera);
    this.drawn.calls = info.calls;
    this.drawn.triangles = info.triangles;
    this.frames++;
    return draw !== null;
  }

  /** The picture on screen (the ground as last drawn into the cache, and the frame over it) and what the GPU holds. */
  stats(): SceneStats {
    const d = this.drawn;
    const info = this.renderer.info;
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return {
      drawCalls: d.groundCalls + d.calls,
      triangles: d.groundTriangles + d.triangles,
      geometries: info.memory.geometries,
      textures: info.memory.textures,
      programs: info.programs?.length ?? 0,
      programsCompiled: Math.max(0, ...(info.programs ?? []).map((p) => p.id)),
      heapBytes: memory ? memory.usedJSHeapSize : null,
      frames: this.frames,
      checks: this.checks,
      groundExact: this.exact,
    };
  }

  /** The GPU that draws the map, as WebGL names it (e.g. "V3D 7.1", or SwiftShader as a fallback). */
  rendererName(): string {
    const gl = this.renderer.getContext();
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  }

  /** Fragments shaded per screen pixel by each named layer, in the ground's draw and in a frame's. */
  overdraw(camera: Camera, width: number, height: number, ground: Record<string, Object3D[]>, top: Record<string, Object3D[]>): OverdrawReport {
    return measureOverdraw(this.renderer, camera, width, height, {
      ground: { scene: this.ground, layers: ground },
      frame: { scene: this.top, layers: { copy: [this.cache.quad], ...top } },
    });
  }

  dispose(): void {
    this.cache.dispose();
    this.renderer.renderLists.dispose();
    this.renderer.dispose();
  }
}
