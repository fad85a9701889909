// The sea and the ground beyond the map: one grid mesh in lon/lat under the
// land. Inside the extent it is sea with a faint graticule; toward the edge it
// fades into the background colour, which hides where the data was clipped.
// It is drawn after the (opaque) land, so it shades only the pixels the land
// leaves uncovered.

import { BufferGeometry, Color, Float32BufferAttribute, Mesh, ShaderMaterial, Vector4 } from 'three';
import type { Extent } from '../../content/geo/region-geo-types.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import { EXTENT_FADE_GLSL, PALETTE, SRGB_OUTPUT_GLSL } from './map-style.js';

const vertexShader = /* glsl */ `
  attribute vec2 lonlat;
  varying vec2 vLonLat;
  void main() {
    vLonLat = lonlat;
    gl_Position = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
  }
`;

const fragmentShader = /* glsl */ `
  ${EXTENT_FADE_GLSL}
  uniform vec3 seaColor;
  uniform vec3 deepColor;
  uniform vec3 gridColor;
  uniform vec3 background;
  varying vec2 vLonLat;
  void main() {
    vec2 centre = vec2(51.0, 42.0);
    float r = length((vLonLat - centre) * vec2(0.6, 1.0)) / 30.0;
    vec3 sea = mix(seaColor, deepColor, clamp(r, 0.0, 1.0));
    // Graticule every 10 degrees, a hair wide at any zoom.
    vec2 g = abs(fract(vLonLat / 10.0 + 0.5) - 0.5) * 10.0 / fwidth(vLonLat);
    float line = 1.0 - clamp(min(g.x, g.y) - 0.5, 0.0, 1.0);
    sea = mix(sea, gridColor, line * 0.28);
    gl_FragColor = vec4(mix(background, sea, extentFade(vLonLat)), 1.0);
    ${SRGB_OUTPUT_GLSL}
  }
`;

export class SeaLayer {
  readonly mesh: Mesh;
  private readonly geometry = new BufferGeometry();
  private readonly material: ShaderMaterial;

  constructor(extent: Extent, projection: GeoProjection) {
    const [w, s, e, n] = extent;
    // Wide margins: the camera may look past the extent when tilted or orbited.
    const lon0 = w - 40, lon1 = e + 40, lat0 = Math.max(s - 25, -5), lat1 = Math.min(n + 22, 85);
    const cols = 72, rows = 40;
    const positions: number[] = [];
    const lonlats: number[] = [];
    const index: number[] = [];
    const xy: [number, number] = [0, 0];
    for (let j = 0; j <= rows; j++) {
      for (let i = 0; i <= cols; i++) {
        const lon = lon0 + ((lon1 - lon0) * i) / cols;
        const lat = lat0 + ((lat1 - lat0) * j) / rows;
        projection.projectInto(lon, lat, xy, 0);
        positions.push(xy[0], xy[1], 0);
        lonlats.push(lon, lat);
      }
    }
    for (let j = 0; j < rows; j++) {
      for (let i = 0; i < cols; i++) {
        const a = j * (cols + 1) + i;
        index.push(a, a + 1, a + cols + 1, a + 1, a + cols + 2, a + cols + 1);
      }
    }
    this.geometry.setIndex(index);
    this.geometry.setAttribute('position', new Float32BufferAttribute(positions, 3));
    this.geometry.setAttribute('lonlat', new Float32BufferAttribute(lonlats, 2));
    this.material = new ShaderMaterial({
      vertexShader,
      fragmentShader,
      uniforms: {
        extent: { value: new Vector4(w, s, e, n) },
        seaColor: { value: new Color(PALETTE.sea) },
        deepColor: { value: new Color(PALETTE.seaDeep) },
        gridColor: { value: new Color(PALETTE.graticule) },
        background: { value: new Color(PALETTE.background) },
      },
      depthWrite: false,
      // Drawn after the land and just behind it: where land covers the sea,
      // the depth test rejects the sea's pixels before they are shaded.
      polygonOffset: true,
      polygonOffsetFactor: 1,
      polygonOffsetUnits: 1,
    });
    this.mesh = new Mesh(this.geometry, this.material);
    this.mesh.renderOrder = 5;
    this.mesh.frustumCulled = false;
    this.mesh.matrixAutoUpdate = false;
  }

  dispose(): void {
    this.geometry.dispose();
    this.material.dispose();
  }
}
