// The 3D map: owns the renderer, the camera rig and the layers, and draws one
// frame per animation frame. Built once per geo/pack; a scenario switch only
// changes targets and uniforms. The per-frame path allocates nothing.

import { Color, Scene, WebGLRenderer, type IUniform } from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import { CameraRig, type Framing } from './camera-rig.js';
import { CorridorLayer } from './corridor-layer.js';
import { CountryLayer } from './country-layer.js';
import { CountryNames } from './country-names.js';
import { freeFocus } from './free-focus.js';
import { isSoftwareRenderer, probeRendererName } from './software-renderer.js';
import { GeoProjection } from '../../content/geo/geo-projection.js';
import { LabelLayer, type PlaceView } from './label-layer.js';
import { PALETTE } from './map-style.js';
import { RegionIndex } from '../../content/geo/region-index.js';
import { RelationLayer } from './relation-layer.js';
import { RoutePlanner } from '../../content/geo/route-planner.js';
import { SeaLayer } from './sea-layer.js';

export interface SceneStats {
  drawCalls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
  heapBytes: number | null;
  frames: number;
}

export interface MapSceneOptions {
  /** false: no animation loop; tests drive frames with step(). */
  loop?: boolean;
  /** Multisampling; by default on, except on a software rasteriser. */
  antialias?: boolean;
}

const DEG = Math.PI / 180;
/** Distance that shows the whole region at zoom 1. */
const REGION_DISTANCE = 100;
/** Flow ribbons' width on a 1080-line screen, pixels. */
const FLOW_PIXELS = 12;
/** The animation clock wraps (float precision) once an hour. */
const TIME_WRAP = 3600;
const MOVE_SECONDS = 1.1;

export class MapScene {
  readonly projection = new GeoProjection();
  readonly rig = new CameraRig();
  private readonly renderer: WebGLRenderer;
  private readonly scene = new Scene();
  private readonly names = new CountryNames();
  private readonly time: IUniform<number> = { value: 0 };
  private readonly widthScale: IUniform<number> = { value: 1 };
  private pack: PackManifest | null = null;
  private region: RegionIndex | null = null;
  private sea: SeaLayer | null = null;
  countries: CountryLayer | null = null;
  corridors: CorridorLayer | null = null;
  relations: RelationLayer | null = null;
  labels: LabelLayer | null = null;
  private scenario: Scenario | null = null;
  private language = 'en';
  private reduced = false;
  private frames = 0;
  private occluders: { left: number; top: number; width: number; height: number }[] = [];
  private lastTime = 0;
  private width = 1;
  private height = 1;
  private resolveFirstFrame!: () => void;
  private readonly resizeObserver: ResizeObserver;
  /** Resolves after the first frame with the map in it. */
  readonly firstFrame = new Promise<void>((resolve) => (this.resolveFirstFrame = resolve));

  constructor(
    private readonly canvas: HTMLCanvasElement,
    options: MapSceneOptions = {},
  ) {
    const antialias = options.antialias ?? !isSoftwareRenderer(probeRendererName());
    this.renderer = new WebGLRenderer({ canvas, antialias, powerPreference: 'high-performance' });
    this.renderer.setPixelRatio(1);
    this.scene.background = new Color(PALETTE.background);
    this.reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    if (options.loop !== false) this.renderer.setAnimationLoop((time) => this.frame(time));
  }

  /** Reduced motion: no flowing patterns, camera cuts instead of moves. */
  get reducedMotion(): boolean {
    return this.reduced;
  }

  set reducedMotion(value: boolean) {
    this.reduced = value;
    if (value) {
      this.time.value = 0;
      this.rig.jump();
    }
  }

  setGeo(geo: RegionGeo): void {
    this.disposeLayers(true);
    this.region = new RegionIndex(geo, this.projection);
    this.sea = new SeaLayer(geo.extent, this.projection);
    this.countries = new CountryLayer(geo, this.projection);
    this.scene.add(this.sea.mesh, this.countries.group);
    this.buildPackLayers();
  }

  setPack(pack: PackManifest): void {
    if (pack === this.pack) return;
    this.pack = pack;
    this.disposeLayers(false);
    this.buildPackLayers();
  }

  /**
   * Overlay rectangles (CSS pixels from the canvas's top-left corner) that
   * cover the map; labels keep clear of them so no name hides under a panel.
   */
  setOccluders(rects: readonly { left: number; top: number; width: number; height: number }[]): void {
    this.occluders = rects.slice();
    this.applyOccluders();
  }

  setLanguage(language: string): void {
    this.language = language;
    this.labels?.setLanguage(language);
  }

  showScenario(scenario: Scenario): void {
    this.scenario = scenario;
    const pack = this.pack;
    if (!pack || !this.countries) return;
    const actors = new Set([...scenario.highlight, ...scenario.relations.flatMap((r) => [r.from, r.to])]);
    const iso = new Set(pack.actors.filter((a) => actors.has(a.id) && a.iso).map((a) => a.iso!));
    this.countries.setHighlighted(iso);
    const places = new Set(scenario.places ?? []);
    for (const corridor of pack.corridors) if (scenario.corridors.includes(corridor.id)) for (const id of corridor.route) places.add(id);
    this.corridors?.setVisible(scenario.corridors);
    this.relations?.setVisible(scenario.relations);
    this.labels?.setScenario(scenario, iso, places, actors);
    this.rig.moveTo(this.framing(scenario), this.reduced ? 0 : MOVE_SECONDS);
  }

  /** The visitor's knobs (orbit steps, zoom steps); clamped by the rig. */
  setView(orbit: number, zoom: number): void {
    this.rig.setKnobs(orbit, zoom);
    if (this.reduced) this.rig.jump();
  }

  /** Advances and draws one frame of `dtS` seconds (tests, or a paused loop). */
  step(dtS: number): void {
    this.advance(dtS);
  }

  /** The GPU that draws the map, as WebGL names it (e.g. "V3D 7.1", or SwiftShader as a fallback). */
  rendererName(): string {
    const gl = this.renderer.getContext();
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
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

  /** The scenario's places on screen, as the last frame laid them out. */
  places(): PlaceView[] {
    return this.labels?.placeViews() ?? [];
  }

  dispose(): void {
    this.renderer.setAnimationLoop(null);
    this.resizeObserver.disconnect();
    this.disposeLayers(true);
    this.renderer.renderLists.dispose();
    this.renderer.dispose();
  }

  private buildPackLayers(): void {
    const pack = this.pack, region = this.region;
    if (!pack || !region) return;
    const planner = new RoutePlanner(region);
    this.corridors = new CorridorLayer(pack, planner, this.projection, this.time, this.widthScale);
    this.relations = new RelationLayer(pack, region, this.projection, this.time, this.widthScale);
    this.labels = new LabelLayer(pack, region, this.projection, this.names);
    this.labels.setLanguage(pack.languages.includes(this.language) ? this.language : (pack.languages[0] ?? 'en'));
    this.scene.add(this.corridors.mesh, this.relations.mesh, this.labels.markers, this.labels.mesh);
    this.applyOccluders();
    const scenario = this.scenario && pack.scenarios.find((s) => s.id === this.scenario!.id);
    if (scenario) this.showScenario(scenario);
  }

  private disposeLayers(all: boolean): void {
    for (const layer of [this.corridors, this.relations]) {
      if (!layer) continue;
      this.scene.remove(layer.mesh);
      layer.dispose();
    }
    if (this.labels) {
      this.scene.remove(this.labels.mesh, this.labels.markers);
      this.labels.dispose();
    }
    this.corridors = this.relations = this.labels = null;
    if (!all) return;
    if (this.sea) this.scene.remove(this.sea.mesh);
    if (this.countries) this.scene.remove(this.countries.group);
    this.sea?.dispose();
    this.countries?.dispose();
    this.sea = this.countries = null;
    this.region = null;
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
    this.width = this.canvas.clientWidth || this.canvas.width || 1;
    this.height = this.canvas.clientHeight || this.canvas.height || 1;
    this.renderer.setSize(this.width, this.height, false);
    this.rig.setAspect(this.width / this.height);
    this.applyOccluders();
  }

  private applyOccluders(): void {
    // The label layer works in pixels with y up from the bottom edge.
    const height = this.height;
    this.labels?.setBlocked(this.occluders.map((r) => ({ x: r.left, y: height - r.top - r.height, width: r.width, height: r.height })));
    const focus = freeFocus(this.width, this.height, this.occluders);
    this.rig.setFocus(focus.x, focus.y, this.width, this.height);
    if (this.reduced) this.rig.jump();
  }


  private frame(time: number): void {
    const dt = this.lastTime === 0 ? 1 / 60 : Math.min((time - this.lastTime) / 1000, 0.1);
    this.lastTime = time;
    this.advance(dt);
  }

  private advance(dt: number): void {
    const ease = this.reduced ? 1 : Math.min(1, dt * 4);
    if (!this.reduced) this.time.value = (this.time.value + dt) % TIME_WRAP;
    this.rig.update(dt);
    const camera = this.rig.camera;
    this.widthScale.value = (FLOW_PIXELS * this.rig.distance * 2 * Math.tan((camera.fov * DEG) / 2)) / 1080;
    this.countries?.update(ease);
    this.corridors?.update(ease);
    this.relations?.update(ease);
    this.labels?.update(camera, this.width, this.height, this.reduced ? 1 : Math.min(1, dt * 6));
    this.renderer.render(this.scene, camera);
    this.frames++;
    if (this.countries) this.resolveFirstFrame();
  }
}
