// Actors off screen: a relation whose far end lies beyond the frame (the EU
// and NATO anchored west of the map, Moscow or Beijing out of a close view)
// ends in a named marker at the screen's edge, its arrow pointing the way
// (as does a lit actor out of view that no name on the map shows),
// and the arc itself fades out before the edge (relation-layer.ts), so no
// line leaves the frame unexplained. The markers are a few DOM elements next
// to the canvas (text a browser sets crisply, in any language), positioned
// through the CSSOM (the page's CSP blocks style attributes); dispose()
// removes them.

import { Vector3, type PerspectiveCamera } from 'three';
import type { GeoProjection } from '../../content/geo/geo-projection.js';
import type { RegionIndex } from '../../content/geo/region-index.js';
import type { PackManifest, Relation } from '../../content/schema/pack-types.js';
import { FLOW_HEIGHT } from './map-style.js';

/** A relation's ends on screen now (CSS pixels from the top-left), as the page's hooks report them. */
export interface RelationView {
  from: string;
  to: string;
  type: string;
  /** Null when behind the camera. */
  a: [number, number] | null;
  b: [number, number] | null;
  aOnScreen: boolean;
  bOnScreen: boolean;
  /** An end on screen but under a panel, where a visitor cannot see it. */
  aUnderPanel: boolean;
  bUnderPanel: boolean;
  /** The actor named by an edge marker for this relation, if one end is off screen. */
  marker: string | null;
}

/** An edge marker on screen: its actor, its text, its box (CSS pixels) and where its arrow points (degrees, 0 = right, clockwise). */
export interface EdgeMarkerView {
  actor: string;
  text: string;
  left: number;
  top: number;
  width: number;
  height: number;
  angle: number;
}

/** How far inside the screen's edge a marker sits, CSS pixels. */
const INSET = 14;

export class EdgeMarkers {
  private readonly root: HTMLDivElement;
  private readonly ends = new Map<string, [number, number]>();
  private readonly names = new Map<string, PackManifest['actors'][number]['name']>();
  private readonly scratch = new Vector3();
  private relations: readonly Pick<Relation, 'from' | 'to' | 'type'>[] = [];
  private lit: readonly string[] = [];
  private views: RelationView[] = [];
  private shown = '';
  private language = 'en';
  private panels: readonly { left: number; top: number; width: number; height: number }[] = [];

  constructor(canvas: HTMLCanvasElement, pack: PackManifest, region: RegionIndex, projection: GeoProjection) {
    for (const actor of pack.actors) {
      const at = region.anchorOf(actor);
      if (at) this.ends.set(actor.id, projection.project(at[0], at[1]));
      this.names.set(actor.id, actor.name);
    }
    this.root = document.createElement('div');
    this.root.className = 'edge-markers';
    this.root.setAttribute('aria-hidden', 'true');
    for (const [name, value] of Object.entries({ position: 'absolute', inset: '0', overflow: 'hidden', 'pointer-events': 'none' })) this.root.style.setProperty(name, value);
    canvas.after(this.root);
  }

  /** The scenario's relations, and the actors it lights up: one of those off screen and not named on the map gets a marker too. */
  setRelations(relations: readonly Pick<Relation, 'from' | 'to' | 'type'>[], lit: readonly string[] = []): void {
    this.relations = relations;
    this.lit = lit;
    this.shown = '';
  }

  /** The panels over the map (CSS pixels from the top-left): a marker slides inward along its line until clear of them. */
  setPanels(rects: readonly { left: number; top: number; width: number; height: number }[]): void {
    this.panels = rects;
    this.shown = '';
  }

  setLanguage(language: string): void {
    this.language = language;
    this.shown = '';
  }

  /**
   * Places the markers for the camera now (call when the view changed); true
   * when they moved or changed. `named` says whether an actor's name is on
   * the map already (a lit country named on the part of it in view).
   */
  update(camera: PerspectiveCamera, width: number, height: number, named: (actor: string) => boolean = () => false): boolean {
    const views: RelationView[] = [];
    const markers = new Map<string, { x: number; y: number; angle: number }>();
    for (const r of this.relations) {
      const a = this.toScreen(r.from, camera, width, height), b = this.toScreen(r.to, camera, width, height);
      const on = (p: [number, number] | null): boolean => !!p && p[0] >= 0 && p[1] >= 0 && p[0] <= width && p[1] <= height;
      const view: RelationView = { from: r.from, to: r.to, type: r.type, a, b, aOnScreen: on(a), bOnScreen: on(b), aUnderPanel: on(a) && this.underPanel(a!), bUnderPanel: on(b) && this.underPanel(b!), marker: null };
      // An end under a panel is reported (aUnderPanel) but not marked: a marker there took the room of the names near it.
      if (a && b && view.aOnScreen !== view.bOnScreen) {
        const [inside, outside, actor] = view.aOnScreen ? [a, b, r.to] : [b, a, r.from];
        view.marker = actor;
        if (!markers.has(actor)) markers.set(actor, this.clearOfPanels(inside, exitPoint(inside, outside, width, height)));
      }
      views.push(view);
    }
    // A lit actor out of view (Israel beside a view of the Caucasus) and not
    // named on the map is pointed to from the screen's centre.
    const centre: [number, number] = [width / 2, height / 2];
    for (const actor of this.lit) {
      if (markers.has(actor) || named(actor)) continue;
      const at = this.toScreen(actor, camera, width, height);
      if (!at || (at[0] >= 0 && at[1] >= 0 && at[0] <= width && at[1] <= height)) continue;
      markers.set(actor, this.clearOfPanels(centre, exitPoint(centre, at, width, height)));
    }
    this.views = views;
    const key = JSON.stringify([...markers].map(([id, m]) => [id, Math.round(m.x), Math.round(m.y), Math.round(m.angle)])) + this.language;
    if (key === this.shown) return false;
    this.shown = key;
    this.root.replaceChildren(...[...markers].map(([id, m]) => this.marker(id, m.x, m.y, m.angle, width, height)));
    this.spreadApart(height);
    return true;
  }

  /**
   * Markers that landed on one another (Greece, Albania and Italy at one
   * edge) are stacked apart: each later one moves down, or else up, by whole
   * marker heights to the first spot clear of the others, the panels and the
   * screen's edge; with none, it stays where its line leaves.
   */
  private spreadApart(height: number): void {
    // Measuring forces a layout in the middle of a frame: a lone marker has nothing to keep clear of.
    if (this.root.children.length < 2) return;
    const origin = this.root.getBoundingClientRect();
    const gap = 6;
    const placed: { left: number; top: number; right: number; bottom: number }[] = [];
    const panels = this.panels.map((p) => ({ left: p.left, top: p.top, right: p.left + p.width, bottom: p.top + p.height }));
    const hits = (b: { left: number; top: number; right: number; bottom: number }, others: typeof placed): boolean =>
      others.some((o) => b.left < o.right && o.left < b.right && b.top < o.bottom + gap && o.top < b.bottom + gap);
    for (const element of Array.from(this.root.children) as HTMLElement[]) {
      const r = element.getBoundingClientRect();
      const box = { left: r.left - origin.left, top: r.top - origin.top, right: r.right - origin.left, bottom: r.bottom - origin.top };
      let shift = 0;
      if (hits(box, placed)) {
        const step = box.bottom - box.top + gap;
        for (const s of [1, -1, 2, -2, 3, -3, 4, -4].map((k) => k * step)) {
          const moved = { ...box, top: box.top + s, bottom: box.bottom + s };
          if (moved.top < 0 || moved.bottom > height || hits(moved, placed) || hits(moved, panels)) continue;
          shift = s;
          break;
        }
      }
      if (shift !== 0) element.style.setProperty('top', `${(parseFloat(element.style.getPropertyValue('top')) + shift).toFixed(1)}px`);
      placed.push({ ...box, top: box.top + shift, bottom: box.bottom + shift });
    }
  }

  relationViews(): RelationView[] {
    return this.views.map((v) => ({ ...v }));
  }

  markerViews(): EdgeMarkerView[] {
    const origin = this.root.getBoundingClientRect();
    return Array.from(this.root.children, (element) => {
      const box = element.getBoundingClientRect();
      const e = element as HTMLElement;
      return { actor: e.dataset['actor'] ?? '', text: e.textContent?.trim() ?? '', left: box.left - origin.left, top: box.top - origin.top, width: box.width, height: box.height, angle: Number(e.dataset['angle']) };
    });
  }

  dispose(): void {
    this.root.remove();
  }

  /** Whether a point lies under one of the panels. */
  private underPanel([x, y]: [number, number]): boolean {
    return this.panels.some((p) => x > p.left && x < p.left + p.width && y > p.top && y < p.top + p.height);
  }

  /** The exit point, moved back along its line toward `inside` (in 12 px steps) until it lies clear of every panel. */
  private clearOfPanels([ax, ay]: [number, number], exit: { x: number; y: number; angle: number }): { x: number; y: number; angle: number } {
    const length = Math.hypot(exit.x - ax, exit.y - ay);
    const margin = 40;
    for (let d = 0; d <= length; d += 12) {
      const t = length === 0 ? 0 : 1 - d / length;
      const x = ax + (exit.x - ax) * t, y = ay + (exit.y - ay) * t;
      const covered = this.panels.some((p) => x > p.left - margin && x < p.left + p.width + margin && y > p.top - margin && y < p.top + p.height + margin);
      if (!covered) return { x, y, angle: exit.angle };
    }
    return exit;
  }

  private marker(actor: string, x: number, y: number, angle: number, width: number, height: number): HTMLElement {
    const element = document.createElement('div');
    element.dataset['actor'] = actor;
    element.dataset['angle'] = String(Math.round(angle));
    const arrow = document.createElement('span');
    arrow.textContent = '➜';
    for (const [name, value] of Object.entries({ display: 'inline-block', transform: `rotate(${angle.toFixed(0)}deg)`, margin: '0 0.3em' })) arrow.style.setProperty(name, value);
    const label = document.createElement('span');
    label.textContent = this.names.get(actor)?.[this.language] ?? this.names.get(actor)?.['en'] ?? actor;
    // The arrow sits on the side it points to: toward the edge.
    const pointsLeft = Math.cos((angle * Math.PI) / 180) < -0.3;
    element.append(...(pointsLeft ? [arrow, label] : [label, arrow]));
    // Anchored at the exit point, the box is pulled inward so it stays whole on screen.
    const tx = x < width * 0.2 ? '0%' : x > width * 0.8 ? '-100%' : '-50%';
    const ty = y < height * 0.2 ? '0%' : y > height * 0.8 ? '-100%' : '-50%';
    const style: Record<string, string> = {
      position: 'absolute',
      left: `${x.toFixed(1)}px`,
      top: `${y.toFixed(1)}px`,
      transform: `translate(${tx}, ${ty})`,
      'white-space': 'nowrap',
      font: '700 max(18px, 2.2vmin) / 1.2 "Noto Sans", "DejaVu Sans", sans-serif',
      color: '#fff4d6',
      background: 'rgba(8, 19, 28, 0.86)',
      border: '1px solid rgba(255, 244, 214, 0.5)',
      'border-radius': '0.4em',
      padding: '0.15em 0.45em',
    };
    for (const [name, value] of Object.entries(style)) element.style.setProperty(name, value);
    return element;
  }

  /** An actor's anchor in CSS pixels from the top-left, or null behind the camera. */
  private toScreen(actor: string, camera: PerspectiveCamera, width: number, height: number): [number, number] | null {
    const at = this.ends.get(actor);
    if (!at) return null;
    const s = this.scratch.set(at[0], at[1], FLOW_HEIGHT).applyMatrix4(camera.matrixWorldInverse);
    if (s.z >= 0) return null;
    s.applyMatrix4(camera.projectionMatrix);
    return [(s.x * 0.5 + 0.5) * width, (0.5 - s.y * 0.5) * height];
  }
}

/** Where the segment from `inside` to `outside` leaves the screen inset by INSET, and its heading in degrees. */
function exitPoint([ax, ay]: [number, number], [bx, by]: [number, number], width: number, height: number): { x: number; y: number; angle: number } {
  const dx = bx - ax, dy = by - ay;
  let t = 1;
  if (dx < 0) t = Math.min(t, (INSET - ax) / dx);
  if (dx > 0) t = Math.min(t, (width - INSET - ax) / dx);
  if (dy < 0) t = Math.min(t, (INSET - ay) / dy);
  if (dy > 0) t = Math.min(t, (height - INSET - ay) / dy);
  t = Math.max(0, t);
  return { x: ax + dx * t, y: ay + dy * t, angle: (Math.atan2(dy, dx) * 180) / Math.PI };
}
