// Relations between actors as arcs rising over the map, every relation of
// every scenario built once into ONE mesh. Type reads without colour:
// alliance = thick solid, partnership = thin solid, mediation = dashed,
// rivalry = a double line, tension = dots with a slow pulse. A switch only
// changes which arcs are visible (a uniform per arc).

import { Color, Mesh, ShaderMaterial, type BufferGeometry, type IUniform } from 'three';
import type { PackManifest, Relation, RelationType } from '../../content/schema/pack-types.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import { FLOW_HEIGHT } from './map-style.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import { EasedVisibility } from './eased-visibility.js';
import { createFlowMesh } from './flow-mesh.js';
import { RibbonBuilder } from './ribbon-builder.js';

export const MAX_RELATIONS = 96;
const TYPES: RelationType[] = ['alliance', 'partnership', 'mediation', 'rivalry', 'tension'];
/** alliance gold, partnership sky, mediation lavender, rivalry orange, tension red. */
const TYPE_COLOURS = [0xffd166, 0x9fd8f0, 0xd4c2ff, 0xff9f4a, 0xff5a5a];
const SAMPLES = 56;

const vertexShader = /* glsl */ `
  attribute vec2 offset;
  attribute float side;
  attribute float dist;
  attribute float along;
  attribute float item;
  attribute vec2 style;
  uniform float visible[${MAX_RELATIONS}];
  uniform float widthScale;
  varying float vAcross;
  varying float vDist;
  varying float vAlong;
  varying float vVisible;
  varying float vType;
  void main() {
    vVisible = visible[int(item + 0.5)];
    vType = style.x;
    vAcross = side;
    vAlong = along;
    vDist = dist / widthScale;
    int type = int(style.x + 0.5);
    float core = type == 0 ? 0.42 : type == 3 ? 0.42 : type == 1 ? 0.2 : type == 4 ? 0.34 : 0.26;
    vec3 p = position + vec3(offset * side * core * 1.6 * widthScale, 0.0);
    gl_Position = vVisible < 0.005 ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }
`;

const fragmentShader = /* glsl */ `
  uniform float time;
  uniform vec3 typeColor[5];
  uniform vec3 casingColor;
  varying float vAcross;
  varying float vDist;
  varying float vAlong;
  varying float vVisible;
  varying float vType;
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
    float glow = type == 0 ? 0.25 * smoothstep(0.8, 1.0, sin(vDist * 0.12 - time * 1.2)) : 0.0;
    float casing = type == 4 ? 0.0 : 0.55 * step(a, 1.6);
    float ends = smoothstep(0.0, 0.04, vAlong) * smoothstep(1.0, 0.96, vAlong);
    vec3 c = mix(casingColor, typeColor[type] + glow, ink);
    float o = max(casing, ink) * alpha * vVisible * ends;
    if (o < 0.01) discard;
    gl_FragColor = vec4(c, o);
    #include <colorspace_fragment>
  }
`;

export function relationKey(relation: Pick<Relation, 'from' | 'to' | 'type'>): string {
  return `${relation.from}|${relation.to}|${relation.type}`;
}

export class RelationLayer {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  /** Which relations show, by key; its values are the shader's visibility uniform. */
  private readonly shown = new EasedVisibility(MAX_RELATIONS);
  private readonly geometry: BufferGeometry;
  private readonly material: ShaderMaterial;

  constructor(pack: PackManifest, region: RegionIndex, projection: GeoProjection, time: IUniform<number>, widthScale: IUniform<number>) {
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
    for (const [key, r] of distinct) {
      if (this.shown.indexOf.size >= MAX_RELATIONS) break;
      const fromActor = actors.get(r.from), toActor = actors.get(r.to);
      const a = fromActor && region.anchorOf(fromActor), b = toActor && region.anchorOf(toActor);
      if (!a || !b) continue;
      const index = this.shown.add(key)!;
      const pair = r.from < r.to ? `${r.from}|${r.to}` : `${r.to}|${r.from}`;
      const siblings = pairs.get(pair)!;
      const lane = siblings.length === 1 ? 0 : siblings.indexOf(key) - (siblings.length - 1) / 2;
      const canonical = r.from < r.to ? 1 : -1;
      builder.add(this.arc(projection.project(a[0], a[1]), projection.project(b[0], b[1]), lane * canonical), index, TYPES.indexOf(r.type), 0);
    }
    this.geometry = builder.build();
    this.mesh = createFlowMesh(
      this.geometry,
      { vertexShader, fragmentShader },
      {
        time,
        widthScale,
        visible: { value: this.shown.values },
        typeColor: { value: TYPE_COLOURS.map((hex) => new Color(hex)) },
        casingColor: { value: new Color(0x0a141d) },
      },
      12,
    );
    this.material = this.mesh.material;
  }

  /** Relation key -> index in the visibility uniform. */
  get indexOf(): ReadonlyMap<string, number> {
    return this.shown.indexOf;
  }

  setVisible(relations: Iterable<Pick<Relation, 'from' | 'to' | 'type'>>): void {
    const keys: string[] = [];
    for (const r of relations) keys.push(relationKey(r));
    this.shown.show(keys);
  }

  visibility(key: string): number {
    return this.shown.visibility(key);
  }

  update(t: number): void {
    this.shown.update(t);
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }

  private arc([ax, ay]: [number, number], [bx, by]: [number, number], lane: number): number[] {
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
}
