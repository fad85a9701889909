// Every corridor of the pack as animated ribbons in ONE mesh, built once.
// Kind and status read without colour (see map-symbology.ts): pipeline =
// solid core with a slow travelling pulse, rail = rails and ties, sea =
// dashed wave, road = dots, multimodal = chevrons; operating = dark casing,
// planned = dashed outline, proposed = thin, translucent and broken. Patterns
// move in the travel direction by a time uniform; visibility is a uniform per
// corridor (see FlowLayer).

import type { IUniform } from 'three';
import { CorridorPaths } from '../../content/geo/corridor-paths.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { RoutePlanner } from '../../content/geo/route-planner.js';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { EasedVisibility } from './eased-visibility.js';
import { FlowLayer, flowFragmentHead, flowVertexHead } from './flow-layer.js';
import { CASING, CORRIDOR_KIND_SYMBOLS, CORRIDOR_KINDS, CORRIDOR_STATUSES, FLOW_ORDER, symbolIndex } from './map-symbology.js';
import { FLOW_HEIGHT } from './map-style.js';
import { RibbonBuilder } from './ribbon-builder.js';

export const MAX_CORRIDORS = 64;

/** Kind and status, as the shader's numbers. */
const varyings = /* glsl */ `
  varying vec2 vStyle;
`;

const vertexShader = /* glsl */ `
  ${flowVertexHead(MAX_CORRIDORS)}
  ${varyings}
  void main() {
    flowVaryings();
    vStyle = style;
    float halfW = (style.y > 1.5 ? 0.42 : 0.5) * widthScale;
    vec3 p = position + vec3(offset * side * halfW, 0.0);
    gl_Position = flowPosition(p);
  }
`;

const fragmentShader = /* glsl */ `
  ${flowFragmentHead(CORRIDOR_KINDS.length)}
  ${varyings}
  float band(float x, float lo, float hi) { return step(lo, x) * step(x, hi); }
  void main() {
    int kind = int(vStyle.x + 0.5);
    float status = vStyle.y;
    float a = vAcross;
    float aa = abs(a);
    float m = vDist - time * 1.6;
    vec3 colour = lineColor[kind];
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
      // Proposed: thin and broken, but as firm as the rest (a scenario's
      // subject is often a proposal: it must not be the faintest mark).
      ink *= step(fract(vDist / 2.6), 0.6);
      casing = 0.55;
      alpha = 0.92;
    }
    vec3 c = mix(casingColor, colour + glow * 0.6, ink);
    flowColour(c, max(casing, ink) * alpha * vVisible);
  }
`;

export class CorridorLayer extends FlowLayer {
  constructor(pack: PackManifest, planner: RoutePlanner, projection: GeoProjection, time: IUniform<number>, widthScale: IUniform<number>) {
    // Which corridors show, by id: the shader's visibility uniform.
    const shown = new EasedVisibility(MAX_CORRIDORS);
    // The lines themselves (legs over land or water, shared legs in lanes) are
    // shared with the pack's map checks, so the checks see what is drawn here.
    const paths = new CorridorPaths(pack, planner, projection);
    const builder = new RibbonBuilder();
    pack.corridors.slice(0, MAX_CORRIDORS).forEach((corridor) => {
      const index = shown.add(corridor.id)!;
      const flat = paths.draw(corridor).points;
      const points: number[] = [];
      for (let k = 0; k < flat.length; k += 2) points.push(flat[k]!, flat[k + 1]!, FLOW_HEIGHT);
      builder.add(points, index, symbolIndex(CORRIDOR_KINDS, corridor.kind), symbolIndex(CORRIDOR_STATUSES, corridor.status));
    });
    const colours = CORRIDOR_KINDS.map((kind) => CORRIDOR_KIND_SYMBOLS[kind].colour);
    // Every corridor's pattern travels along it.
    const animated = [...shown.indexOf.values()];
    super(shown, builder.build(), { vertexShader, fragmentShader, colours, casing: CASING.corridor, renderOrder: FLOW_ORDER.corridor, animated }, time, widthScale);
  }

  setVisible(ids: Iterable<string>): void {
    this.shown.show(ids);
  }
}
