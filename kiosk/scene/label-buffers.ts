// The label layer's GPU side: every label text in one atlas texture drawn as
// one quad mesh, the leader lines to names set off from their dots as another
// (a child of the first, sharing its vertex arrays), and the places' dots as
// one point draw. It holds the per-label arrays the layout writes (anchor,
// atlas rectangle and size, offset, opacity, colour, leader; the dots'
// opacity and kind) and copies one to its quads' four corners when told it
// changed. The quads are plain vertices, not instances: SwiftShader pays
// about 20 us per instance drawn, hidden or not, so 148 instanced labels cost
// 3.7 ms a frame where their 592 vertices cost 0.4 (640x360, 19 shown).
// dispose() frees the geometries and materials it made; the atlas is lent
// (MapScene keeps one across packs).

import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  Mesh,
  Points,
  ShaderMaterial,
  Vector2,
} from 'three';
import { LabelAtlas, type AtlasEntry, type AtlasRect } from './label-atlas.js';
import { labelFragment, labelVertex, leaderFragment, leaderVertex, markerFragment, markerVertex } from './label-shaders.js';
import { CLUSTER_LEADER_START, INSET, LEADER_START } from './label-screen.js';
import { PALETTE } from './map-style.js';

export class LabelBuffers {
  readonly mesh: Mesh;
  readonly markers: Points;
  /** The screen size in pixels, a uniform of the label shader. */
  readonly viewport = new Vector2(1, 1);
  /** Per label: x, y, z of its anchor in the scene. */
  readonly anchors: Float32Array;
  /** Per label: its atlas rectangle's width and height in pixels. */
  readonly sizes: Float32Array;
  /** Per label: where it sits from its anchor, pixels. */
  readonly offsets: Float32Array;
  readonly alphas: Float32Array;
  /** Per label: its colour (see LABEL_COLOUR). */
  readonly colours: Float32Array;
  readonly markerAlphas: Float32Array;
  /** Per label: 1 when a leader line runs from its dot to it. */
  readonly leaders: Float32Array;
  /** Per label: where its leader starts from its anchor, pixels (0, 0 but for a crowded country's, from another point of its land). */
  readonly leaderFrom: Float32Array;
  /** Per language drawn: each label's atlas rectangle. */
  private rects = new Map<string, AtlasRect[]>();
  private readonly geometry = new BufferGeometry();
  private readonly markerGeometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private readonly markerMaterial: ShaderMaterial;
  private readonly leaderGeometry = new BufferGeometry();
  private readonly leaderMaterial: ShaderMaterial;

  /** `markers`: per label, its dot's kind (0 none, 1 place, 2 capital, 3 actor). */
  constructor(
    anchors: Float32Array,
    markers: readonly number[],
    private readonly atlas: LabelAtlas,
  ) {
    const count = markers.length;
    this.anchors = anchors;
    this.sizes = new Float32Array(count * 2);
    this.offsets = new Float32Array(count * 2);
    this.alphas = new Float32Array(count);
    this.colours = new Float32Array(count);
    this.markerAlphas = new Float32Array(count);
    this.leaders = new Float32Array(count);
    this.leaderFrom = new Float32Array(count * 2);

    const quad = this.geometry;
    quad.setIndex(quadIndex(count));
    const corners = quadCorners(count);
    quad.setAttribute('position', corners);
    quad.setAttribute('anchor', cornerAttribute(this.anchors, 3));
    quad.setAttribute('uvRect', cornerAttribute(new Float32Array(count * 4), 4));
    quad.setAttribute('size', cornerAttribute(this.sizes, 2));
    quad.setAttribute('shift', cornerAttribute(this.offsets, 2));
    quad.setAttribute('alpha', cornerAttribute(this.alphas, 1));
    quad.setAttribute('labelStyle', cornerAttribute(this.colours, 1));
    this.material = new ShaderMaterial({
      vertexShader: labelVertex,
      fragmentShader: labelFragment,
      uniforms: {
        atlas: { value: this.atlas.texture },
        viewport: { value: this.viewport },
        // Indexed by LABEL_COLOUR: country, lit country, place, sea, actor.
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

    // A leader is a thin quad from the dot's edge to the letters' nearest point, worked out on the GPU from the label's own attributes.
    const line = this.leaderGeometry;
    line.setIndex(quad.getIndex());
    line.setAttribute('position', corners);
    for (const name of ['anchor', 'size', 'shift', 'alpha']) line.setAttribute(name, quad.getAttribute(name));
    line.setAttribute('leader', cornerAttribute(this.leaders, 1));
    line.setAttribute('leaderFrom', cornerAttribute(this.leaderFrom, 2));
    this.leaderMaterial = new ShaderMaterial({
      vertexShader: leaderVertex,
      fragmentShader: leaderFragment,
      uniforms: {
        viewport: { value: this.viewport },
        inset: { value: INSET },
        start: { value: LEADER_START },
        clusterStart: { value: CLUSTER_LEADER_START },
        fill: { value: new Color(PALETTE.labelText) },
        halo: { value: new Color(PALETTE.labelHalo) },
      },
      transparent: true,
      depthTest: false,
      depthWrite: false,
    });
    const leaderMesh = new Mesh(line, this.leaderMaterial);
    leaderMesh.frustumCulled = false;
    leaderMesh.renderOrder = 29;
    leaderMesh.matrixAutoUpdate = false;
    this.mesh.add(leaderMesh);

    this.markerGeometry.setAttribute('position', new Float32BufferAttribute(this.anchors, 3));
    this.markerGeometry.setAttribute('alpha', new BufferAttribute(this.markerAlphas, 1));
    this.markerGeometry.setAttribute('marker', new Float32BufferAttribute(markers, 1));
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
    this.mesh.matrixAutoUpdate = this.markers.matrixAutoUpdate = false;
  }

  /**
   * Draws every language's texts (one per label, in order) into the atlas,
   * each distinct text once; useLanguage() then only picks rectangles.
   */
  setTexts(byLanguage: ReadonlyMap<string, readonly AtlasEntry[]>): void {
    const index = new Map<string, number>();
    const unique: AtlasEntry[] = [];
    const key = (e: AtlasEntry): string => `${e.style}\n${e.text}`;
    for (const entries of byLanguage.values()) {
      for (const e of entries) if (!index.has(key(e))) index.set(key(e), unique.push(e) - 1);
    }
    const rects = this.atlas.draw(unique);
    this.material.uniforms['atlas']!.value = this.atlas.texture;
    this.rects = new Map([...byLanguage].map(([language, entries]) => [language, entries.map((e) => rects[index.get(key(e))!]!)]));
  }

  /** Shows the labels' texts in `language` (drawn by setTexts); false if it was not drawn. */
  useLanguage(language: string): boolean {
    const rects = this.rects.get(language);
    if (!rects) return false;
    const uv = this.geometry.getAttribute('uvRect') as BufferAttribute;
    rects.forEach((rect, i) => {
      for (let corner = 0; corner < 4; corner++) uv.setXYZW(i * 4 + corner, ...rect.uv);
      this.sizes[i * 2] = rect.width;
      this.sizes[i * 2 + 1] = rect.height;
    });
    uv.needsUpdate = true;
    spread(this.geometry, 'size', this.sizes);
    return true;
  }

  /** How many times the atlas was drawn (tests: a language change draws nothing). */
  get atlasDraws(): number {
    return this.atlas.draws;
  }

  coloursChanged(): void {
    spread(this.geometry, 'labelStyle', this.colours);
  }

  offsetsChanged(): void {
    spread(this.geometry, 'shift', this.offsets);
  }

  leadersChanged(): void {
    spread(this.leaderGeometry, 'leader', this.leaders);
    spread(this.leaderGeometry, 'leaderFrom', this.leaderFrom);
  }

  alphasChanged(): void {
    spread(this.geometry, 'alpha', this.alphas);
  }

  markerAlphasChanged(): void {
    this.markerGeometry.getAttribute('alpha').needsUpdate = true;
  }

  dispose(): void {
    this.geometry.dispose();
    this.markerGeometry.dispose();
    this.leaderGeometry.dispose();
    this.material.dispose();
    this.markerMaterial.dispose();
    this.leaderMaterial.dispose();
  }
}

/** Two triangles per label over its four corners, in label order. */
function quadIndex(count: number): BufferAttribute {
  const index = new Uint16Array(count * 6);
  for (let i = 0; i < count; i++) index.set([0, 1, 2, 2, 1, 3].map((k) => i * 4 + k), i * 6);
  return new BufferAttribute(index, 1);
}

/** Each label's corners, (0, 0) (1, 0) (0, 1) (1, 1): where on its box a vertex sits. */
function quadCorners(count: number): Float32BufferAttribute {
  const corners = new Float32Array(count * 12);
  for (let i = 0; i < count; i++) corners.set([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0], i * 12);
  return new Float32BufferAttribute(corners, 3);
}

/** A vertex attribute holding `perLabel`'s values once per corner. */
function cornerAttribute(perLabel: Float32Array, itemSize: number): BufferAttribute {
  const attribute = new BufferAttribute(new Float32Array(perLabel.length * 4), itemSize);
  copyToCorners(perLabel, attribute);
  return attribute;
}

function copyToCorners(perLabel: Float32Array, attribute: BufferAttribute): void {
  const size = attribute.itemSize;
  const out = attribute.array as Float32Array;
  for (let i = 0, o = 0; i < perLabel.length; i += size) {
    for (let corner = 0; corner < 4; corner++) for (let k = 0; k < size; k++) out[o++] = perLabel[i + k]!;
  }
}

/** Copies a per-label array to its corners and marks it for upload. */
function spread(geometry: BufferGeometry, name: string, perLabel: Float32Array): void {
  const attribute = geometry.getAttribute(name) as BufferAttribute;
  copyToCorners(perLabel, attribute);
  attribute.needsUpdate = true;
}
