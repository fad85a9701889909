// Every corridor of the pack as animated ribbons in ONE mesh, built once.
// Kind and status read without colour: pipeline = solid core with a slow
// travelling pulse, rail = rails and ties, sea = dashed wave, road = dots,
// multimodal = chevrons; operating = dark casing, planned = dashed outline,
// proposed = thin, translucent and broken. Patterns move in the travel
// direction by a time uniform; visibility is a uniform per corridor.

import { Color, Mesh, ShaderMaterial, type BufferGeometry, type IUniform } from 'three';
import type { Corridor, CorridorKind, CorridorStatus, PackManifest } from '../../content/schema/pack-types.js';
import type { GeoProjection } from './geo-projection.js';
import { FLOW_HEIGHT } from './map-style.js';
import { EasedVisibility } from './eased-visibility.js';
import { createFlowMesh } from './flow-mesh.js';
import { RibbonBuilder } from './ribbon-builder.js';
import type { RoutePlanner } from './route-planner.js';

export const MAX_CORRIDORS = 64;
const KINDS: CorridorKind[] = ['rail', 'sea', 'road', 'pipeline', 'multimodal'];
const STATUSES: CorridorStatus[] = ['operating', 'planned', 'proposed'];
/** rail coral, sea cyan, road lime, pipeline amber, multimodal ivory. */
const KIND_COLOURS = [0xff8a70, 0x74d7ff, 0xc4ec8a, 0xffb845, 0xf7f2e6];
/** Side-by-side spacing of corridors sharing a leg, scene units. */
const LANE = 0.95;
const NEAR_DEGREES = 0.8;

const vertexShader = /* glsl */ `
  attribute vec2 offset;
  attribute float side;
  attribute float dist;
  attribute float item;
  attribute vec2 style;
  uniform float visible[${MAX_CORRIDORS}];
  uniform float widthScale;
  varying float vAcross;
  varying float vDist;
  varying float vVisible;
  varying vec2 vStyle;
  void main() {
    vVisible = visible[int(item + 0.5)];
    vStyle = style;
    vAcross = side;
    vDist = dist / widthScale;
    float halfW = (style.y > 1.5 ? 0.36 : 0.5) * widthScale;
    vec3 p = position + vec3(offset * side * halfW, 0.0);
    gl_Position = vVisible < 0.005 ? vec4(2.0, 2.0, 2.0, 1.0) : projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }
`;

const fragmentShader = /* glsl */ `
  uniform float time;
  uniform vec3 kindColor[5];
  uniform vec3 casingColor;
  varying float vAcross;
  varying float vDist;
  varying float vVisible;
  varying vec2 vStyle;
  float band(float x, float lo, float hi) { return step(lo, x) * step(x, hi); }
  void main() {
    int kind = int(vStyle.x + 0.5);
    float status = vStyle.y;
    float a = vAcross;
    float aa = abs(a);
    float m = vDist - time * 1.6;
    vec3 colour = kindColor[kind];
    float ink = 0.0;
    float glow = 0.0;
    if (kind == 0) {
      // Rail: two rails and ties passing along.
      ink = max(band(aa, 0.5, 0.8), step(fract(m / 1.1), 0.32) * step(aa, 0.92));
    } else if (kind == 1) {
      // Sea: a dashed wave.
      float wave = abs(a - 0.45 * sin(m * 2.2));
      ink = step(wave, 0.3) * step(fract(m / 2.6), 0.68);
    } else if (kind == 2) {
      // Road: dots.
      vec2 d = vec2((fract(m / 1.05) - 0.5) * 1.05, a * 0.5);
      ink = step(length(d), 0.3);
    } else if (kind == 3) {
      // Pipeline: a continuous core with a slow pulse travelling along it.
      ink = step(aa, 0.55);
      float p = fract((vDist - time * 2.2) / 16.0);
      glow = smoothstep(0.0, 0.06, p) * (1.0 - smoothstep(0.06, 0.3, p));
    } else {
      // Multimodal: chevrons pointing the way.
      ink = step(fract((m + aa * 0.55) / 1.35), 0.42) * step(aa, 0.95);
    }
    float casing = 0.0;
    float alpha = 1.0;
    if (status < 0.5) {
      casing = 0.78;
    } else if (status < 1.5) {
      // Planned: a dashed outline around a faint body.
      float outline = step(0.8, aa) * step(fract(vDist / 1.7), 0.55);
      ink = max(ink * 0.85, outline);
      casing = 0.3;
    } else {
      // Proposed: thin, translucent, broken.
      ink *= step(fract(vDist / 2.6), 0.6);
      casing = 0.18;
      alpha = 0.7;
    }
    vec3 c = mix(casingColor, colour + glow * 0.6, ink);
    float a2 = max(casing, ink) * alpha * vVisible;
    if (a2 < 0.01) discard;
    gl_FragColor = vec4(c, a2);
    #include <colorspace_fragment>
  }
`;

export class CorridorLayer {
  readonly mesh: Mesh<BufferGeometry, ShaderMaterial>;
  /** Which corridors show, by id; its values are the shader's visibility uniform. */
  private readonly shown = new EasedVisibility(MAX_CORRIDORS);
  private readonly geometry: BufferGeometry;
  private readonly material: ShaderMaterial;

  constructor(pack: PackManifest, planner: RoutePlanner, projection: GeoProjection, time: IUniform<number>, widthScale: IUniform<number>) {
    const places = new Map(pack.places.map((place) => [place.id, place]));
    // Stops a few kilometres apart (Baku, Alat, Sangachal) count as one for
    // lanes, so corridors along the same way run side by side, not on top.
    const cluster = new Map<string, string>();
    for (const place of pack.places) {
      const near = pack.places.find((other) => cluster.get(other.id) === other.id && Math.hypot(other.at[0] - place.at[0], other.at[1] - place.at[1]) < NEAR_DEGREES);
      cluster.set(place.id, near ? near.id : place.id);
    }
    const rep = (id: string): string => cluster.get(id) ?? id;
    const lanes = new Map<string, string[]>();
    const legKey = (a: string, b: string): string => (rep(a) < rep(b) ? `${rep(a)}|${rep(b)}` : `${rep(b)}|${rep(a)}`);
    for (const corridor of pack.corridors) {
      for (let i = 1; i < corridor.route.length; i++) {
        const key = legKey(corridor.route[i - 1]!, corridor.route[i]!);
        const list = lanes.get(key) ?? [];
        if (!list.includes(corridor.id)) list.push(corridor.id);
        lanes.set(key, list);
      }
    }
    const builder = new RibbonBuilder();
    pack.corridors.slice(0, MAX_CORRIDORS).forEach((corridor) => {
      const index = this.shown.add(corridor.id)!;
      const points = this.path(corridor, places, lanes, legKey, rep, planner, projection);
      builder.add(points, index, Math.max(0, KINDS.indexOf(corridor.kind)), Math.max(0, STATUSES.indexOf(corridor.status)));
    });
    this.geometry = builder.build();
    this.mesh = createFlowMesh(
      this.geometry,
      { vertexShader, fragmentShader },
      {
        time,
        widthScale,
        visible: { value: this.shown.values },
        kindColor: { value: KIND_COLOURS.map((hex) => new Color(hex)) },
        casingColor: { value: new Color(0x0d1a24) },
      },
      10,
    );
    this.material = this.mesh.material;
  }

  /** Corridor id -> index in the visibility uniform. */
  get indexOf(): ReadonlyMap<string, number> {
    return this.shown.indexOf;
  }

  setVisible(ids: Iterable<string>): void {
    this.shown.show(ids);
  }

  /** The eased visibility of a corridor, 0..1 (for tests and the legend). */
  visibility(id: string): number {
    return this.shown.visibility(id);
  }

  update(t: number): void {
    this.shown.update(t);
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }

  /** The corridor's whole route as x, y, z triples, legs shared with others set side by side. */
  private path(
    corridor: Corridor,
    places: Map<string, { at: [number, number]; kind: string }>,
    lanes: Map<string, string[]>,
    legKey: (a: string, b: string) => string,
    rep: (id: string) => string,
    planner: RoutePlanner,
    projection: GeoProjection,
  ): number[] {
    const out: number[] = [];
    const xy: [number, number] = [0, 0];
    const stops = corridor.route.filter((id) => places.has(id));
    for (let i = 1; i < stops.length; i++) {
      const from = places.get(stops[i - 1]!)!, to = places.get(stops[i]!)!;
      const sea = corridor.kind === 'sea' || (corridor.kind !== 'rail' && corridor.kind !== 'road' && planner.mostlySea(from.at, to.at));
      const ll = planner.leg(from.at, to.at, sea);
      const sharing = lanes.get(legKey(stops[i - 1]!, stops[i]!)) ?? [corridor.id];
      const lane = sharing.indexOf(corridor.id) - (sharing.length - 1) / 2;
      const shift = lane * LANE * (rep(stops[i - 1]!) < rep(stops[i]!) ? 1 : -1);
      const count = ll.length / 2;
      const leg: number[] = [];
      for (let k = 0; k < count; k++) {
        projection.projectInto(ll[k * 2]!, ll[k * 2 + 1]!, xy, 0);
        leg.push(xy[0], xy[1]);
      }
      for (let k = i === 1 ? 0 : 1; k < count; k++) {
        const a = Math.max(0, k - 1), b = Math.min(count - 1, k + 1);
        const dx = leg[b * 2]! - leg[a * 2]!, dy = leg[b * 2 + 1]! - leg[a * 2 + 1]!;
        const l = Math.hypot(dx, dy) || 1;
        // Lanes taper to the shared stop at both ends so legs join up.
        const t = k / (count - 1);
        const taper = Math.min(1, t / 0.15, (1 - t) / 0.15);
        const s = shift * taper;
        out.push(leg[k * 2]! - (dy / l) * s, leg[k * 2 + 1]! + (dx / l) * s, FLOW_HEIGHT);
      }
    }
    return out;
  }
}
