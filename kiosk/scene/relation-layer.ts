// Relations between actors as arcs rising over the map, every relation of
// every scenario built once into ONE mesh. Type reads without colour (see
// map-symbology.ts): alliance = thick solid, partnership = thin solid,
// mediation = dashed, rivalry = a double line, tension = dots with a slow
// pulse. A switch only changes which arcs are visible (see FlowLayer).

import { Vector3, type IUniform } from 'three';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import type { PackManifest, Relation } from '../../content/schema/pack-types.js';
import { EasedVisibility, QUIET } from './eased-visibility.js';
import { FlowLayer, flowFragmentHead, flowVertexHead } from './flow-layer.js';
import { CASING, FLOW_ORDER, RELATION_SYMBOLS, RELATION_TYPES, symbolIndex } from './map-symbology.js';
import { FLOW_HEIGHT } from './map-style.js';
import { RibbonBuilder } from './ribbon-builder.js';

export const MAX_RELATIONS = 96;
const SAMPLES = 56;

/** How far along the arc (0..1), and the relation type as the shader's number. */
const varyings = /* glsl */ `
  varying float vAlong;
  varying float vType;
`;

const vertexShader = /* glsl */ `
  ${flowVertexHead(MAX_RELATIONS)}
  ${varyings}
  void main() {
    flowVaryings();
    vType = style.x;
    vAlong = along;
    int type = int(style.x + 0.5);
    float core = type == 0 ? 0.42 : type == 3 ? 0.42 : type == 1 ? 0.2 : type == 4 ? 0.34 : 0.26;
    // Context (visibility QUIET) is thinner than a scenario's subject.
    core *= mix(0.6, 1.0, smoothstep(${QUIET.toFixed(2)}, 1.0, vVisible));
    vec3 p = position + vec3(offset * side * core * 1.6 * widthScale, 0.0);
    gl_Position = flowPosition(p);
  }
`;

const fragmentShader = /* glsl */ `
  ${flowFragmentHead(RELATION_TYPES.length)}
  ${varyings}
  uniform vec3 frame;
  void main() {
    int type = int(vType + 0.5);
    float a = abs(vAcross) * 1.6;
    float core = step(a, 1.0);
    float ink = core;
    float alpha = 1.0;
    if (type == 2) {
      ink *= step(fract(vDist / 2.2), 0.6);
    } else if (type == 3) {
      ink = core * step(0.45, a);
    } else if (type == 4) {
      vec2 d = vec2((fract(vDist / 1.3) - 0.5) * 1.3, a * 0.42);
      ink = step(length(d), 0.4);
      // A slow pulse, well under the 3 flashes a second limit.
      alpha = 0.72 + 0.28 * sin(time * 3.1416);
    }
    // Only a subject alliance glows: context holds still and quiet.
    float glow = type == 0 && vVisible > 0.9 ? 0.25 * smoothstep(0.8, 1.0, sin(vDist * 0.12 - time * 1.2)) : 0.0;
    float casing = type == 4 ? 0.0 : 0.55 * step(a, 1.6);
    float ends = smoothstep(0.0, 0.04, vAlong) * smoothstep(1.0, 0.96, vAlong);
    // An arc to an actor off screen fades out before the frame's edge, where its edge marker names the actor.
    vec2 edge = min(gl_FragCoord.xy, frame.xy - gl_FragCoord.xy);
    ends *= smoothstep(frame.z * 0.4, frame.z, min(edge.x, edge.y));
    vec3 c = mix(casingColor, lineColor[type] + glow, ink);
    flowColour(c, max(casing, ink) * alpha * vVisible * ends);
  }
`;

export function relationKey(relation: Pick<Relation, 'from' | 'to' | 'type'>): string {
  return `${relation.from}|${relation.to}|${relation.type}`;
}

export class RelationLayer extends FlowLayer {
  private readonly frame: IUniform<Vector3> = { value: new Vector3(1, 1, 1) };

  constructor(pack: PackManifest, region: RegionIndex, projection: GeoProjection, time: IUniform<number>, widthScale: IUniform<number>) {
    // Which relations show, by key: the shader's visibility uniform.
    const shown = new EasedVisibility(MAX_RELATIONS);
    const actors = new Map(pack.actors.map((actor) => [actor.id, actor]));
    const distinct = new Map<string, Relation>();
    for (const scenario of pack.scenarios) for (const r of scenario.relations) if (!distinct.has(relationKey(r))) distinct.set(relationKey(r), r);
    // Arcs between the same two actors bow apart so each stays readable.
    const pairs = new Map<string, string[]>();
    for (const [key, r] of distinct) {
      const pair = r.from < r.to ? `${r.from}|${r.to}` : `${r.to}|${r.from}`;
      pairs.set(pair, [...(pairs.get(pair) ?? []), key]);
    }
    const builder = new RibbonBuilder();
    // Alliances' glow travels and tensions pulse; the other types hold still.
    const animated: number[] = [];
    for (const [key, r] of distinct) {
      if (shown.indexOf.size >= MAX_RELATIONS) break;
      const fromActor = actors.get(r.from), toActor = actors.get(r.to);
      const a = fromActor && region.anchorOf(fromActor), b = toActor && region.anchorOf(toActor);
      if (!a || !b) continue;
      const index = shown.add(key)!;
      if (r.type === 'alliance' || r.type === 'tension') animated.push(index);
      const pair = r.from < r.to ? `${r.from}|${r.to}` : `${r.to}|${r.from}`;
      const siblings = pairs.get(pair)!;
      const lane = siblings.length === 1 ? 0 : siblings.indexOf(key) - (siblings.length - 1) / 2;
      const canonical = r.from < r.to ? 1 : -1;
      builder.add(arc(projection.project(a[0], a[1]), projection.project(b[0], b[1]), lane * canonical), index, symbolIndex(RELATION_TYPES, r.type), 0);
    }
    const colours = RELATION_TYPES.map((type) => RELATION_SYMBOLS[type].colour);
    super(shown, builder.build(), { vertexShader, fragmentShader, colours, casing: CASING.relation, renderOrder: FLOW_ORDER.relation, animated }, time, widthScale);
    this.mesh.material.uniforms['frame'] = this.frame;
  }

  /** The drawing buffer's size in device pixels: arcs fade out over the last `fade` pixels before its edge. */
  setFrame(width: number, height: number, fade: number): void {
    this.frame.value.set(width, height, fade);
  }

  /** Exactly these relations show; as context (`quiet`) they are fainter and thinner than a subject. */
  setVisible(relations: Iterable<Pick<Relation, 'from' | 'to' | 'type'>>, quiet = false): void {
    const keys: string[] = [];
    for (const r of relations) keys.push(relationKey(r));
    this.shown.show(keys, quiet ? QUIET : 1);
  }
}

/** An arc from a to b, bowed sideways by `lane` (arcs between the same two actors), rising over the map. */
function arc([ax, ay]: [number, number], [bx, by]: [number, number], lane: number): number[] {
  const dx = bx - ax, dy = by - ay;
  const length = Math.hypot(dx, dy) || 1;
  const nx = -dy / length, ny = dx / length;
  const bow = lane * Math.min(0.35 * length, 9);
  const cx = (ax + bx) / 2 + nx * bow * 2, cy = (ay + by) / 2 + ny * bow * 2;
  // Low arcs: tall ones loop over themselves on a tilted map.
  const height = Math.min(0.1 * length, 4) + 0.6;
  const out: number[] = [];
  for (let i = 0; i <= SAMPLES; i++) {
    const t = i / SAMPLES, u = 1 - t;
    out.push(u * u * ax + 2 * u * t * cx + t * t * bx, u * u * ay + 2 * u * t * cy + t * t * by, FLOW_HEIGHT + 0.2 + 4 * height * t * u);
  }
  return out;
}
