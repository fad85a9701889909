// All countries as one extruded mesh and all their outlines as one line set:
// two draw calls for the whole map. A highlighted country rises, turns warm
// and gets a bright outline (shape and height, not colour alone). Which
// countries stand out is a uniform per country, eased toward its target each
// frame, so a scenario switch rebuilds nothing. While the map moves, the
// ground may be drawn with the easing countries flat, and the lift
// (country-lift.ts) draws them over it each frame.

import { BufferGeometry, Color, Float32BufferAttribute, Group, LineSegments, Mesh, ShaderMaterial, ShapeUtils, Vector2, Vector4 } from 'three';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import { CountryLift, type CountryRanges } from './country-lift.js';
import type { GroundHighlights } from './map-painter.js';
import { EXTENT_FADE_GLSL, LAND_HEIGHT, PALETTE, RAISE_HEIGHT, SRGB_OUTPUT_GLSL } from './map-style.js';

export const MAX_COUNTRIES = 96;

const HEIGHT_GLSL = /* glsl */ `
  attribute float country;
  attribute float top;
  attribute vec2 lonlat;
  uniform float highlight[${MAX_COUNTRIES}];
  uniform float landHeight;
  uniform float raiseHeight;
  uniform float floorHeight;
  varying float vHighlight;
  varying vec2 vLonLat;
  float countryHeight() {
    vHighlight = highlight[int(country + 0.5)];
    vLonLat = lonlat;
    return mix(floorHeight, landHeight + raiseHeight * vHighlight, top);
  }
`;

const fillVertex = /* glsl */ `
  ${HEIGHT_GLSL}
  varying float vLight;
  varying float vTone;
  void main() {
    vec3 p = vec3(position.xy, countryHeight());
    // Light from the north-west and above: south-facing walls fall in shade.
    vec3 l = normalize(vec3(-0.45, 0.55, 0.7));
    vLight = normal.z > 0.5 ? 1.0 : 0.42 + 0.5 * max(dot(normal, l), 0.0);
    vTone = fract(sin(country * 12.9898) * 43758.5453) - 0.5;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }
`;

const fillFragment = /* glsl */ `
  ${EXTENT_FADE_GLSL}
  uniform vec3 landColor;
  uniform vec3 highlightColor;
  uniform vec3 background;
  varying float vHighlight;
  varying vec2 vLonLat;
  varying float vLight;
  varying float vTone;
  void main() {
    vec3 land = landColor * (1.0 + vTone * 0.14);
    vec3 c = mix(land, highlightColor, vHighlight) * vLight;
    gl_FragColor = vec4(mix(background, c, extentFade(vLonLat)), 1.0);
    ${SRGB_OUTPUT_GLSL}
  }
`;

const lineVertex = /* glsl */ `
  ${HEIGHT_GLSL}
  void main() {
    vec3 p = vec3(position.xy, countryHeight() + 0.02);
    gl_Position = projectionMatrix * modelViewMatrix * vec4(p, 1.0);
  }
`;

const lineFragment = /* glsl */ `
  ${EXTENT_FADE_GLSL}
  uniform vec3 borderColor;
  uniform vec3 outlineColor;
  varying float vHighlight;
  varying vec2 vLonLat;
  void main() {
    vec3 c = mix(borderColor, outlineColor, vHighlight);
    gl_FragColor = vec4(c, mix(0.55, 0.95, vHighlight) * extentFade(vLonLat));
    ${SRGB_OUTPUT_GLSL}
  }
`;

function signedArea(points: Vector2[]): number {
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const a = points[i]!, b = points[(i + 1) % points.length]!;
    sum += a.x * b.y - b.x * a.y;
  }
  return sum / 2;
}

/** Splits long edges (the extent's straight clip lines) so they curve with the projection. */
function densify(ring: number[]): number[] {
  const out: number[] = [];
  const count = ring.length / 2;
  for (let i = 0; i < count; i++) {
    const j = (i + 1) % count;
    const lon = ring[i * 2]!, lat = ring[i * 2 + 1]!, lon2 = ring[j * 2]!, lat2 = ring[j * 2 + 1]!;
    const steps = Math.max(1, Math.ceil(Math.max(Math.abs(lon2 - lon), Math.abs(lat2 - lat)) / 0.5));
    for (let k = 0; k < steps; k++) out.push(lon + ((lon2 - lon) * k) / steps, lat + ((lat2 - lat) * k) / steps);
  }
  return out;
}

/** A highlight this close to its target has arrived (a thousandth of the rise: under a pixel). */
const SNAP = 1e-3;
/**
 * How far a highlight may move on from the ground picture last drawn before
 * a move must draw it again: the fill's steps stay under a sixth of the way
 * from land to highlight colour.
 */
const DRAWN_STEP = 0.15;

export class CountryLayer implements GroundHighlights {
  readonly group = new Group();
  /** The countries whose highlight the ground does not show, drawn over it in the scene of moving parts. */
  readonly lift: CountryLift;
  /** The land (opaque, one draw) and the borders (see-through lines, one draw). */
  readonly fill: Mesh;
  readonly borders: LineSegments;
  /** Country ISO id -> index in the highlight uniform. */
  readonly indexOf = new Map<string, number>();
  private readonly targets = new Float32Array(MAX_COUNTRIES);
  private readonly values: number[] = new Array<number>(MAX_COUNTRIES).fill(0);
  /** The highlights the ground was last drawn with: as they were, or (for the lift) the settled ones, the easing ones flat. */
  private readonly drawn: number[] = new Array<number>(MAX_COUNTRIES).fill(0);
  /** The ground's highlight uniform: `values`, or `drawn` while the lift draws the rest. */
  private readonly groundHighlight: { value: number[] };
  private lifting = false;
  private readonly fillGeometry = new BufferGeometry();
  private readonly lineGeometry = new BufferGeometry();
  private readonly fillMaterial: ShaderMaterial;
  private readonly lineMaterial: ShaderMaterial;

  constructor(geo: RegionGeo, projection: GeoProjection) {
    const [w, s, e, n] = geo.extent;
    const onEdge = (lon1: number, lat1: number, lon2: number, lat2: number): boolean =>
      (lon1 === lon2 && (Math.abs(lon1 - w) < 1e-6 || Math.abs(lon1 - e) < 1e-6)) ||
      (lat1 === lat2 && (Math.abs(lat1 - s) < 1e-6 || Math.abs(lat1 - n) < 1e-6));
    const fill = { position: [] as number[], normal: [] as number[], country: [] as number[], top: [] as number[], lonlat: [] as number[], index: [] as number[] };
    const line = { position: [] as number[], country: [] as number[], top: [] as number[], lonlat: [] as number[] };
    const xy: [number, number] = [0, 0];
    const ranges: CountryRanges = { fill: new Uint32Array(MAX_COUNTRIES * 2), line: new Uint32Array(MAX_COUNTRIES * 2) };
    const vertex = (x: number, y: number, nx: number, ny: number, nz: number, c: number, top: number, lon: number, lat: number): number => {
      fill.position.push(x, y, 0);
      fill.normal.push(nx, ny, nz);
      fill.country.push(c);
      fill.top.push(top);
      fill.lonlat.push(lon, lat);
      return fill.country.length - 1;
    };
    geo.countries.slice(0, MAX_COUNTRIES).forEach((country, c) => {
      this.indexOf.set(country.id, c);
      ranges.fill[c * 2] = fill.index.length;
      ranges.line[c * 2] = line.country.length;
      for (const polygon of country.polygons) {
        // Without a repeated closing point (triangulateShape would drop it and shift indices).
        const lls = polygon.map((ring) =>
          densify(ring.length > 4 && ring[0] === ring[ring.length - 2] && ring[1] === ring[ring.length - 1] ? ring.slice(0, -2) : ring),
        );
        const rings = lls.map((ring) => {
          const points: Vector2[] = [];
          for (let i = 0; i < ring.length; i += 2) {
            projection.projectInto(ring[i]!, ring[i + 1]!, xy, 0);
            points.push(new Vector2(xy[0], xy[1]));
          }
          return points;
        });
        const [outer, ...holes] = rings;
        if (!outer || outer.length < 3) continue;
        const flat = lls.flat();
        const base = fill.country.length;
        rings.flat().forEach((p, k) => vertex(p.x, p.y, 0, 0, 1, c, 1, flat[k * 2]!, flat[k * 2 + 1]!));
        for (const [a, b, t] of ShapeUtils.triangulateShape(outer, holes)) fill.index.push(base + a, base + b, base + t);
        rings.forEach((points, r) => {
          const ll = lls[r]!;
          const sign = (signedArea(points) > 0 ? 1 : -1) * (r === 0 ? 1 : -1);
          for (let i = 0; i < points.length; i++) {
            const j = (i + 1) % points.length;
            const lon1 = ll[i * 2]!, lat1 = ll[i * 2 + 1]!, lon2 = ll[j * 2]!, lat2 = ll[j * 2 + 1]!;
            if (onEdge(lon1, lat1, lon2, lat2)) continue;
            const a = points[i]!, b = points[j]!;
            const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
            const nx = (sign * (b.y - a.y)) / len, ny = (sign * -(b.x - a.x)) / len;
            const v0 = vertex(a.x, a.y, nx, ny, 0, c, 0, lon1, lat1);
            vertex(b.x, b.y, nx, ny, 0, c, 0, lon2, lat2);
            vertex(a.x, a.y, nx, ny, 0, c, 1, lon1, lat1);
            vertex(b.x, b.y, nx, ny, 0, c, 1, lon2, lat2);
            fill.index.push(v0, v0 + 1, v0 + 2, v0 + 1, v0 + 3, v0 + 2);
            line.position.push(a.x, a.y, 0, b.x, b.y, 0);
            line.country.push(c, c);
            line.top.push(1, 1);
            line.lonlat.push(lon1, lat1, lon2, lat2);
          }
        });
      }
      ranges.fill[c * 2 + 1] = fill.index.length;
      ranges.line[c * 2 + 1] = line.country.length;
    });
    this.fillGeometry.setIndex(fill.index);
    this.fillGeometry.setAttribute('position', new Float32BufferAttribute(fill.position, 3));
    this.fillGeometry.setAttribute('normal', new Float32BufferAttribute(fill.normal, 3));
    this.fillGeometry.setAttribute('country', new Float32BufferAttribute(fill.country, 1));
    this.fillGeometry.setAttribute('top', new Float32BufferAttribute(fill.top, 1));
    this.fillGeometry.setAttribute('lonlat', new Float32BufferAttribute(fill.lonlat, 2));
    this.lineGeometry.setAttribute('position', new Float32BufferAttribute(line.position, 3));
    this.lineGeometry.setAttribute('country', new Float32BufferAttribute(line.country, 1));
    this.lineGeometry.setAttribute('top', new Float32BufferAttribute(line.top, 1));
    this.lineGeometry.setAttribute('lonlat', new Float32BufferAttribute(line.lonlat, 2));

    this.groundHighlight = { value: this.values };
    const shared = {
      highlight: this.groundHighlight,
      floorHeight: { value: 0 },
      landHeight: { value: LAND_HEIGHT },
      raiseHeight: { value: RAISE_HEIGHT },
      extent: { value: new Vector4(w, s, e, n) },
    };
    this.fillMaterial = new ShaderMaterial({
      vertexShader: fillVertex,
      fragmentShader: fillFragment,
      uniforms: {
        ...shared,
        landColor: { value: new Color(PALETTE.land) },
        highlightColor: { value: new Color(PALETTE.landHighlight) },
        background: { value: new Color(PALETTE.background) },
      },
    });
    this.lineMaterial = new ShaderMaterial({
      vertexShader: lineVertex,
      fragmentShader: lineFragment,
      uniforms: { ...shared, borderColor: { value: new Color(PALETTE.border) }, outlineColor: { value: new Color(PALETTE.outline) } },
      transparent: true,
      depthWrite: false,
    });
    this.fill = new Mesh(this.fillGeometry, this.fillMaterial);
    this.borders = new LineSegments(this.lineGeometry, this.lineMaterial);
    this.fill.frustumCulled = this.borders.frustumCulled = false;
    this.group.add(this.fill, this.borders);
    // Never moved: their matrices are computed once, not every frame.
    for (const object of [this.group, this.fill, this.borders]) object.matrixAutoUpdate = false;
    this.group.updateMatrixWorld(true);
    this.lift = new CountryLift(this.fillGeometry, this.lineGeometry, this.fillMaterial, this.lineMaterial, ranges, this.values);
  }

  /** Marks which countries stand out; the change eases in over update() calls. */
  setHighlighted(isoIds: Iterable<string>): void {
    this.targets.fill(0);
    for (const id of isoIds) {
      const index = this.indexOf.get(id);
      if (index !== undefined) this.targets[index] = 1;
    }
  }

  isHighlighted(iso: string): boolean {
    const index = this.indexOf.get(iso);
    return index !== undefined && this.targets[index] === 1;
  }

  /** Eases highlights toward their targets; `t` is 0..1 of the way per frame. False when none moved. */
  update(t: number): boolean {
    const values = this.values;
    let moved = false;
    for (let i = 0; i < MAX_COUNTRIES; i++) {
      const value = values[i]!, target = this.targets[i]!;
      if (value === target) continue;
      values[i] = Math.abs(target - value) < SNAP ? target : value + (target - value) * t;
      moved = true;
    }
    this.lift.update(values, this.drawn);
    return moved;
  }

  /**
   * The ground is about to be drawn: `flat` (a move) with the countries still
   * easing flat and the lift drawing them each frame, or with the highlights
   * as they are and no lift.
   */
  beforeGroundDraw(flat: boolean): void {
    const values = this.values;
    this.lifting = flat;
    for (let i = 0; i < MAX_COUNTRIES; i++) this.drawn[i] = flat && values[i] !== this.targets[i] ? 0 : values[i]!;
    this.groundHighlight.value = flat ? this.drawn : values;
    this.lift.show(flat, this.fill.visible, this.borders.visible);
    this.lift.update(values, this.drawn);
  }

  /**
   * Whether the ground last drawn no longer serves: a highlight moved on more
   * than a step from it, or, under the lift, sank below it (the lift covers a
   * country risen above its picture on the ground, never one lower).
   */
  drifted(): boolean {
    for (let i = 0; i < MAX_COUNTRIES; i++) {
      const value = this.values[i]!, drawn = this.drawn[i]!;
      if (this.lifting ? value < drawn : Math.abs(value - drawn) > DRAWN_STEP) return true;
    }
    return false;
  }

  dispose(): void {
    this.lift.dispose();
    this.fillGeometry.dispose();
    this.lineGeometry.dispose();
    this.fillMaterial.dispose();
    this.lineMaterial.dispose();
  }
}
