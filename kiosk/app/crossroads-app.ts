// <crossroads-app>: the whole kiosk page. A thin element over ExhibitState
// (what is shown) and MapScene (how the map draws it); it wires the bridge
// connection, the keyboard and the test hooks, and owns their lifetimes.

import { LitElement, css, html } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { BridgeMessage, Intent, PageMessage } from '../../firmware-bridge/api/messages.js';
import type { RegionGeo } from '../../firmware-bridge/geo/region-geo.js';
import { BridgeConnection } from '../connection/bridge-connection.js';
import { installPageHooks } from '../hooks/page-hooks.js';
import { uiText } from '../i18n/kiosk-strings.js';
import { KeyboardInput } from '../input/keyboard-input.js';
import { MapScene } from '../scene/map-scene.js';
import '../ui/scenario-card.js';
import { ExhibitState, type ExhibitSnapshot } from './exhibit-state.js';

const HEARTBEAT_MS = 5_000;

export class CrossroadsApp extends LitElement {
  static override properties = {
    bridgeUrl: { attribute: 'bridge-url' },
    geoUrl: { attribute: 'geo-url' },
  };

  /** WebSocket URL of the bridge; "none" runs without one (component tests). */
  declare bridgeUrl: string;
  declare geoUrl: string;

  readonly state = new ExhibitState();
  private scene: MapScene | null = null;
  private connection: BridgeConnection | null = null;
  private keyboard: KeyboardInput | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private geoRetry: ReturnType<typeof setTimeout> | null = null;
  private unsubscribe: (() => void) | null = null;
  private pendingPack: PackManifest | null = null;
  private shownScenarioId: string | null = null;
  private resolveReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private readonly onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
    const reason = 'reason' in event ? event.reason : event.error ?? event.message;
    this.report('error', reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    // The visitor sees the exhibit carry on; the bridge's log has the details.
    event.preventDefault();
  };

  constructor() {
    super();
    this.bridgeUrl = '';
    this.geoUrl = '/geo/region.json';
  }

  static override styles = css`
    :host {
      display: block;
      position: relative;
      width: 100%;
      height: 100%;
      overflow: hidden;
    }
    canvas {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
      display: block;
    }
    scenario-card {
      position: absolute;
      left: 2.5vw;
      bottom: 4vh;
    }
    .invite {
      position: absolute;
      left: 0;
      right: 0;
      top: 6vh;
      text-align: center;
      font-size: 2.4rem;
      color: #f4f1e8;
      text-shadow: 0 0.1rem 0.6rem #000;
    }
  `;

  override connectedCallback(): void {
    super.connectedCallback();
    installPageHooks(window, {
      scenario: () => this.shownScenarioId,
      mode: () => this.state.current.mode,
      language: () => this.state.current.language,
      stats: () =>
        this.scene?.stats() ?? { drawCalls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0, heapBytes: null, frames: 0 },
      ready: this.ready,
    });
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onError);
    this.keyboard = new KeyboardInput(window, (intent) => this.handleIntent(intent));
    this.unsubscribe = this.state.subscribe((snapshot) => this.onState(snapshot));
    if (this.bridgeUrl !== 'none') {
      const url = this.bridgeUrl || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
      this.connection = new BridgeConnection({ url, onMessage: (message) => this.receive(message) });
      this.connection.start();
    }
    this.heartbeat = setInterval(() => this.sendHeartbeat(), HEARTBEAT_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onError);
    this.keyboard?.dispose();
    this.connection?.stop();
    this.unsubscribe?.();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.geoRetry) clearTimeout(this.geoRetry);
    this.scene?.dispose();
    this.keyboard = this.connection = this.unsubscribe = this.heartbeat = this.geoRetry = this.scene = null;
  }

  override firstUpdated(): void {
    const canvas = this.renderRoot.querySelector('canvas')!;
    this.scene = new MapScene(canvas);
    void this.scene.firstFrame.then(() => this.resolveReady());
    void this.loadGeo(500);
    const pack = this.state.manifest;
    if (pack) this.scene.setPack(pack);
  }

  /** Handles one message from the bridge (also the entry point for component tests). */
  receive(message: BridgeMessage): void {
    switch (message.type) {
      case 'hello':
        this.usePack(message.pack);
        break;
      case 'pack':
        // New content waits for a quiet moment: never in a visitor's face.
        if (this.state.current.mode === 'attract') this.usePack(message.pack);
        else this.pendingPack = message.pack;
        break;
      case 'intent':
        this.handleIntent(message.intent);
        break;
      default:
        break;
    }
  }

  handleIntent(intent: Intent): void {
    this.state.apply(intent);
  }

  /** Supplies the map data directly (component tests). */
  setGeo(geo: RegionGeo): void {
    this.scene?.setGeo(geo);
    this.showCurrent();
  }

  private usePack(pack: PackManifest): void {
    this.pendingPack = null;
    this.scene?.setPack(pack);
    this.state.setPack(pack);
  }

  private async loadGeo(delayMs: number): Promise<void> {
    try {
      const response = await fetch(this.geoUrl);
      if (!response.ok) throw new Error(`map data: HTTP ${response.status}`);
      this.setGeo((await response.json()) as RegionGeo);
    } catch {
      // The bridge may be restarting: try again, calmly, without telling a visitor.
      this.geoRetry = setTimeout(() => void this.loadGeo(Math.min(delayMs * 2, 10_000)), delayMs);
    }
  }

  private onState(snapshot: ExhibitSnapshot): void {
    if (snapshot.mode === 'attract' && this.pendingPack) {
      this.usePack(this.pendingPack);
      return;
    }
    this.showCurrent();
    this.scene?.setView(snapshot.orbit, snapshot.zoom);
    this.send({ type: 'view', scenario: this.shownScenarioId, mode: snapshot.mode, scenarioIndex: snapshot.scenarioIndex });
    this.requestUpdate();
  }

  private showCurrent(): void {
    const scenario = this.state.current.scenario;
    if (!scenario || !this.scene) return;
    if (scenario.id !== this.shownScenarioId) {
      this.shownScenarioId = scenario.id;
      this.scene.showScenario(scenario);
    }
  }

  private sendHeartbeat(): void {
    const s = this.state.current;
    this.send({ type: 'heartbeat', scenario: this.shownScenarioId, mode: s.mode, language: s.language, frames: this.scene?.stats().frames ?? 0 });
  }

  private send(message: PageMessage): void {
    this.connection?.send(message);
  }

  private report(level: 'warn' | 'error', message: string): void {
    this.send({ type: 'log', level, message });
  }

  override render() {
    const s = this.state.current;
    const pack = this.state.manifest;
    return html`
      <canvas aria-hidden="true"></canvas>
      ${s.mode === 'attract' && pack
        ? html`<div class="invite" role="status">${pack.languages.map((lang) => html`<div lang=${lang}>${uiText('invite', lang, pack)}</div>`)}</div>`
        : ''}
      <scenario-card .pack=${pack} .scenario=${s.scenario} .language=${s.language} .index=${s.scenarioIndex} lang=${s.language}></scenario-card>
    `;
  }
}

customElements.define('crossroads-app', CrossroadsApp);

declare global {
  interface HTMLElementTagNameMap {
    'crossroads-app': CrossroadsApp;
  }
}
