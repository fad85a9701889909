// The label layer's GPU side: every label text in one atlas texture drawn as
// one instanced quad mesh, the leader lines to names set off from their dots
// as another (a child of the first, sharing its per-label arrays), and the
// places' dots as one point draw. It holds the per-label arrays the shaders
// read (anchor, atlas rectangle and size, offset, opacity, colour, leader;
// the dots' opacity and kind) and says when one changed. dispose() frees the
// geometries and materials it made; the atlas is lent (MapScene keeps one
// across packs).

import {
  BufferAttribute,
  BufferGeometry,
  Color,
  Float32BufferAttribute,
  InstancedBufferAttribute,
  InstancedBufferGeometry,
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
  private readonly geometry = new InstancedBufferGeometry();
  private readonly markerGeometry = new BufferGeometry();
  private readonly material: ShaderMaterial;
  private readonly markerMaterial: ShaderMaterial;
  private readonly leaderGeometry = new InstancedBufferGeometry();
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
    quad.setIndex([0, 1, 2, 2, 1, 3]);
    quad.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0], 3));
    quad.setAttribute('anchor', new InstancedBufferAttribute(this.anchors, 3));
    quad.setAttribute('uvRect', new InstancedBufferAttribute(new Float32Array(count * 4), 4));
    quad.setAttribute('size', new InstancedBufferAttribute(this.sizes, 2));
    quad.setAttribute('shift', new InstancedBufferAttribute(this.offsets, 2));
    quad.setAttribute('alpha', new InstancedBufferAttribute(this.alphas, 1));
    quad.setAttribute('labelStyle', new InstancedBufferAttribute(this.colours, 1));
    quad.instanceCount = count;
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
    line.setIndex([0, 1, 2, 2, 1, 3]);
    line.setAttribute('position', new Float32BufferAttribute([0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1, 0], 3));
    for (const name of ['anchor', 'size', 'shift', 'alpha']) line.setAttribute(name, quad.getAttribute(name));
    line.setAttribute('leader', new InstancedBufferAttribute(this.leaders, 1));
    line.setAttribute('leaderFrom', new InstancedBufferAttribute(this.leaderFrom, 2));
    line.instanceCount = count;
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
    const uv = this.geometry.getAttribute('uvRect') as InstancedBufferAttribute;
    rects.forEach((rect, i) => {
      uv.setXYZW(i, ...rect.uv);
      this.sizes[i * 2] = rect.width;
      this.sizes[i * 2 + 1] = rect.height;
    });
    uv.needsUpdate = true;
    this.geometry.getAttribute('size').needsUpdate = true;
    return true;
  }

  /** How many times the atlas was drawn (tests: a language change draws nothing). */
  get atlasDraws(): number {
    return this.atlas.draws;
  }

  coloursChanged(): void {
    this.geometry.getAttribute('labelStyle').needsUpdate = true;
  }

  offsetsChanged(): void {
    this.geometry.getAttribute('shift').needsUpdate = true;
  }

  leadersChanged(): void {
    this.leaderGeometry.getAttribute('leader').needsUpdate = true;
    this.leaderGeometry.getAttribute('leaderFrom').needsUpdate = true;
  }

  alphasChanged(): void {
    this.geometry.getAttribute('alpha').needsUpdate = true;
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
