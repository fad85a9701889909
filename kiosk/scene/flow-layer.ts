// What both flow layers (corridors, relations) are: every item of the pack in
// ONE merged ribbon mesh (see RibbonBuilder), see-through, no depth writes,
// visible from either side, never culled (the ribbons span the whole map),
// drawn in a fixed order above the land, with an eased visibility and an
// eased emphasis per item (subject or context, see map-symbology.ts's
// EMPHASIS) in one uniform array, so a scenario switch changes numbers, never
// geometry.
// dispose() frees the geometry it was given and the material it made.

import { Color, DoubleSide, Mesh, ShaderMaterial, type BufferGeometry, type IUniform } from 'three';
import { EasedVisibility } from './eased-visibility.js';
import { EMPHASIS } from './map-symbology.js';

/** How a flow layer looks: its shaders and its colours and place from the symbology table. */
export interface FlowLook {
  vertexShader: string;
  fragmentShader: string;
  /** Line colours (sRGB hex) by the shader's kind or type number: its `lineColor` uniform. */
  colours: readonly number[];
  /** The casing under the lines: its `casingColor` uniform. */
  casing: number;
  renderOrder: number;
}

const glslFloat = (n: number): string => (Number.isInteger(n) ? `${n}.0` : String(n));

/**
 * GLSL for a flow vertex shader: the ribbon's attributes, the visibility and
 * emphasis (one vec2 per item) and width uniforms, the varyings both flow
 * shaders share, flowVaryings() to set them, flowWidth() (the emphasis's width
 * factor) and flowPosition(p), which sends a hidden item's vertices off
 * screen so it costs no fill.
 */
export function flowVertexHead(capacity: number): string {
  return /* glsl */ `
  attribute vec2 offset;
  attribute float side;
  attribute float dist;
  attribute float along;
  attribute float item;
  attribute vec2 style;
  uniform vec2 flow[${capacity}];
  uniform float widthScale;
  ${FLOW_VARYINGS}
  float flowWidth() {
    return mix(${glslFloat(EMPHASIS.context.width)}, ${glslFloat(EMPHASIS.subject.width)}, vWeight);
  }
  void flowVaryings() {
    vec2 f = flow[int(item + 0.5)];
    vVisible = f.x;
    vWeight = f.y;
    vAcross = side;
    vDist = dist / (widthScale * flowWidth());
  }
  vec4 flowPosition(vec3 p) {
    return vVisible < 0.005 ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(p, 1.0);
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
    a *= mix(${glslFloat(EMPHASIS.context.opacity)}, ${glslFloat(EMPHASIS.subject.opacity)}, vWeight);
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
  varying float vWeight;
`;

export class FlowLayer {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  /** Which items are the scenario's subject (1) or its context (0), eased like the visibility. */
  private readonly weight: EasedVisibility;
  /** The shader's flow uniform: visibility and emphasis per item, interleaved. */
  private readonly flow: number[];

  /** `shown` holds the items' keys, added while `geometry` was built. */
  constructor(
    protected readonly shown: EasedVisibility,
    private readonly geometry: BufferGeometry,
    look: FlowLook,
    time: IUniform<number>,
    widthScale: IUniform<number>,
  ) {
    this.weight = new EasedVisibility(shown.capacity);
    for (const key of shown.indexOf.keys()) this.weight.add(key);
    this.weight.values.fill(1);
    this.flow = new Array<number>(shown.capacity * 2).fill(0);
    const material = new ShaderMaterial({
      vertexShader: look.vertexShader,
      fragmentShader: look.fragmentShader,
      uniforms: {
        time,
        widthScale,
        flow: { value: this.flow },
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
  }

  /** Item key -> index in the visibility uniform. */
  get indexOf(): ReadonlyMap<string, number> {
    return this.shown.indexOf;
  }

  /** The eased visibility of an item, 0..1 (for tests and the legend). */
  visibility(key: string): number {
    return this.shown.visibility(key);
  }

  /** The emphasis of an item, 0 (context) to 1 (subject), eased (for tests). */
  emphasis(key: string): number {
    return this.weight.visibility(key);
  }

  /** Exactly these items are the subject; the others are drawn as context. */
  protected setSubject(keys: Iterable<string>): void {
    this.weight.show(keys);
  }

  update(t: number): void {
    this.shown.update(t);
    this.weight.update(t);
    const flow = this.flow, visible = this.shown.values, weight = this.weight.values;
    for (let i = 0; i < visible.length; i++) {
      flow[i * 2] = visible[i]!;
      flow[i * 2 + 1] = weight[i]!;
    }
  }

  dispose(): void {
    this.geometry.dispose();
    this.mesh.material.dispose();
  }
}
