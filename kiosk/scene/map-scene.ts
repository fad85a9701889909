// The 3D map: owns the renderer, the camera rig and the layers. Built once per
// geo/pack; a scenario switch only changes targets and uniforms. It draws on
// demand: an animation frame draws only when something on the map changed (the
// camera eases, a highlight or visibility fades, labels move, a flow's pattern
// travels, a resize, a requestFrame()); a still map draws nothing. The ground
// (sea, land, borders) is drawn into a cache only when the camera or a
// highlight changed, and a move reuses it for a few frames (MapPainter);
// frames copy it and draw the flows and labels over it; the pack's layers over
// the ground are one PackLayers, made again per pack. Nothing per frame allocates.

import type { IUniform, Object3D } from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import { CameraRig, type Framing } from './camera-rig.js';
import type { CorridorLayer } from './corridor-layer.js';
import { CountryLayer } from './country-layer.js';
import { CountryNames } from './country-names.js';
import { LabelAtlas } from './label-atlas.js';
import type { EdgeMarkerView, RelationView } from './edge-markers.js';
import { freeFocus } from './free-focus.js';
import { MAP_LAYERS, type MapLayerName } from './map-layers.js';
import { MapPainter } from './map-painter.js';
import type { OverdrawReport } from './overdraw-probe.js';
import { fittedScenarioFraming } from './scenario-framing.js';
import type { MapSceneOptions, SceneStats } from './scene-stats.js';
import { SceneTimings, type TimedWork, type WorkTime } from './scene-timings.js';
import { GeoProjection } from '../../content/geo/geo-projection.js';
import type { LabelLayer, LabelView, PlaceView } from './label-layer.js';
import { PackLayers, type ScreenRect } from './pack-layers.js';
import { RegionIndex } from '../../content/geo/region-index.js';
import type { RelationLayer } from './relation-layer.js';
import { SeaLayer } from './sea-layer.js';

export type { MapSceneOptions, SceneStats } from './scene-stats.js';

const DEG = Math.PI / 180;
/** Flow ribbons' width on a 1080-line screen, pixels. */
const FLOW_PIXELS = 12;
/** The animation clock wraps (float precision) once an hour. */
const TIME_WRAP = 3600;
const MOVE_SECONDS = 1.1;

export class MapScene {
  readonly projection = new GeoProjection();
  readonly rig = new CameraRig();
  private readonly painter: MapPainter;
  private readonly layers: ReadonlySet<MapLayerName>;
  private readonly everyFrame: boolean;
  private readonly timings = new SceneTimings();
  /** A frame must be drawn even if nothing moves (requestFrame, a new setting). */
  private redraw = true;
  private readonly names = new CountryNames();
  private readonly atlas = new LabelAtlas();
  private readonly time: IUniform<number> = { value: 0 };
  private readonly widthScale: IUniform<number> = { value: 1 };
  private pack: PackManifest | null = null;
  private region: RegionIndex | null = null;
  private sea: SeaLayer | null = null;
  countries: CountryLayer | null = null;
  /** The pack's layers, while both a geo and a pack are set. */
  private packLayers: PackLayers | null = null;
  private retired: PackLayers | null = null;
  private scenario: Scenario | null = null;
  private language = 'en';
  private reduced = false;
  private occluders: ScreenRect[] = [];
  /** Where the framed point sits: the middle of what the panels leave free. */
  private focus = { x: 0, y: 0 };
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
    this.painter = new MapPainter(canvas, options.antialias);
    this.layers = options.layers ?? new Set(MAP_LAYERS);
    this.everyFrame = options.everyFrame ?? false;
    this.reduced = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(canvas);
    this.resize();
    if (options.loop !== false) this.painter.renderer.setAnimationLoop((time) => this.frame(time));
  }

  // The pack's layers, for the scene's tests.
  get corridors(): CorridorLayer | null { return this.packLayers?.corridors ?? null; }
  get relations(): RelationLayer | null { return this.packLayers?.relations ?? null; }
  get labels(): LabelLayer | null { return this.packLayers?.labels ?? null; }

  /** Reduced motion: no flowing patterns, camera cuts instead of moves. */
  get reducedMotion(): boolean {
    return this.reduced;
  }

  set reducedMotion(value: boolean) {
    this.reduced = value;
    this.redraw = true;
    if (value) {
      this.time.value = 0;
      this.rig.jump();
    }
  }

  /** Draws the next animation frame even if nothing on the map changed (tests wait on drawn frames). */
  requestFrame(): void { this.redraw = true; }

  setGeo(geo: RegionGeo): void {
    this.disposeLayers(true);
    this.region = new RegionIndex(geo, this.projection);
    this.sea = new SeaLayer(geo.extent, this.projection);
    this.countries = new CountryLayer(geo, this.projection);
    this.painter.ground.add(this.sea.mesh, this.countries.group);
    this.painter.top.add(this.countries.lift.group);
    MapPainter.fix(this.countries.lift.group);
    this.buildPackLayers();
    this.showLayers();
  }

  setPack(pack: PackManifest): void {
    if (pack === this.pack) return;
    this.pack = pack;
    this.disposeLayers(false);
    this.buildPackLayers();
    this.showLayers();
  }

  /**
   * Overlay rectangles (CSS pixels from the canvas's top-left corner) that
   * cover the map; labels keep clear of them so no name hides under a panel.
   */
  setOccluders(rects: readonly ScreenRect[]): void {
    this.occluders = rects.slice();
    this.packLayers?.setPanels(this.occluders);
    this.applyOccluders();
  }

  setLanguage(language: string): void {
    const t0 = performance.now();
    this.language = language;
    this.packLayers?.setLanguage(language);
    this.timings.add('language', t0);
  }

  showScenario(scenario: Scenario): void {
    const t0 = performance.now();
    this.scenario = scenario;
    const pack = this.pack;
    if (!pack || !this.countries) return;
    const actors = new Set([...scenario.highlight, ...scenario.relations.flatMap((r) => [r.from, r.to])]);
    const iso = new Set(pack.actors.filter((a) => actors.has(a.id) && a.iso).map((a) => a.iso!));
    this.countries.setHighlighted(iso);
    this.packLayers?.showScenario(scenario, iso, actors);
    this.rig.moveTo(this.framing(scenario), this.reduced ? 0 : MOVE_SECONDS);
    this.timings.add('switch', t0);
  }

  /** The visitor's knobs (orbit steps, zoom steps); clamped by the rig. */
  setView(orbit: number, zoom: number): void { this.rig.setKnobs(orbit, zoom); if (this.reduced) this.rig.jump(); }

  /** Draws the frame on screen again, its ground drawn for this very view and these highlights (tests hold a moving frame against it). */
  drawExact(): void {
    this.painter.groundStale = true;
    this.painter.paint(this.rig.camera, false, this.countries ?? undefined);
  }

  /** Advances and draws one frame of `dtS` seconds, moving or not (tests, or a paused loop). */
  step(dtS: number): void { this.redraw = true; this.advance(dtS); }

  /** The GPU that draws the map, as WebGL names it (e.g. "V3D 7.1", or SwiftShader as a fallback). */
  rendererName(): string { return this.painter.rendererName(); }

  stats(): SceneStats { return this.painter.stats(); }

  /** The JavaScript time the scene spent so far, by kind of work (the bench diffs two copies). */
  workTimes(): Record<TimedWork, WorkTime> {
    return this.timings.snapshot();
  }

  /** Fragments shaded per screen pixel by each layer, in the ground's draw and in a frame's (bench, tests). */
  overdraw(): OverdrawReport {
    const o = this.layerObjects();
    const list = (name: MapLayerName): Object3D[] => (o[name] ? [o[name]] : []);
    const ground = { sea: list('sea'), countries: list('countries'), borders: list('borders') };
    const lift = this.countries ? [this.countries.lift.group] : [];
    const top = { lift, corridors: list('corridors'), relations: list('relations'), markers: list('markers'), labels: list('labels') };
    return this.painter.overdraw(this.rig.camera, this.width, this.height, ground, top);
  }

  // The page's checks, as the last frame laid the map out: places, relations' ends, edge markers and names on screen.
  places(): PlaceView[] { return this.packLayers?.labels.placeViews() ?? []; }
  relationViews(): RelationView[] { return this.packLayers?.edges.relationViews() ?? []; }
  edgeMarkerViews(): EdgeMarkerView[] { return this.packLayers?.edges.markerViews() ?? []; }
  labelViews(): LabelView[] { return this.packLayers?.labels.labelViews() ?? []; }

  dispose(): void {
    this.painter.renderer.setAnimationLoop(null);
    this.resizeObserver.disconnect();
    this.disposeLayers(true);
    this.atlas.dispose();
    this.painter.dispose();
  }

  private buildPackLayers(): void {
    const pack = this.pack, region = this.region;
    if (!pack || !region) return;
    const { canvas, projection, time, widthScale, names, atlas } = this;
    this.packLayers = new PackLayers(pack, { canvas, region, projection, time, widthScale, names, atlas, top: this.painter.top }, this.language, this.occluders);
    this.applyFrame();
    this.painter.groundStale = true;
    this.applyOccluders();
    const scenario = this.scenario && pack.scenarios.find((s) => s.id === this.scenario!.id);
    if (scenario) this.showScenario(scenario);
  }

  /** A new pack's: the old layers leave the map now and are freed after the next frame, so the new ones reuse their shader programs. */
  private disposeLayers(all: boolean): void {
    this.retired?.dispose();
    this.retired = all ? (this.packLayers?.dispose(), null) : (this.packLayers?.detach() ?? null);
    this.packLayers = null;
    if (!all) return;
    if (this.sea) this.painter.ground.remove(this.sea.mesh);
    if (this.countries) {
      this.painter.ground.remove(this.countries.group);
      this.painter.top.remove(this.countries.lift.group);
    }
    this.sea?.dispose();
    this.countries?.dispose();
    this.sea = this.countries = this.region = null;
  }

  private resize(): void {
    this.width = this.canvas.clientWidth || this.canvas.width || 1;
    this.height = this.canvas.clientHeight || this.canvas.height || 1;
    this.painter.setSize(this.width, this.height);
    this.rig.setAspect(this.width / this.height);
    this.applyFrame();
    this.applyOccluders();
  }

  /** The pack's camera for the scenario, drawn back until its places fit this screen. */
  private framing(scenario: Scenario): Framing {
    return fittedScenarioFraming(this.pack!, scenario, this.projection, { width: this.width, height: this.height, focusX: this.focus.x, focusY: this.focus.y, fov: this.rig.camera.fov, panels: this.occluders });
  }

  /** The relations' arcs fade out before the frame's edge (device pixels), where edge markers take over. */
  private applyFrame(): void {
    const ratio = this.painter.renderer.getPixelRatio();
    this.packLayers?.setFrame(this.width * ratio, this.height * ratio, 48 * ratio);
  }

  private applyOccluders(): void {
    this.packLayers?.blockLabels(this.occluders, this.height);
    this.focus = freeFocus(this.width, this.height, this.occluders);
    this.rig.setFocus(this.focus.x, this.focus.y, this.width, this.height);
    // The panels moved (a new card's text, a picture): the scenario's places must still clear them.
    if (this.scenario && this.pack) this.rig.retarget(this.framing(this.scenario), this.reduced ? 0 : MOVE_SECONDS);
    if (this.reduced) this.rig.jump();
  }

  private layerObjects(): Record<MapLayerName, Object3D | undefined> {
    const { sea, countries, packLayers: p } = this;
    return { sea: sea?.mesh, countries: countries?.fill, borders: countries?.borders, corridors: p?.corridors.mesh, relations: p?.relations.mesh, markers: p?.labels.markers, labels: p?.labels.mesh };
  }

  /** Hides the layers the page was not asked to draw (the bench's breakdown), and fixes the layers' matrices. */
  private showLayers(): void {
    for (const [name, object] of Object.entries(this.layerObjects()) as [MapLayerName, Object3D | undefined][]) {
      if (!object) continue;
      object.visible = this.layers.has(name);
      MapPainter.fix(object);
    }
    this.painter.groundStale = true;
  }

  private frame(time: number): void {
    const dt = this.lastTime === 0 ? 1 / 60 : Math.min((time - this.lastTime) / 1000, 0.1);
    this.advance(((this.lastTime = time), dt));
  }

  private advance(dt: number): void {
    const t0 = (this.painter.checks++, performance.now());
    const ease = this.reduced ? 1 : Math.min(1, dt * 4);
    const camera = this.rig.camera;
    // Moved by an ease here, or by a cut (reduced motion) or a resize since the last frame.
    const moved = this.rig.update(dt) || this.painter.viewChanged(camera);
    const width = (FLOW_PIXELS * this.rig.distance * 2 * Math.tan((camera.fov * DEG) / 2)) / 1080;
    const widened = width !== this.widthScale.value;
    this.widthScale.value = width;
    const lit = this.countries?.update(ease) ?? false;
    const faded = this.packLayers?.fade(ease) ?? false;
    // Patterns travel only while a moving one is on screen, and never with reduced motion.
    const flowing = !this.reduced && (this.packLayers?.animated() ?? false);
    if (flowing) this.time.value = (this.time.value + dt) % TIME_WRAP;
    const t1 = (this.timings.add('update', t0), performance.now());
    const relabelled = this.packLayers?.layout(camera, this.width, this.height, this.reduced ? 1 : Math.min(1, dt * 6), moved, this.occluders) ?? false;
    this.timings.add('labels', t1);
    if (this.everyFrame) this.painter.groundStale = true;
    // With reduced motion every change is a cut: nothing goes on moving to reuse a ground for.
    const changing = (moved || lit) && !this.everyFrame && !this.reduced;
    if (!(this.redraw || widened || changing || this.painter.groundStale || this.painter.settling || faded || flowing || relabelled)) return;
    const t2 = ((this.redraw = false), performance.now());
    if (this.painter.paint(camera, changing, this.countries ?? undefined)) this.timings.add('ground', t2);
    this.retired = (this.retired?.dispose(), null);
    this.timings.add('frame', t0);
    if (this.countries) this.resolveFirstFrame();
  }
}
