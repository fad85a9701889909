// Names on the map: countries, the scenario's places (with a marker dot),
// actors that are not on the map (EU, NATO...) and the seas. The layer ties
// three parts together: the priority policy (label-priority.ts: which label
// wins), the placement (label-placement.ts: where each goes on screen, none
// overlapping) and the GPU buffers (label-buffers.ts: one atlas, one
// quad mesh, one point draw). It projects the labels' anchors, lays them
// out only when the camera, scenario or language changes, and fades them in
// and out. Nothing is allocated per frame.

import { Matrix4, Vector3, type Mesh, type PerspectiveCamera, type Points } from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import type { CountryNames } from './country-names.js';
import type { LabelAtlas } from './label-atlas.js';
import { LabelBuffers } from './label-buffers.js';
import { buildLabelItems, labelTexts, type ItemKind, type LabelItem } from './label-items.js';
import { LabelPlacement } from './label-placement.js';
import { LABEL_GAP, type LabelPlaced, type LabelScreen } from './label-screen.js';
import { countriesInText, rankLabels } from './label-priority.js';
import { FLOW_HEIGHT } from './map-style.js';

export interface PlaceView {
  id: string;
  x: number | null;
  y: number | null;
  dot: boolean;
  labelled: boolean;
}

/** A name on screen, as the page's hooks report it. */
export interface LabelView {
  id: string;
  kind: ItemKind;
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  /** Where a name set off on a leader line points (its place's spot, CSS pixels from the top-left); null for a name beside its anchor. */
  leader: { x: number; y: number } | null;
}

/** Panels over the map and edge markers: labels keep clear of both. */
const MAX_BLOCKED = 16;
/** Other label points of the lit countries on screen at once, at most. */
const MAX_ALTERNATES = 2048;

/** Eases each value toward its target by `t` (snapping when close); true if any moved. */
function easeToward(values: Float32Array, targets: Float32Array, t: number): boolean {
  let changed = false;
  for (let i = 0; i < values.length; i++) {
    const a = values[i]!, b = targets[i]!;
    if (a === b) continue;
    values[i] = Math.abs(b - a) < 0.01 ? b : a + (b - a) * t;
    changed = true;
  }
  return changed;
}

export class LabelLayer {
  private readonly items: LabelItem[];
  private readonly gpu: LabelBuffers;
  private readonly placement: LabelPlacement;
  /** What the policy decided for the scenario. */
  private readonly ranking: { priority: Float32Array; active: Uint8Array; colour: Float32Array; order: number[] };
  /** What the last layout decided: label and dot shown (1) or not, and the labels' offsets. */
  private readonly targets: Float32Array;
  private readonly markerTargets: Float32Array;
  private readonly placedOut: LabelPlaced;
  private readonly screen: LabelScreen;
  /** The view-projection of the last layout, in full precision (float32 would differ from it every frame). */
  private readonly seen = new Float64Array(16);
  private readonly scratch = new Vector3();
  private readonly viewProjection = new Matrix4();
  /** Per country item: its other label points in scene units (x, y, z), once asked for. */
  private readonly alternateAnchors = new Map<number, Float32Array>();
  /** The countries the scenario lights up, by item index. */
  private lit: number[] = [];
  private dirty = true;
  private language = '';
  private texts: string[] = [];
  private readonly textsByLanguage = new Map<string, string[]>();
  private readonly actorItems = new Map<string, number>();

  constructor(
    private readonly pack: PackManifest,
    private readonly region: RegionIndex,
    private readonly projection: GeoProjection,
    private readonly names: CountryNames,
    atlas: LabelAtlas,
  ) {
    const { items, lonlat } = buildLabelItems(pack, region);
    this.items = items;
    // Which label names each actor (its country's, or its own), looked up while the camera moves.
    for (const a of pack.actors) this.actorItems.set(a.id, items.findIndex((item) => (item.kind === 'country' && item.iso === a.iso) || (item.kind === 'actor' && item.id === a.id)));
    const count = items.length;
    const anchors = new Float32Array(count * 3);
    lonlat.forEach(([lon, lat], i) => {
      const [x, y] = projection.project(lon, lat);
      anchors.set([x, y, FLOW_HEIGHT + 0.1], i * 3);
    });
    this.gpu = new LabelBuffers(anchors, items.map((item) => item.marker), atlas);
    this.placement = new LabelPlacement(items, this.gpu.sizes, MAX_BLOCKED);
    this.ranking = { priority: new Float32Array(count), active: new Uint8Array(count), colour: this.gpu.colours, order: items.map((_, i) => i) };
    this.targets = new Float32Array(count);
    this.markerTargets = new Float32Array(count);
    this.placedOut = { targets: this.targets, markerTargets: this.markerTargets, offsets: this.gpu.offsets, leaders: this.gpu.leaders, leaderFrom: this.gpu.leaderFrom };
    this.screen = { width: 1, height: 1, unitsToPx: 1, at: new Float64Array(count * 3), seen: new Uint8Array(count), blocked: new Float32Array(MAX_BLOCKED * 4), blockedCount: 0,
      alternates: new Float64Array(MAX_ALTERNATES * 2), altStart: new Int32Array(count), altCount: new Int32Array(count) };
  }

  get mesh(): Mesh {
    return this.gpu.mesh;
  }

  get markers(): Points {
    return this.gpu.markers;
  }

  /**
   * Names the map in `language` (actors and places from the pack, other
   * countries from the browser). The atlas holds the pack's languages from
   * the first call on, so a change between them draws nothing.
   */
  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    if (!this.textsByLanguage.has(language)) {
      for (const l of new Set([...this.pack.languages, language])) if (!this.textsByLanguage.has(l)) this.textsByLanguage.set(l, labelTexts(this.items, this.pack, this.names, l));
      this.gpu.setTexts(new Map([...this.textsByLanguage].map(([l, texts]) => [l, this.items.map((item, i) => ({ style: item.style, text: texts[i]! }))])));
    }
    this.texts = this.textsByLanguage.get(language)!;
    this.gpu.useLanguage(language);
    this.dirty = true;
  }

  /** How many times the names were drawn into the atlas (tests). */
  get atlasDraws(): number {
    return this.gpu.atlasDraws;
  }


  /** Screen rectangles (pixels, y up from the bottom) that overlays cover; labels keep out. */
  setBlocked(rects: readonly { x: number; y: number; width: number; height: number }[]): void {
    this.screen.blockedCount = Math.min(rects.length, MAX_BLOCKED);
    for (let k = 0; k < this.screen.blockedCount; k++) {
      const r = rects[k]!;
      this.screen.blocked.set([r.x, r.y, r.width, r.height], k * 4);
    }
    this.dirty = true;
  }

  /** Which labels the scenario asks for, and in what priority. */
  setScenario(scenario: Scenario, highlightedIso: ReadonlySet<string>, places: ReadonlySet<string>, actors: ReadonlySet<string>, stops: Iterable<string> = []): void {
    const textNames = countriesInText(this.pack.actors, [scenario.title, scenario.summary]);
    rankLabels(this.items, { named: scenario.places ?? [], highlightedIso, places, actors, stops: new Set(stops), textNames }, this.ranking);
    this.lit = [];
    this.items.forEach((item, i) => {
      if (item.kind === 'country' && highlightedIso.has(item.iso!)) this.lit.push(i);
    });
    for (const i of this.lit) if (!this.alternateAnchors.has(i)) this.alternateAnchors.set(i, this.alternatePoints(this.items[i]!.iso!));
    this.gpu.coloursChanged();
    this.dirty = true;
  }

  /**
   * Lays labels out when the view changed, then eases their opacity; `t` 0..1
   * per frame. False when nothing about the labels changed (nothing to draw).
   */
  update(camera: PerspectiveCamera, width: number, height: number, t: number): boolean {
    this.viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    const e = this.viewProjection.elements;
    const viewport = this.gpu.viewport;
    let moved = width !== viewport.x || height !== viewport.y;
    for (let i = 0; i < 16; i++) {
      if (Math.abs(e[i]! - this.seen[i]!) > 1e-7) moved = true;
      this.seen[i] = e[i]!;
    }
    viewport.set(width, height);
    const laidOut = moved || this.dirty;
    if (laidOut) this.layout(camera);
    this.dirty = false;
    const faded = easeToward(this.gpu.alphas, this.targets, t);
    if (faded) this.gpu.alphasChanged();
    const dotsFaded = easeToward(this.gpu.markerAlphas, this.markerTargets, t);
    if (dotsFaded) this.gpu.markerAlphasChanged();
    return laidOut || faded || dotsFaded;
  }

  /** Whether the last layout named the actor on the map (its country, or its own label). */
  namesActor(actor: string): boolean {
    const i = this.actorItems.get(actor);
    return i !== undefined && i >= 0 && this.targets[i] === 1;
  }

  /** The text a label has in the current language (tests). */
  text(kind: ItemKind, id: string): string | undefined {
    const i = this.items.findIndex((item) => item.kind === kind && item.id === id);
    return i < 0 ? undefined : this.texts[i];
  }

  /**
   * The places the scenario shows, where they are on screen (CSS pixels from
   * the top-left; null behind the camera) and whether their dot and name are
   * shown, as of the last layout.
   */
  placeViews(): PlaceView[] {
    const out: PlaceView[] = [];
    this.items.forEach((item, i) => {
      if (item.kind !== 'place' || !this.ranking.active[i]) return;
      const a = this.gpu.anchors;
      const seen = this.toScreen(a[i * 3]!, a[i * 3 + 1]!, a[i * 3 + 2]!);
      out.push({ id: item.id, x: seen ? this.scratch.x : null, y: seen ? this.gpu.viewport.y - this.scratch.y : null, dot: this.markerTargets[i] === 1, labelled: this.targets[i] === 1 });
    });
    return out;
  }

  /**
   * The names now on screen: kind, id, text and the letters' box in CSS
   * pixels from the top-left (the page's checks: overlaps, contrast).
   */
  labelViews(): LabelView[] {
    const height = this.gpu.viewport.y;
    const at = this.screen.at;
    return this.placement.labels().map(({ item, rect: [x, y, w, h] }) => ({
      id: this.items[item]!.id,
      kind: this.items[item]!.kind,
      text: this.texts[item] ?? '',
      left: x + LABEL_GAP,
      top: height - (y + h) + LABEL_GAP,
      width: w - 2 * LABEL_GAP,
      height: h - 2 * LABEL_GAP,
      leader: this.gpu.leaders[item]! > 0 ? { x: at[item * 3]! + this.gpu.leaderFrom[item * 2]!, y: height - at[item * 3 + 1]! - this.gpu.leaderFrom[item * 2 + 1]! } : null,
    }));
  }

  /** Labels now shown (target visible) with their pixel rectangles, for tests. */
  placed(): { id: string; kind: ItemKind; rect: [number, number, number, number] }[] {
    return this.placement.labels().map(({ item, rect }) => ({ id: this.items[item]!.id, kind: this.items[item]!.kind, rect }));
  }

  dispose(): void {
    this.gpu.dispose();
  }

  private layout(camera: PerspectiveCamera): void {
    const screen = this.screen;
    screen.width = this.gpu.viewport.x;
    screen.height = this.gpu.viewport.y;
    screen.unitsToPx = screen.height / (2 * Math.tan((camera.fov * Math.PI) / 360));
    const a = this.gpu.anchors;
    for (let i = 0; i < this.items.length; i++) {
      screen.seen[i] = this.toScreen(a[i * 3]!, a[i * 3 + 1]!, a[i * 3 + 2]!) ? 1 : 0;
      screen.at[i * 3] = this.scratch.x;
      screen.at[i * 3 + 1] = this.scratch.y;
      screen.at[i * 3 + 2] = this.scratch.z;
    }
    this.projectAlternates();
    this.placement.layout(screen, this.ranking, this.placedOut);
    this.gpu.offsetsChanged();
    this.gpu.leadersChanged();
  }

  /** The lit countries' other label points that are on screen now, in pixels, for the placement. */
  private projectAlternates(): void {
    const screen = this.screen;
    screen.altCount.fill(0);
    let used = 0;
    for (const i of this.lit) {
      const points = this.alternateAnchors.get(i)!;
      screen.altStart[i] = used;
      for (let k = 0; k < points.length && used < MAX_ALTERNATES; k += 3) {
        if (!this.toScreen(points[k]!, points[k + 1]!, points[k + 2]!)) continue;
        const { x, y } = this.scratch;
        if (x < 0 || y < 0 || x > screen.width || y > screen.height) continue;
        screen.alternates[used * 2] = x;
        screen.alternates[used * 2 + 1] = y;
        used++;
      }
      screen.altCount[i] = used - screen.altStart[i]!;
    }
  }

  private alternatePoints(iso: string): Float32Array {
    const points = this.region.labelCandidates(iso);
    const out = new Float32Array(points.length * 3);
    points.forEach(([lon, lat], k) => {
      const [x, y] = this.projection.project(lon, lat);
      out.set([x, y, FLOW_HEIGHT + 0.1], k * 3);
    });
    return out;
  }

  /** Projects a point to pixels into scratch (x, y up, z = distance); false if behind the camera. */
  private toScreen(x: number, y: number, z: number): boolean {
    const s = this.scratch.set(x, y, z);
    s.applyMatrix4(this.viewProjection);
    const e = this.viewProjection.elements;
    const clipW = e[3]! * x + e[7]! * y + e[11]! * z + e[15]!;
    if (clipW <= 0) return false;
    s.set((s.x * 0.5 + 0.5) * this.gpu.viewport.x, (s.y * 0.5 + 0.5) * this.gpu.viewport.y, clipW);
    return true;
  }
}
