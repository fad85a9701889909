// The mesh both flow layers (corridors, relations) draw with: merged ribbons,
// see-through, no depth writes, visible from either side, never culled (the
// ribbons span the whole map), drawn in a fixed order above the land.

import { DoubleSide, Mesh, ShaderMaterial, type BufferGeometry, type IUniform } from 'three';

export function createFlowMesh(
  geometry: BufferGeometry,
  shaders: { vertexShader: string; fragmentShader: string },
  uniforms: Record<string, IUniform>,
  renderOrder: number,
): Mesh<BufferGeometry, ShaderMaterial> {
  const material = new ShaderMaterial({
    ...shaders,
    uniforms,
    transparent: true,
    depthWrite: false,
    // Arcs and bends can show either face to a tilted camera.
    side: DoubleSide,
  });
  const mesh = new Mesh(geometry, material);
  mesh.frustumCulled = false;
  mesh.renderOrder = renderOrder;
  return mesh;
}
