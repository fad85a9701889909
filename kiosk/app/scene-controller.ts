// The map's part of <crossroads-app>, as a Lit reactive controller: it makes
// the MapScene (with its overlay tracker and touch input) whenever the host is
// connected and rendered, and releases all of it when the host is
// disconnected, so the element can be moved in the page and draw again.
// It also owns the map data: fetched once, retried calmly while the bridge
// restarts, and kept for the next scene; no fetch or retry outlives a
// disconnect.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import { PointerOrbit } from '../input/pointer-orbit.js';
import { MapScene } from '../scene/map-scene.js';
import { OverlayTracker } from './overlay-tracker.js';

export interface SceneControllerOptions {
  /** The host's canvas and overlay layer, once rendered. */
  canvas: () => HTMLCanvasElement | null;
  layer: () => Element | null;
  geoUrl: () => string;
  onOrbit: (delta: number) => void;
  onActivity: () => void;
  /** A new scene exists (first connect, or a reconnect): give it the pack and what is on screen. */
  onScene: (scene: MapScene) => void;
  /** The scene got the map data: show what is on screen. */
  onGeo: () => void;
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

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: SceneControllerOptions,
  ) {
    host.addController(this);
  }

  get scene(): MapScene | null {
    return this.current;
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
    this.options.onGeo();
  }

  private create(): void {
    const canvas = this.options.canvas();
    if (this.current || !this.connected || !canvas || !this.host.isConnected) return;
    const scene = new MapScene(canvas);
    this.current = scene;
    this.overlays = new OverlayTracker(this.options.layer, canvas, (rects) => this.current?.setOccluders(rects));
    this.pointer = new PointerOrbit(canvas, { onOrbit: this.options.onOrbit, onActivity: this.options.onActivity });
    this.options.onScene(scene);
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
