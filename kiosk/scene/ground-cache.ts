// The ground (sea, land, borders) drawn into a render target and copied to
// the screen under the moving parts each frame: while the camera and the
// highlights hold still, a frame of flowing corridors shades the ground's
// pixels once (a copy) instead of running the sea and land shaders again.
// While the camera moves, a frame may reuse the ground drawn some frames
// before, as long as the copy, moving it as a texture (ground-reprojection.ts),
// stays close to the truth (see aim()); the target holds a margin of ground
// around the screen for that. A still
// map's ground is always drawn for its own camera into the screen's part of
// the target and copied texel for texel. The ground's shaders write sRGB
// themselves (SRGB_OUTPUT_GLSL), the target stores those bytes as they are
// and the copy writes them back unchanged, so the screen gets exactly the
// picture a direct draw would give. dispose() frees the target and the
// copy's geometry and material.

import {
  Color,
  LinearSRGBColorSpace,
  Matrix3,
  Matrix4,
  Mesh,
  NearestFilter,
  PlaneGeometry,
  ShaderMaterial,
  Vector2,
  Vector4,
  WebGLRenderTarget,
  type Camera,
  type Scene,
  type WebGLRenderer,
} from 'three';
import { covers, parallax, reprojection, stretch, viewProjectionOf } from './ground-reprojection.js';

/** Ground drawn beyond each edge of the screen, as a share of its width and height, for a move to reuse. */
const MARGIN = 0.1;
/**
 * How far (a share of the width) a move may run past the ground drawn before
 * it is drawn again: the copy repeats the picture's edge pixels there, for a
 * frame or two at the screen's edge (the first frames of a move off a still
 * map, whose ground has no margin).
 */
const SLACK = 0.005;
/** How much a reused picture may be stretched (see stretch()): a fifth, its texels blended, reads as the moving map, not a blur. */
const MAX_STRETCH = 0.2;
/** How far (cache pixels) a reused picture may put the sea off the land's plane. */
const MAX_PARALLAX = 1;

const copyVertex = /* glsl */ `
  void main() {
    gl_Position = vec4(position.xy, 0.0, 1.0);
  }
`;

// A still map: `map` shifts a pixel to its own texel's centre (a copy, no
// filtering, no colour conversion). A move: it finds where the pixel's ground
// was in the picture drawn for an earlier camera, and blends the four texels
// around that point (the target itself is sampled nearest, for the exact copy).
const copyFragment = /* glsl */ `
  uniform sampler2D ground;
  uniform vec2 size;
  uniform mat3 map;
  uniform vec4 valid;
  uniform float filtered;
  void main() {
    vec3 p = map * vec3(gl_FragCoord.xy, 1.0);
    vec2 q = clamp(p.xy / p.z, valid.xy, valid.zw);
    if (filtered < 0.5) {
      gl_FragColor = vec4(texture2D(ground, q / size).rgb, 1.0);
      return;
    }
    vec2 i = floor(q - 0.5), f = q - 0.5 - i;
    vec2 a = (i + 0.5) / size, b = min(i + 1.5, valid.zw) / size;
    vec3 low = mix(texture2D(ground, a).rgb, texture2D(ground, vec2(b.x, a.y)).rgb, f.x);
    vec3 high = mix(texture2D(ground, vec2(a.x, b.y)).rgb, texture2D(ground, b).rgb, f.x);
    gl_FragColor = vec4(mix(low, high, f.y), 1.0);
  }
`;

export class GroundCache {
  /** The full-screen copy, drawn first in the scene of moving parts. */
  readonly quad: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly target: WebGLRenderTarget;
  private readonly size = new Vector2(1, 1);
  private readonly map = new Matrix3();
  /** The cache pixels that hold ground (texel centres): the screen's part, or all of it when drawn wide. */
  private readonly valid = new Vector4();
  /** 1 while the copy moves an earlier picture (blending texels), 0 for the exact copy. */
  private readonly filtered = { value: 0 };
  /** The background's sRGB bytes, passed through untouched (the target is linear: no conversion). */
  private readonly clear = new Color();
  /** The view-projection the ground was last drawn with. */
  private readonly drawnWith = new Matrix4();
  private readonly scratch = new Matrix4();
  private readonly saved = new Matrix4();
  private width = 1;
  private height = 1;
  private marginX = 0;
  private marginY = 0;

  constructor(background: number, multisample: boolean) {
    this.target = new WebGLRenderTarget(1, 1, {
      samples: multisample ? 4 : 0,
      depthBuffer: true,
      stencilBuffer: false,
      minFilter: NearestFilter,
      magFilter: NearestFilter,
      generateMipmaps: false,
    });
    this.clear.setRGB(((background >> 16) & 255) / 255, ((background >> 8) & 255) / 255, (background & 255) / 255, LinearSRGBColorSpace);
    const material = new ShaderMaterial({
      vertexShader: copyVertex,
      fragmentShader: copyFragment,
      uniforms: { ground: { value: this.target.texture }, size: { value: this.size }, map: { value: this.map }, valid: { value: this.valid }, filtered: this.filtered },
      depthTest: false,
      depthWrite: false,
    });
    this.quad = new Mesh(new PlaneGeometry(2, 2), material);
    this.quad.frustumCulled = false;
    this.quad.renderOrder = -100;
    this.quad.matrixAutoUpdate = false;
  }

  setSize(width: number, height: number): void {
    this.width = width;
    this.height = height;
    this.marginX = Math.ceil(width * MARGIN);
    this.marginY = Math.ceil(height * MARGIN);
    this.size.set(width + 2 * this.marginX, height + 2 * this.marginY);
    this.target.setSize(this.size.x, this.size.y);
  }

  /**
   * Draws the ground scene into the target (the caller sets the target back
   * to the screen's): `wide` with its margin, for a move to reuse; otherwise
   * only the screen's part, exactly as the camera sees it.
   */
  draw(renderer: WebGLRenderer, ground: Scene, camera: Camera, wide: boolean): void {
    const { x: W, y: H } = this.size;
    if (wide) {
      this.target.viewport.set(0, 0, W, H);
      this.saved.copy(camera.projectionMatrix);
      // The same camera seeing the margin too: the screen's part of the picture is where it would be.
      camera.projectionMatrix.premultiply(this.scratch.makeScale(this.width / W, this.height / H, 1));
    } else {
      this.target.viewport.set(this.marginX, this.marginY, this.width, this.height);
    }
    renderer.setRenderTarget(this.target);
    renderer.setClearColor(this.clear, 1);
    renderer.render(ground, camera);
    renderer.setRenderTarget(null);
    if (wide) camera.projectionMatrix.copy(this.saved);
    viewProjectionOf(camera, this.drawnWith);
    const x0 = wide ? 0 : this.marginX, y0 = wide ? 0 : this.marginY;
    this.valid.set(x0 + 0.5, y0 + 0.5, W - x0 - 0.5, H - y0 - 0.5);
    this.map.set(1, 0, this.marginX, 0, 1, this.marginY, 0, 0, 1);
  }

  /** Whether the ground was last drawn for exactly this camera. */
  drawnFor(camera: Camera): boolean {
    return viewProjectionOf(camera, this.scratch).equals(this.drawnWith);
  }

  /**
   * Aims the copy at this camera's view of the ground last drawn; false when
   * that ground does not cover the screen, or would show it stretched or
   * with the sea shifted off the land by a pixel or more.
   */
  aim(camera: Camera): boolean {
    const { width: w, height: h, marginX: mx, marginY: my } = this;
    if (this.drawnFor(camera)) {
      this.map.set(1, 0, mx, 0, 1, my, 0, 0, 1);
      this.filtered.value = 0;
      return true;
    }
    this.filtered.value = 1;
    if (!reprojection(camera, this.drawnWith, w, h, mx, my, this.map)) return false;
    const slack = SLACK * w, v = this.valid;
    if (!covers(this.map, w, h, v.x - slack, v.y - slack, v.z + slack, v.w + slack)) return false;
    return stretch(this.map, w, h) <= MAX_STRETCH && parallax(camera, this.drawnWith, w, h, mx, my, this.map) <= MAX_PARALLAX;
  }

  dispose(): void {
    this.target.dispose();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}
