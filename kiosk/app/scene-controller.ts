// The map's part of <crossroads-app>, as a Lit reactive controller: it makes
// the MapScene (with its overlay tracker and touch input) whenever the host is
// connected and rendered, and releases all of it when the host is
// disconnected, so the element can be moved in the page and draw again; a new
// scene is told everything the exhibit state holds. It also owns the map
// data: fetched once, retried calmly while the bridge restarts, and kept for
// the next scene; no fetch or retry outlives a disconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import { PointerOrbit } from '../input/pointer-orbit.js';
import { parseEveryFrame, parseLayers } from '../scene/map-layers.js';
import { MapScene } from '../scene/map-scene.js';
import type { ExhibitState } from './exhibit-state.js';
import { OverlayTracker } from './overlay-tracker.js';

export interface SceneControllerOptions {
  /** The host's canvas and overlay layer, once rendered. */
  canvas: () => HTMLCanvasElement | null;
  layer: () => Element | null;
  geoUrl: () => string;
  onOrbit: (delta: number) => void;
  onActivity: () => void;
  /** What the map shows: the pack, the scenario, the language, the visitor's view. */
  state: ExhibitState;
  reducedMotion: () => boolean;
  /** First retry delay of the map data; doubles up to 10 s. */
  geoRetryMs?: number;
}

const MAX_GEO_RETRY_MS = 10_000;

export class SceneController implements ReactiveController {
  private current: MapScene | null = null;
  private overlays: OverlayTracker | null = null;
  private pointer: PointerOrbit | null = null;
  private geo: RegionGeo | null = null;
  private geoRetry: ReturnType<typeof setTimeout> | null = null;
  private geoAbort: AbortController | null = null;
  private connected = false;
  private shownScenarioId: string | null = null;
  private shownLanguage: string | null = null;
  private resolveReady!: () => void;
  /** Resolves once the first frame of the map is drawn. */
  readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: SceneControllerOptions,
  ) {
    host.addController(this);
  }

  get scene(): MapScene | null {
    return this.current;
  }

  /** The id of the scenario the map shows, null before it shows one. */
  get shownScenario(): string | null {
    return this.shownScenarioId;
  }

  hostConnected(): void {
    this.connected = true;
    // On a reconnect the canvas is already rendered: draw again at once.
    this.create();
  }

  hostUpdated(): void {
    if (!this.current) this.create();
    this.overlays?.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.geoAbort?.abort();
    this.geoAbort = null;
    if (this.geoRetry) clearTimeout(this.geoRetry);
    this.geoRetry = null;
    this.pointer?.dispose();
    this.overlays?.dispose();
    this.current?.dispose();
    this.pointer = this.overlays = this.current = null;
  }

  /** Supplies the map data directly (component tests), as a fetch would. */
  setGeo(geo: RegionGeo): void {
    this.geo = geo;
    this.current?.setGeo(geo);
    this.show();
  }

  /** The exhibit state changed: the map shows it, from the visitor's view. */
  follow(): void {
    this.show();
    const { orbit, zoom } = this.options.state.current;
    this.current?.setView(orbit, zoom);
  }

  /** Reduced motion changed: the map cuts instead of moving, and its flows hold still. */
  motionChanged(): void {
    if (this.current) this.current.reducedMotion = this.options.reducedMotion();
  }

  private show(): void {
    const scene = this.current;
    const { manifest, current } = this.options.state;
    if (!scene) return;
    if (manifest) scene.setPack(manifest);
    const { scenario, language } = current;
    if (scenario && scenario.id !== this.shownScenarioId) {
      this.shownScenarioId = scenario.id;
      scene.showScenario(scenario);
    }
    if (scenario && language !== this.shownLanguage) {
      this.shownLanguage = language;
      document.documentElement.lang = language;
      scene.setLanguage(language);
    }
  }

  private create(): void {
    const canvas = this.options.canvas();
    if (this.current || !this.connected || !canvas || !this.host.isConnected) return;
    // `?layers=...&draw=every-frame`: the bench's breakdown (see map-layers.ts); a kiosk's address has neither.
    const scene = new MapScene(canvas, { layers: parseLayers(location.search), everyFrame: parseEveryFrame(location.search) });
    this.current = scene;
    this.overlays = new OverlayTracker(this.options.layer, canvas, (rects) => this.current?.setOccluders(rects));
    this.pointer = new PointerOrbit(canvas, { onOrbit: this.options.onOrbit, onActivity: this.options.onActivity });
    // A new scene (first render, or back in the page) learns everything the old one knew.
    scene.reducedMotion = this.options.reducedMotion();
    void scene.firstFrame.then(() => this.resolveReady());
    const { manifest, current } = this.options.state;
    if (manifest) scene.setPack(manifest);
    this.shownScenarioId = this.shownLanguage = null;
    scene.setView(current.orbit, current.zoom);
    if (this.geo) this.setGeo(this.geo);
    else void this.loadGeo(this.options.geoRetryMs ?? 500);
  }

  private async loadGeo(delayMs: number): Promise<void> {
    const abort = new AbortController();
    this.geoAbort = abort;
    try {
      const response = await fetch(this.options.geoUrl(), { signal: abort.signal });
      if (!response.ok) throw new Error(`map data: HTTP ${response.status}`);
      const geo = (await response.json()) as RegionGeo;
      if (abort.signal.aborted) return;
      this.setGeo(geo);
    } catch {
      // Disconnected meanwhile: the next connect starts over.
      if (abort.signal.aborted || !this.connected) return;
      // The bridge may be restarting: try again, calmly, without telling a visitor.
      this.geoRetry = setTimeout(() => {
        this.geoRetry = null;
        void this.loadGeo(Math.min(delayMs * 2, MAX_GEO_RETRY_MS));
      }, delayMs);
    } finally {
      if (this.geoAbort === abort) this.geoAbort = null;
    }
  }
}
