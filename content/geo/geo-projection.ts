// Albers equal-area conic centred on the Caspian: areas stay true, so no
// country looks bigger than it is, and the region reads like a familiar map.
// Output is in scene units (x east, y north).

const RAD = Math.PI / 180;

export interface ProjectionParams {
  lon0: number;
  lat0: number;
  parallel1: number;
  parallel2: number;
  /** Scene units per Earth radius. */
  scale: number;
}

export const CASPIAN_PROJECTION: ProjectionParams = { lon0: 51, lat0: 42, parallel1: 36, parallel2: 50, scale: 100 };

export class GeoProjection {
  private readonly n: number;
  private readonly c: number;
  private readonly rho0: number;

  constructor(private readonly params: ProjectionParams = CASPIAN_PROJECTION) {
    const s1 = Math.sin(params.parallel1 * RAD);
    const s2 = Math.sin(params.parallel2 * RAD);
    this.n = (s1 + s2) / 2;
    this.c = Math.cos(params.parallel1 * RAD) ** 2 + 2 * this.n * s1;
    this.rho0 = Math.sqrt(this.c - 2 * this.n * Math.sin(params.lat0 * RAD)) / this.n;
  }

  /** Writes x, y for lon, lat into out at offset; returns out (no allocation). */
  projectInto(lon: number, lat: number, out: Float32Array | number[], offset: number): Float32Array | number[] {
    const rho = Math.sqrt(this.c - 2 * this.n * Math.sin(lat * RAD)) / this.n;
    const theta = this.n * (lon - this.params.lon0) * RAD;
    out[offset] = rho * Math.sin(theta) * this.params.scale;
    out[offset + 1] = (this.rho0 - rho * Math.cos(theta)) * this.params.scale;
    return out;
  }

  project(lon: number, lat: number): [number, number] {
    const out: [number, number] = [0, 0];
    this.projectInto(lon, lat, out, 0);
    return out;
  }

  /** The lon, lat that projects to scene x, y (the pack checks read drawn routes back with it). */
  unproject(x: number, y: number): [number, number] {
    const px = x / this.params.scale, py = this.rho0 - y / this.params.scale;
    const rho = Math.hypot(px, py);
    const theta = Math.atan2(px, py);
    const sinLat = (this.c - (rho * this.n) ** 2) / (2 * this.n);
    return [this.params.lon0 + theta / this.n / RAD, Math.asin(Math.max(-1, Math.min(1, sinLat))) / RAD];
  }
}
