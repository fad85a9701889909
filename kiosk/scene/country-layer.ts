// All countries as one mesh and all borders as one line set: two draw calls
// for the whole map. Which countries stand out is a uniform per country, eased
// toward its target each frame, so a scenario switch rebuilds nothing.

import {
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  Group,
  LineBasicMaterial,
  LineSegments,
  Mesh,
  ShaderMaterial,
  ShapeUtils,
  Vector2,
} from 'three';
import type { RegionGeo } from '../../firmware-bridge/geo/region-geo.js';
import type { GeoProjection } from './geo-projection.js';

export const MAX_COUNTRIES = 96;

const vertexShader = /* glsl */ `
  attribute float country;
  uniform float highlight[${MAX_COUNTRIES}];
  varying float vHighlight;
  void main() {
    vHighlight = highlight[int(country + 0.5)];
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const fragmentShader = /* glsl */ `
  uniform vec3 baseColor;
  uniform vec3 highlightColor;
  varying float vHighlight;
  void main() {
    gl_FragColor = vec4(mix(baseColor, highlightColor, vHighlight), 1.0);
  }
`;

export class CountryLayer {
  readonly group = new Group();
  /** Country ISO id -> index in the highlight uniform. */
  readonly indexOf = new Map<string, number>();
  private readonly targets = new Float32Array(MAX_COUNTRIES);
  private readonly values: number[] = new Array<number>(MAX_COUNTRIES).fill(0);
  private readonly fillGeometry = new BufferGeometry();
  private readonly lineGeometry = new BufferGeometry();
  private readonly fillMaterial: ShaderMaterial;
  private readonly lineMaterial = new LineBasicMaterial({ color: 0x2b4a5e });

  constructor(geo: RegionGeo, projection: GeoProjection) {
    const positions: number[] = [];
    const countryIds: number[] = [];
    const xy: [number, number] = [0, 0];
    geo.countries.slice(0, MAX_COUNTRIES).forEach((country, index) => {
      this.indexOf.set(country.id, index);
      for (const polygon of country.polygons) {
        const rings = polygon.map((ring) => {
          const points: Vector2[] = [];
          for (let i = 0; i < ring.length; i += 2) {
            projection.projectInto(ring[i]!, ring[i + 1]!, xy, 0);
            points.push(new Vector2(xy[0], xy[1]));
          }
          return points;
        });
        const [outer, ...holes] = rings;
        if (!outer || outer.length < 3) continue;
        const all = outer.concat(...holes);
        for (const [a, b, c] of ShapeUtils.triangulateShape(outer, holes)) {
          for (const k of [a, b, c]) {
            positions.push(all[k]!.x, all[k]!.y, 0);
            countryIds.push(index);
          }
        }
      }
    });
    this.fillGeometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
    this.fillGeometry.setAttribute('country', new Float32BufferAttribute(countryIds, 1));
    this.fillMaterial = new ShaderMaterial({
      vertexShader,
      fragmentShader,
      uniforms: {
        highlight: { value: this.values },
        baseColor: { value: new Color(0x1d3340) },
        highlightColor: { value: new Color(0xd9a441) },
      },
    });
    const fill = new Mesh(this.fillGeometry, this.fillMaterial);

    const segments: number[] = [];
    for (const line of [...geo.borders, ...geo.coasts]) {
      for (let i = 0; i + 3 < line.length; i += 2) {
        projection.projectInto(line[i]!, line[i + 1]!, xy, 0);
        segments.push(xy[0], xy[1], 0.05);
        projection.projectInto(line[i + 2]!, line[i + 3]!, xy, 0);
        segments.push(xy[0], xy[1], 0.05);
      }
    }
    this.lineGeometry.setAttribute('position', new Float32BufferAttribute(segments, 3));
    const lines = new LineSegments(this.lineGeometry, this.lineMaterial);
    this.group.add(fill, lines);
  }

  /** Marks which countries stand out; the change eases in over update() calls. */
  setHighlighted(isoIds: Iterable<string>): void {
    this.targets.fill(0);
    for (const id of isoIds) {
      const index = this.indexOf.get(id);
      if (index !== undefined) this.targets[index] = 1;
    }
  }

  /** Eases highlights toward their targets; `t` is 0..1 of the way per frame. */
  update(t: number): void {
    const values = this.values;
    for (let i = 0; i < MAX_COUNTRIES; i++) values[i]! += (this.targets[i]! - values[i]!) * t;
  }

  dispose(): void {
    this.fillGeometry.dispose();
    this.lineGeometry.dispose();
    this.fillMaterial.dispose();
    this.lineMaterial.dispose();
  }
}
