// The ground (sea, land, borders) drawn once into a render target and copied
// to the screen under the moving parts each frame: while the camera and the
// highlights hold still, a frame of flowing corridors shades the ground's
// pixels once (a copy) instead of running the sea and land shaders again.
// The ground's shaders write sRGB themselves (SRGB_OUTPUT_GLSL), the target
// stores those bytes as they are and the copy writes them back unchanged, so
// the screen gets exactly the picture a direct draw would give. dispose()
// frees the target and the copy's geometry and material.

import {
  Color,
  LinearSRGBColorSpace,
  Mesh,
  NearestFilter,
  PlaneGeometry,
  ShaderMaterial,
  Vector2,
  WebGLRenderTarget,
  type Camera,
  type Scene,
  type WebGLRenderer,
} from 'three';

const copyVertex = /* glsl */ `
  void main() {
    gl_Position = vec4(position.xy, 0.0, 1.0);
  }
`;

// One texel per pixel at its centre: a copy, no filtering, no colour conversion.
const copyFragment = /* glsl */ `
  uniform sampler2D ground;
  uniform vec2 size;
  void main() {
    gl_FragColor = vec4(texture2D(ground, gl_FragCoord.xy / size).rgb, 1.0);
  }
`;

export class GroundCache {
  /** The full-screen copy, drawn first in the scene of moving parts. */
  readonly quad: Mesh<PlaneGeometry, ShaderMaterial>;
  private readonly target: WebGLRenderTarget;
  private readonly size = new Vector2(1, 1);
  /** The background's sRGB bytes, passed through untouched (the target is linear: no conversion). */
  private readonly clear = new Color();

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
      uniforms: { ground: { value: this.target.texture }, size: { value: this.size } },
      depthTest: false,
      depthWrite: false,
    });
    this.quad = new Mesh(new PlaneGeometry(2, 2), material);
    this.quad.frustumCulled = false;
    this.quad.renderOrder = -100;
    this.quad.matrixAutoUpdate = false;
  }

  setSize(width: number, height: number): void {
    this.size.set(width, height);
    this.target.setSize(width, height);
  }

  /** Draws the ground scene into the target (the caller sets the target back to the screen's). */
  draw(renderer: WebGLRenderer, ground: Scene, camera: Camera): void {
    renderer.setRenderTarget(this.target);
    renderer.setClearColor(this.clear, 1);
    renderer.render(ground, camera);
    renderer.setRenderTarget(null);
  }

  dispose(): void {
    this.target.dispose();
    this.quad.geometry.dispose();
    this.quad.material.dispose();
  }
}
