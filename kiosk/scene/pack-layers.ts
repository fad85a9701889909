// The map's layers that come from a pack: its corridors, its relations, the
// names and place markers, and the edge markers of actors off screen. MapScene
// builds one set per pack (and per geo) and disposes it whole when either
// changes; the ground (sea, countries) stays with MapScene. dispose() takes the
// meshes out of the frame's scene and frees their GPU objects and the edge
// markers' DOM.

import type { IUniform, Object3D, PerspectiveCamera } from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import { RoutePlanner } from '../../content/geo/route-planner.js';
import type { CountryNames } from './country-names.js';
import type { LabelAtlas } from './label-atlas.js';
import { CorridorLayer } from './corridor-layer.js';
import { EdgeMarkers } from './edge-markers.js';
import { LabelLayer } from './label-layer.js';
import { RelationLayer } from './relation-layer.js';
import { scenarioSubject } from './scenario-subject.js';

/** A rectangle over the map in CSS pixels from the canvas's top-left corner. */
export interface ScreenRect {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** What the pack's layers share with the rest of the map. */
export interface PackLayersContext {
  canvas: HTMLCanvasElement;
  region: RegionIndex;
  projection: GeoProjection;
  /** The flows' animation clock and width in world units, advanced by MapScene. */
  time: IUniform<number>;
  widthScale: IUniform<number>;
  names: CountryNames;
  /** The names' atlas, kept across packs (MapScene owns it): a pack whose names did not change draws none. */
  atlas: LabelAtlas;
  /** The frame's scene the meshes are drawn in (MapPainter's top). */
  top: Object3D;
}

export class PackLayers {
  readonly corridors: CorridorLayer;
  readonly relations: RelationLayer;
  readonly labels: LabelLayer;
  readonly edges: EdgeMarkers;
  /** The edge markers must be laid out again (a new language, scenario, frame or panels). */
  edgesStale = true;
  private readonly top: Object3D;

  constructor(
    private readonly pack: PackManifest,
    context: PackLayersContext,
    language: string,
    panels: readonly ScreenRect[],
  ) {
    const { canvas, region, projection, time, widthScale } = context;
    this.top = context.top;
    const planner = new RoutePlanner(region);
    this.corridors = new CorridorLayer(pack, planner, projection, time, widthScale);
    this.relations = new RelationLayer(pack, region, projection, time, widthScale);
    this.labels = new LabelLayer(pack, region, projection, context.names, context.atlas);
    this.labels.setLanguage(pack.languages.includes(language) ? language : (pack.languages[0] ?? 'en'));
    this.edges = new EdgeMarkers(canvas, pack, region, projection);
    this.edges.setLanguage(language);
    this.edges.setPanels(panels);
    this.top.add(this.corridors.mesh, this.relations.mesh, this.labels.markers, this.labels.mesh);
  }

  setLanguage(language: string): void {
    this.labels.setLanguage(language);
    this.edges.setLanguage(language);
    this.edgesStale = true;
  }

  setPanels(panels: readonly ScreenRect[]): void {
    this.edges.setPanels(panels);
    this.edgesStale = true;
  }

  /** The relations' arcs fade out `fade` device pixels before the frame's edge, where edge markers take over. */
  setFrame(width: number, height: number, fade: number): void {
    this.relations.setFrame(width, height, fade);
    this.edgesStale = true;
  }

  /** Shows the scenario's subject firm and its context quieter; `iso` are its lit countries, `actors` those it names. */
  showScenario(scenario: Scenario, iso: ReadonlySet<string>, actors: ReadonlySet<string>): void {
    const subject = scenarioSubject(this.pack, scenario);
    const places = new Set([...(scenario.places ?? []), ...subject.stops]);
    this.corridors.setVisible(subject.corridors);
    this.relations.setVisible(scenario.relations, !subject.relationsAreSubject);
    this.edges.setRelations(scenario.relations, scenario.highlight);
    this.edgesStale = true;
    this.labels.setScenario(scenario, iso, places, actors, subject.stops);
  }

  /** Names keep clear of the panels and of the edge markers; `height` is the canvas's, CSS pixels. */
  blockLabels(panels: readonly ScreenRect[], height: number): void {
    // The label layer works in pixels with y up from the bottom edge.
    const blocked = [...panels, ...this.edges.markerViews()];
    this.labels.setBlocked(blocked.map((r) => ({ x: r.left, y: height - r.top - r.height, width: r.width, height: r.height })));
  }

  /** Eases the flows' visibility; true while one still fades. */
  fade(ease: number): boolean {
    const corridorsFaded = this.corridors.update(ease);
    const relationsFaded = this.relations.update(ease);
    return corridorsFaded || relationsFaded;
  }

  /** A flow with a moving pattern is on screen. */
  animated(): boolean {
    return this.corridors.animated() || this.relations.animated();
  }

  /**
   * Lays the names out (eased by `t`) and, when the camera moved or something
   * they depend on changed, the edge markers; names keep clear of the markers
   * as they keep clear of the panels. True if a name moved.
   */
  layout(camera: PerspectiveCamera, width: number, height: number, t: number, moved: boolean, panels: readonly ScreenRect[]): boolean {
    const relabelled = this.labels.update(camera, width, height, t);
    if (moved || this.edgesStale) {
      if (this.edges.update(camera, width, height, (actor) => this.labels.namesActor(actor))) this.blockLabels(panels, height);
      this.edgesStale = false;
    }
    return relabelled;
  }

  /** Takes the layers off the map (meshes and edge markers), to be freed later; returns them. */
  detach(): this {
    this.top.remove(this.corridors.mesh, this.relations.mesh, this.labels.mesh, this.labels.markers);
    this.edges.dispose();
    return this;
  }

  dispose(): void {
    this.detach();
    this.corridors.dispose();
    this.relations.dispose();
    this.labels.dispose();
  }
}
