// Names on the map: countries, the scenario's places (with a marker dot),
// actors that are not on the map (EU, NATO...) and the seas. All texts live in
// one atlas texture and draw as one instanced mesh; the markers are one more
// point draw. Labels are laid out in screen pixels, greedily by priority so
// none overlaps another, and only when the camera, scenario or language
// changes; they fade in and out. Nothing is allocated per frame.

import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
  Matrix4,
  Mesh,
  Points,
  ShaderMaterial,
  Vector2,
  Vector3,
  type PerspectiveCamera,
} from 'three';
import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { CountryNames } from './country-names.js';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import { LabelAtlas } from './label-atlas.js';
import { buildLabelItems, type ItemKind, type LabelItem } from './label-items.js';
import { LabelPlacer } from './label-placer.js';
import { labelFragment, labelVertex, markerFragment, markerVertex } from './label-shaders.js';
import { FLOW_HEIGHT, PALETTE } from './map-style.js';
import type { RegionIndex } from '../../content/geo/region-index.js';

export interface PlaceView {
  id: string;
  x: number | null;
  y: number | null;
  dot: boolean;
  labelled: boolean;
}

/** Screen-pixel margins kept clear around each label's letters. */
const GAP = 4;
const MAX_BLOCKED = 8;
/** The atlas rectangle's blank margin around the letters. */
const INSET = 7;
/** The lowest priority of a place the scenario names (see setScenario). */
const NAMED_PLACE = 1000;

export class LabelLayer {
  readonly mesh: Mesh;
  readonly markers: Points;
  private readonly items: LabelItem[];
  private readonly atlas = new LabelAtlas();
  private readonly geometry = new InstancedBufferGeometry();
  private readonly markerGeometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private readonly markerMaterial: ShaderMaterial;
  private readonly anchors: Float32Array;
  private readonly sizes: Float32Array;
  private readonly offsets: Float32Array;
  private readonly alphas: Float32Array;
  private readonly targets: Float32Array;
  private readonly styles: Float32Array;
  private readonly markerAlphas: Float32Array;
  private readonly markerTargets: Float32Array;
  private readonly priority: Float32Array;
  private readonly order: number[];
  private readonly placer: LabelPlacer;
  private readonly active: Uint8Array;
  private readonly seen = new Float32Array(32);
  private readonly viewport: Vector2 = new Vector2(1, 1);
  private readonly scratch = new Vector3();
  private readonly viewProjection = new Matrix4();
  private dirty = true;
  /** Screen areas covered by overlays: x, y (up), width, height in pixels. */
  private readonly blocked = new Float32Array(MAX_BLOCKED * 4);
  private blockedCount = 0;
  private language = '';
  private texts: string[] = [];

  constructor(
    private readonly pack: PackManifest,
    region: RegionIndex,
    projection: GeoProjection,
    private readonly names: CountryNames,
  ) {
    const { items, lonlat } = buildLabelItems(pack, region);
    this.items = items;
    const count = this.items.length;
    this.anchors = new Float32Array(count * 3);
    lonlat.forEach(([lon, lat], i) => {
      const [x, y] = projection.project(lon, lat);
      this.anchors.set([x, y, FLOW_HEIGHT + 0.1], i * 3);
    });
    this.sizes = new Float32Array(count * 2);
    this.offsets = new Float32Array(count * 2);
    this.alphas = new Float32Array(count);
    this.targets = new Float32Array(count);
    this.styles = new Float32Array(count);
    this.markerAlphas = new Float32Array(count);
    this.markerTargets = new Float32Array(count);
    this.priority = new Float32Array(count);
    this.order = this.items.map((_, i) => i);
    this.placer = new LabelPlacer(count * 2 + MAX_BLOCKED);
    this.active = new Uint8Array(count);

    const quad = this.geometry;
    quad.setIndex([0, 1, 2, 2, 1, 3]);
    quad.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0], 3));
    quad.setAttribute('anchor', new InstancedBufferAttribute(this.anchors, 3));
    quad.setAttribute('uvRect', new InstancedBufferAttribute(new Float32Array(count * 4), 4));
    quad.setAttribute('size', new InstancedBufferAttribute(this.sizes, 2));
    quad.setAttribute('shift', new InstancedBufferAttribute(this.offsets, 2));
    quad.setAttribute('alpha', new InstancedBufferAttribute(this.alphas, 1));
    quad.setAttribute('labelStyle', new InstancedBufferAttribute(this.styles, 1));
    quad.instanceCount = count;
    this.material = new ShaderMaterial({
      vertexShader: labelVertex,
      fragmentShader: labelFragment,
      uniforms: {
        atlas: { value: this.atlas.texture },
        viewport: { value: this.viewport },
        styleColor: { value: [PALETTE.labelCountry, PALETTE.labelHighlight, PALETTE.labelText, PALETTE.labelSea, PALETTE.labelHighlight].map((c) => new Color(c)) },
        haloColor: { value: new Color(PALETTE.labelHalo) },
      },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.mesh = new Mesh(this.geometry, this.material);
    this.mesh.frustumCulled = false;
    this.mesh.renderOrder = 30;

    this.markerGeometry.setAttribute('position', new Float32BufferAttribute(this.anchors, 3));
    this.markerGeometry.setAttribute('alpha', new BufferAttribute(this.markerAlphas, 1));
    this.markerGeometry.setAttribute('marker', new Float32BufferAttribute(this.items.map((item) => item.marker), 1));
    this.markerMaterial = new ShaderMaterial({
      vertexShader: markerVertex,
      fragmentShader: markerFragment,
      uniforms: { fill: { value: new Color(PALETTE.labelText) }, ring: { value: new Color(PALETTE.labelHalo) } },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    this.markers = new Points(this.markerGeometry, this.markerMaterial);
    this.markers.frustumCulled = false;
    this.markers.renderOrder = 25;
  }

  /** Redraws the atlas in `language` (actors and places from the pack, other countries from the browser). */
  setLanguage(language: string): void {
    if (language === this.language) return;
    this.language = language;
    const fallbackLanguage = this.pack.languages[0] ?? 'en';
    this.texts = this.items.map((item) =>
      item.names ? (item.names[language] ?? item.names[fallbackLanguage] ?? item.fallback) : this.names.name(item.iso ?? '', language, item.fallback),
    );
    const entries = this.items.map((item, i) => ({ style: item.style, text: this.texts[i]! }));
    const uv = this.geometry.getAttribute('uvRect') as InstancedBufferAttribute;
    this.atlas.draw(entries).forEach((rect, i) => {
      uv.setXYZW(i, ...rect.uv);
      this.sizes[i * 2] = rect.width;
      this.sizes[i * 2 + 1] = rect.height;
    });
    uv.needsUpdate = true;
    this.geometry.getAttribute('size').needsUpdate = true;
    this.dirty = true;
  }

  /** Screen rectangles (pixels, y up from the bottom) that overlays cover; labels keep out. */
  setBlocked(rects: readonly { x: number; y: number; width: number; height: number }[]): void {
    this.blockedCount = Math.min(rects.length, MAX_BLOCKED);
    for (let k = 0; k < this.blockedCount; k++) {
      const r = rects[k]!;
      this.blocked.set([r.x, r.y, r.width, r.height], k * 4);
    }
    this.dirty = true;
  }

  /** Which labels the scenario asks for, and in what priority. */
  setScenario(scenario: Scenario, highlightedIso: ReadonlySet<string>, places: ReadonlySet<string>, actors: ReadonlySet<string>): void {
    const explicit = scenario.places ?? [];
    this.items.forEach((item, i) => {
      let p = 0;
      let style = 0;
      if (item.kind === 'country') {
        const lit = highlightedIso.has(item.iso!);
        style = lit ? 1 : 0;
        const size = Math.log10(Math.max(0, item.area) + 1);
        // A lit country is what the scenario is about: its name outranks every place.
        p = (lit ? 1200 : 100) + size;
      } else if (item.kind === 'actor') {
        style = 4;
        p = actors.has(item.id) ? 950 : 0;
      } else if (item.kind === 'place') {
        style = 2;
        // The places the scenario names come first; then the stops of its corridors.
        const named = explicit.indexOf(item.id);
        // The first named place is the scenario's focus and beats even a lit country, which can step aside.
        p = named === 0 ? 1300 : named > 0 ? Math.max(NAMED_PLACE, 1150 - named) : places.has(item.id) ? 800 + (item.marker === 2 ? 40 : 0) : 0;
      } else {
        style = 3;
        p = item.id === 'caspian' ? 700 : 300;
      }
      this.priority[i] = p;
      this.active[i] = p > 0 ? 1 : 0;
      this.styles[i] = style;
    });
    this.order.sort((a, b) => this.priority[b]! - this.priority[a]!);
    this.geometry.getAttribute('labelStyle').needsUpdate = true;
    this.dirty = true;
  }

  /** Lays labels out when the view changed, then eases their opacity; `t` 0..1 per frame. */
  update(camera: PerspectiveCamera, width: number, height: number, t: number): void {
    this.viewProjection.multiplyMatrices(camera.projectionMatrix, camera.matrixWorldInverse);
    const e = this.viewProjection.elements;
    let moved = width !== this.viewport.x || height !== this.viewport.y;
    for (let i = 0; i < 16; i++) {
      if (Math.abs(e[i]! - this.seen[i]!) > 1e-7) moved = true;
      this.seen[i] = e[i]!;
    }
    this.viewport.set(width, height);
    if (moved || this.dirty) this.layout(camera);
    this.dirty = false;
    let changed = false;
    for (let i = 0; i < this.alphas.length; i++) {
      const a = this.alphas[i]!, b = this.targets[i]!;
      if (a === b) continue;
      const next = Math.abs(b - a) < 0.01 ? b : a + (b - a) * t;
      this.alphas[i] = next;
      changed = true;
    }
    if (changed) this.geometry.getAttribute('alpha').needsUpdate = true;
    changed = false;
    for (let i = 0; i < this.markerAlphas.length; i++) {
      const a = this.markerAlphas[i]!, b = this.markerTargets[i]!;
      if (a === b) continue;
      this.markerAlphas[i] = Math.abs(b - a) < 0.01 ? b : a + (b - a) * t;
      changed = true;
    }
    if (changed) this.markerGeometry.getAttribute('alpha').needsUpdate = true;
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
      if (item.kind !== 'place' || !this.active[i]) return;
      const seen = this.toScreen(i);
      out.push({ id: item.id, x: seen ? this.scratch.x : null, y: seen ? this.viewport.y - this.scratch.y : null, dot: this.markerTargets[i] === 1, labelled: this.targets[i] === 1 });
    });
    return out;
  }

  /** Labels now shown (target visible) with their pixel rectangles, for tests. */
  placed(): { id: string; kind: ItemKind; rect: [number, number, number, number] }[] {
    return this.placer.labels().map(({ item, rect }) => ({ id: this.items[item]!.id, kind: this.items[item]!.kind, rect }));
  }

  dispose(): void {
    this.geometry.dispose();
    this.markerGeometry.dispose();
    this.material.dispose();
    this.markerMaterial.dispose();
    this.atlas.dispose();
  }

  private layout(camera: PerspectiveCamera): void {
    const w = this.viewport.x, h = this.viewport.y;
    const unitsToPx = h / (2 * Math.tan((camera.fov * Math.PI) / 360));
    this.placer.reset();
    const b = this.blocked;
    for (let k = 0; k < this.blockedCount; k++) this.placer.block(b[k * 4]!, b[k * 4 + 1]!, b[k * 4 + 2]!, b[k * 4 + 3]!);
    // The dots of the places the scenario names go down first, so a lit
    // country's name (laid out before their labels) steps around them.
    this.markerTargets.fill(0);
    for (const i of this.order) {
      if (this.priority[i]! < NAMED_PLACE) break;
      if (this.items[i]!.kind !== 'place' || this.items[i]!.marker === 0 || !this.toScreen(i)) continue;
      const x = this.scratch.x, y = this.scratch.y;
      if (x < 0 || y < 0 || x > w || y > h || this.placer.collides(x - 7, y - 7, 14, 14, -1)) continue;
      this.placer.take(x - 7, y - 7, 14, 14, i, true);
      this.markerTargets[i] = 1;
    }
    for (const i of this.order) {
      this.targets[i] = 0;
      if (!this.active[i] || !this.toScreen(i)) continue;
      const item = this.items[i]!;
      const x = this.scratch.x, y = this.scratch.y;
      if (x < -50 || y < -50 || x > w + 50 || y > h + 50) continue;
      if (item.marker > 0 && this.markerTargets[i] === 0) {
        // A place's dot goes first; a dot under a more important label stays hidden.
        if (this.placer.collides(x - 7, y - 7, 14, 14, -1)) continue;
        this.placer.take(x - 7, y - 7, 14, 14, i, true);
        this.markerTargets[i] = 1;
      }
      const lw = this.sizes[i * 2]!, lh = this.sizes[i * 2 + 1]!;
      if (lw === 0) continue;
      if (item.kind === 'country' && this.priority[i]! < 1000) {
        // An unlit country is named only if the name fits inside it.
        const pxPerUnit = unitsToPx / this.scratch.z;
        if (lw - 2 * INSET > 1.5 * Math.sqrt(item.area) * pxPerUnit) continue;
      }
      // Places try four sides of their dot; a lit or anchored country may step aside a little.
      const movable = item.kind === 'country' && (item.anchored || this.priority[i]! >= 1000);
      const candidates = item.marker > 0 ? 4 : movable ? 5 : 1;
      for (let c = 0; c < candidates; c++) {
        let ox = -lw / 2, oy = -lh / 2;
        if (movable && c > 0) {
          if (c < 3) oy += c === 1 ? -48 : 48;
          else ox += c === 3 ? lw / 3 : -lw / 3;
        }
        if (item.marker > 0) {
          if (c === 0) ox = 10 - INSET;
          else if (c === 1) ox = -10 - lw + INSET;
          else if (c === 2) oy = 12 - INSET;
          else oy = -12 - lh + INSET;
        }
        const rx = Math.floor(x + ox + 0.5) + INSET - GAP, ry = Math.floor(y + oy + 0.5) + INSET - GAP;
        const rw = lw - 2 * INSET + 2 * GAP, rh = lh - 2 * INSET + 2 * GAP;
        // Whole labels only: none may run off the screen's edge.
        if (rx < 0 || ry < 0 || rx + rw > w || ry + rh > h || this.placer.collides(rx, ry, rw, rh, i)) continue;
        this.placer.take(rx, ry, rw, rh, i, false);
        this.offsets[i * 2] = ox;
        this.offsets[i * 2 + 1] = oy;
        this.targets[i] = 1;
        break;
      }
    }
    this.geometry.getAttribute('shift').needsUpdate = true;
  }

  /** Projects item i to pixels into scratch (x, y, z = distance); false if behind the camera. */
  private toScreen(i: number): boolean {
    const s = this.scratch.set(this.anchors[i * 3]!, this.anchors[i * 3 + 1]!, this.anchors[i * 3 + 2]!);
    s.applyMatrix4(this.viewProjection);
    const clipW = this.viewProjectionW(i);
    if (clipW <= 0) return false;
    s.set((s.x * 0.5 + 0.5) * this.viewport.x, (s.y * 0.5 + 0.5) * this.viewport.y, clipW);
    return true;
  }

  private viewProjectionW(i: number): number {
    const e = this.viewProjection.elements;
    return e[3]! * this.anchors[i * 3]! + e[7]! * this.anchors[i * 3 + 1]! + e[11]! * this.anchors[i * 3 + 2]! + e[15]!;
  }
}
