// The 3D map: owns the renderer, the camera rig and the layers, and draws one
// frame per animation frame. Built once per geo/pack; a scenario switch only
// changes targets and uniforms.

import { Color, Scene, WebGLRenderer } from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { RegionGeo } from '../../firmware-bridge/geo/region-geo.js';
import { CameraRig, type Framing } from './camera-rig.js';
import { CountryLayer } from './country-layer.js';
import { GeoProjection } from './geo-projection.js';

export interface SceneStats {
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
  heapBytes: number | null;
  frames: number;
}

const DEG = Math.PI / 180;
/** Distance that shows the whole region at zoom 1. */
const REGION_DISTANCE = 190;

export class MapScene {
  readonly projection = new GeoProjection();
  readonly rig = new CameraRig();
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private countries: CountryLayer | null = null;
  private pack: PackManifest | null = null;
  private frames = 0;
  private lastTime = 0;
  private resolveFirstFrame!: () => void;
  private readonly resizeObserver: ResizeObserver;
  reducedMotion = false;
  /** Resolves after the first frame with the map in it. */
  readonly firstFrame = new Promise<void>((resolve) => (this.resolveFirstFrame = resolve));

  constructor(private readonly canvas: HTMLCanvasElement) {
    this.renderer = new WebGLRenderer({ canvas, antialias: true, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(1);
    this.scene.background = new Color(0x0b1a26);
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    this.renderer.setAnimationLoop((time) => this.frame(time));
  }

  setGeo(geo: RegionGeo): void {
    if (this.countries) {
      this.scene.remove(this.countries.group);
      this.countries.dispose();
    }
    this.countries = new CountryLayer(geo, this.projection);
    this.scene.add(this.countries.group);
  }

  setPack(pack: PackManifest): void {
    this.pack = pack;
  }

  showScenario(scenario: Scenario): void {
    const pack = this.pack;
    if (!pack || !this.countries) return;
    const iso = scenario.highlight
      .map((id) => pack.actors.find((actor) => actor.id === id)?.iso)
      .filter((code): code is string => typeof code === 'string');
    this.countries.setHighlighted(iso);
    this.rig.moveTo(this.framing(scenario), this.reducedMotion ? 0 : 1.1);
  }

  setView(orbit: number, zoom: number): void {
    this.rig.orbit = orbit;
    this.rig.zoom = zoom;
  }

  stats(): SceneStats {
    const info = this.renderer.info;
    const memory = (performance as Performance & { memory?: { usedJSHeapSize: number } }).memory;
    return {
      drawCalls: info.render.calls,
      triangles: info.render.triangles,
      geometries: info.memory.geometries,
      textures: info.memory.textures,
      programs: info.programs?.length ?? 0,
      heapBytes: memory ? memory.usedJSHeapSize : null,
      frames: this.frames,
    };
  }

  dispose(): void {
    this.renderer.setAnimationLoop(null);
    this.resizeObserver.disconnect();
    this.countries?.dispose();
    this.countries = null;
    this.renderer.dispose();
  }

  private framing(scenario: Scenario): Framing {
    const [x, y] = this.projection.project(scenario.camera.center[0], scenario.camera.center[1]);
    return {
      x,
      y,
      distance: REGION_DISTANCE / Math.max(scenario.camera.zoom, 0.5),
      tilt: (scenario.camera.tilt ?? 30) * DEG,
      heading: (scenario.camera.heading ?? 0) * DEG,
    };
  }

  private resize(): void {
    const width = this.canvas.clientWidth || 1;
    const height = this.canvas.clientHeight || 1;
    this.renderer.setSize(width, height, false);
    this.rig.setAspect(width / height);
  }

  private frame(time: number): void {
    const dt = this.lastTime === 0 ? 1 / 60 : Math.min((time - this.lastTime) / 1000, 0.1);
    this.lastTime = time;
    this.rig.update(dt);
    this.countries?.update(this.reducedMotion ? 1 : Math.min(1, dt * 4));
    this.renderer.render(this.scene, this.rig.camera);
    this.frames++;
    if (this.countries && this.frames > 0) this.resolveFirstFrame();
  }
}
