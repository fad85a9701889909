// What both flow layers (corridors, relations) are: every item of the pack in
// ONE merged ribbon mesh (see RibbonBuilder), see-through, no depth writes,
// visible from either side, never culled (the ribbons span the whole map),
// drawn in a fixed order above the land, with an eased visibility per item
// (a uniform array), so a scenario switch changes numbers, never geometry.
// dispose() frees the geometry it was given and the material it made.

import { Color, DoubleSide, Mesh, ShaderMaterial, type BufferGeometry, type IUniform } from 'three';
import { EasedVisibility, VISIBLE } from './eased-visibility.js';

/** How a flow layer looks: its shaders and its colours and place from the symbology table. */
export interface FlowLook {
  vertexShader: string;
  fragmentShader: string;
  /** Line colours (sRGB hex) by the shader's kind or type number: its `lineColor` uniform. */
  colours: readonly number[];
  /** The casing under the lines: its `casingColor` uniform. */
  casing: number;
  renderOrder: number;
  /** The items whose pattern moves with time (the rest hold still once faded in). */
  animated: readonly number[];
}

/**
 * GLSL for a flow vertex shader: the ribbon's attributes, the visibility and
 * width uniforms, the varyings both flow shaders share, flowVaryings() to set
 * them, and flowPosition(p), which sends a hidden item's vertices off screen
 * so it costs no fill.
 */
export function flowVertexHead(capacity: number): string {
  return /* glsl */ `
  attribute vec2 offset;
  attribute float side;
  attribute float dist;
  attribute float along;
  attribute float item;
  attribute vec2 style;
  uniform float visible[${capacity}];
  uniform float widthScale;
  ${FLOW_VARYINGS}
  void flowVaryings() {
    vVisible = visible[int(item + 0.5)];
    vAcross = side;
    vDist = dist / widthScale;
  }
  vec4 flowPosition(vec3 p) {
    return vVisible < ${VISIBLE} ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }
`;
}

/**
 * GLSL for a flow fragment shader: the time, colour and casing uniforms, the
 * shared varyings, and flowColour(c, a), which writes the fragment (none when
 * it is all but transparent) in the output colour space.
 */
export function flowFragmentHead(colours: number): string {
  return /* glsl */ `
  uniform float time;
  uniform vec3 lineColor[${colours}];
  uniform vec3 casingColor;
  ${FLOW_VARYINGS}
  void flowColour(vec3 c, float a) {
    if (a < 0.01) discard;
    gl_FragColor = vec4(c, a);
    #include <colorspace_fragment>
  }
`;
}

/** Across the ribbon (-1..1), along it in widths, and the item's eased visibility. */
const FLOW_VARYINGS = /* glsl */ `
  varying float vAcross;
  varying float vDist;
  varying float vVisible;
`;

export class FlowLayer {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  private readonly animatedItems: readonly number[];

  /** `shown` holds the items' keys, added while `geometry` was built. */
  constructor(
    protected readonly shown: EasedVisibility,
    private readonly geometry: BufferGeometry,
    look: FlowLook,
    time: IUniform<number>,
    widthScale: IUniform<number>,
  ) {
    const material = new ShaderMaterial({
      vertexShader: look.vertexShader,
      fragmentShader: look.fragmentShader,
      uniforms: {
        time,
        widthScale,
        visible: { value: shown.values },
        lineColor: { value: look.colours.map((hex) => new Color(hex)) },
        casingColor: { value: new Color(look.casing) },
      },
      transparent: true,
      depthWrite: false,
      // Arcs and bends can show either face to a tilted camera.
      side: DoubleSide,
    });
    this.mesh = new Mesh(geometry, material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = look.renderOrder;
    this.mesh.matrixAutoUpdate = false;
    this.animatedItems = look.animated;
  }

  /** Whether an item on screen moves with time: then every frame must be drawn. */
  animated(): boolean {
    for (const index of this.animatedItems) if (this.shown.shows(index)) return true;
    return false;
  }

  /** Item key -> index in the visibility uniform. */
  get indexOf(): ReadonlyMap<string, number> {
    return this.shown.indexOf;
  }

  /** The eased visibility of an item, 0..1 (for tests and the legend). */
  visibility(key: string): number {
    return this.shown.visibility(key);
  }

  /** Eases the items' visibility; false when none changed. */
  update(t: number): boolean {
    return this.shown.update(t);
  }

  dispose(): void {
    this.geometry.dispose();
    this.mesh.material.dispose();
  }
}
