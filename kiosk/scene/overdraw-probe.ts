// Counts the pixels a frame shades: every mesh of a pass is drawn once more,
// into a scratch target, with its own vertex shader but a fragment shader that
// adds 1/255, keeping its depth test, depth writes, face culling and order;
// so each target pixel ends up holding how many fragments passed the depth
// test there (a fragment the early depth test rejects is not shaded). One
// draw per layer, the others writing depth only, gives each layer's share.
// Deterministic (it reads pixels, not clocks), for the bench and the tests;
// it draws nothing on screen and frees all it made before it returns.

import {
  AddEquation,
  CustomBlending,
  OneFactor,
  ShaderMaterial,
  WebGLRenderTarget,
  type Camera,
  type Mesh,
  type Object3D,
  type Scene,
  type WebGLRenderer,
} from 'three';

const countFragment = /* glsl */ `
  void main() {
    gl_FragColor = vec4(1.0 / 255.0, 0.0, 0.0, 1.0);
  }
`;

export interface OverdrawPass {
  scene: Scene;
  /** The pass's layers by name: the objects each draws. */
  layers: Record<string, readonly Object3D[]>;
}

/** Fragments shaded per screen pixel, per pass and layer, and the sum per pass. */
export type OverdrawReport = Record<string, Record<string, number>>;

export function measureOverdraw(renderer: WebGLRenderer, camera: Camera, width: number, height: number, passes: Record<string, OverdrawPass>): OverdrawReport {
  const target = new WebGLRenderTarget(width, height, { depthBuffer: true });
  const pixels = new Uint8Array(width * height * 4);
  const swapped: { mesh: Mesh; original: ShaderMaterial; counting: ShaderMaterial; layer: string }[] = [];
  const report: OverdrawReport = {};
  try {
    renderer.setClearColor(0x000000, 0);
    for (const [passName, pass] of Object.entries(passes)) {
      const here = swapped.length;
      for (const [layer, objects] of Object.entries(pass.layers)) {
        for (const object of objects) {
          object.traverse((child) => {
            const mesh = child as Mesh;
            const original = mesh.material as ShaderMaterial | undefined;
            if (!original || !(original as ShaderMaterial).isShaderMaterial) return;
            const counting = new ShaderMaterial({
              vertexShader: original.vertexShader,
              fragmentShader: countFragment,
              uniforms: original.uniforms,
              depthTest: original.depthTest,
              depthWrite: original.depthWrite,
              side: original.side,
              transparent: original.transparent,
              polygonOffset: original.polygonOffset,
              polygonOffsetFactor: original.polygonOffsetFactor,
              polygonOffsetUnits: original.polygonOffsetUnits,
              blending: CustomBlending,
              blendEquation: AddEquation,
              blendSrc: OneFactor,
              blendDst: OneFactor,
            });
            swapped.push({ mesh, original, counting, layer });
            mesh.material = counting;
          });
        }
      }
      const mine = swapped.slice(here);
      const shares: Record<string, number> = {};
      let sum = 0;
      for (const layer of Object.keys(pass.layers)) {
        for (const s of mine) s.counting.colorWrite = s.layer === layer;
        renderer.setRenderTarget(target);
        renderer.render(pass.scene, camera);
        renderer.readRenderTargetPixels(target, 0, 0, width, height, pixels);
        let fragments = 0;
        for (let i = 0; i < pixels.length; i += 4) fragments += pixels[i]!;
        shares[layer] = fragments / (width * height);
        sum += shares[layer];
      }
      shares['all'] = sum;
      report[passName] = shares;
    }
  } finally {
    for (const s of swapped) {
      s.mesh.material = s.original;
      s.counting.dispose();
    }
    renderer.setRenderTarget(null);
    target.dispose();
  }
  return report;
}
