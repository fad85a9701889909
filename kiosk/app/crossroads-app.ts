// <crossroads-app>: the whole kiosk page. A thin element over ExhibitState
// (what is shown), SceneController (the map that draws it, made on connect and
// released on disconnect), IdleTimer and AttractLoop (what happens when nobody
// is there) and MaintenanceFeed (what the bridge says about itself); it wires
// the bridge, keyboard, touch and test hooks, and owns their lifetimes: moved
// in the page, it releases everything and starts again.

import { html } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { PAGE_LIMITS, type BridgeMessage, type Intent, type PageMessage } from '../../firmware-bridge/api/messages.js';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import { BridgeConnection } from '../connection/bridge-connection.js';
import { installPageHooks } from '../hooks/page-hooks.js';
import { KeyboardInput } from '../input/keyboard-input.js';
import type { MapScene } from '../scene/map-scene.js';
import '../ui/attract-overlay.js';
import '../ui/control-hints.js';
import '../ui/idle-countdown.js';
import '../ui/info-panel.js';
import '../ui/lesson-panel.js';
import '../ui/maintenance-screen.js';
import type { MaintenanceScreen } from '../ui/maintenance-screen.js';
import '../ui/map-legend.js';
import { SafeElement, type KioskErrorDetail } from '../ui/safe-element.js';
import '../ui/install-banner.js';
import '../ui/scenario-card.js';
import '../ui/scenario-strip.js';
import '../ui/timeline-strip.js';
import { appStyles } from './app-styles.js';
import { AttractLoop } from './attract-loop.js';
import { displayOptionsFrom, textScale, toggleDisplay, type DisplayOptions, type DisplayToggle } from './display-options.js';
import { ExhibitState, type ExhibitSnapshot } from './exhibit-state.js';
import { applyRemoteMode, FleetNotice } from './fleet-notice.js';
import { IdleTimer, type IdlePolicy } from './idle-timer.js';
import { MaintenanceFeed } from './maintenance-feed.js';
import { SceneController } from './scene-controller.js';

const HEARTBEAT_MS = 5_000;
const STATUS_EVERY_MS = 5_000;
const COUNTDOWN_S = 10;
const MAINTENANCE_IDLE_MS = 60_000;
/** Component errors within this window that make the exhibit start over. */
const ERROR_BURST = { count: 3, windowMs: 30_000 };

type IntentSource = 'keyboard' | 'bridge' | 'touch';

export class CrossroadsApp extends SafeElement {
  static override properties = {
    bridgeUrl: { attribute: 'bridge-url' },
    geoUrl: { attribute: 'geo-url' },
    healthUrl: { attribute: 'health-url' },
  };

  /** WebSocket URL of the bridge; "none" runs without one (component tests). */
  declare bridgeUrl: string;
  declare geoUrl: string;
  /** Where the maintenance screen reads the bridge's uptime; '' for nowhere. */
  declare healthUrl: string;

  readonly state = new ExhibitState();
  readonly feed = new MaintenanceFeed();
  /** A fleet operator's identify: the kiosk id on screen for a while. */
  private readonly notice = new FleetNotice(() => this.requestUpdate());
  display: DisplayOptions = { highContrast: false, largeText: false, reducedMotion: false };
  private countdown: number | null = null;
  private connection: BridgeConnection | null = null;
  private keyboard: KeyboardInput | null = null;
  private motionQuery: MediaQueryList | null = null;
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private renderer: string | null = null;
  private statusTimer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  private removeHooks: (() => void) | null = null;
  private pendingPack: PackManifest | null = null;
  private shownScenarioId: string | null = null;
  private shownLanguage: string | null = null;
  private lastMode: ExhibitSnapshot['mode'] = 'attract';
  private errorTimes: number[] = [];
  private readonly idle = new IdleTimer({
    policy: () => this.idlePolicy(),
    onCountdown: (seconds) => {
      this.countdown = seconds;
      this.requestUpdate();
    },
    onTimeout: () => (this.state.current.mode === 'maintenance' ? this.state.apply({ kind: 'maintenance' }) : this.state.reset()),
  });
  private readonly attract = new AttractLoop({ drift: () => this.state.drift() });
  private resolveReady!: () => void;
  private readonly ready = new Promise<void>((resolve) => (this.resolveReady = resolve));
  private readonly map = new SceneController(this, {
    canvas: () => this.renderRoot?.querySelector('canvas') ?? null,
    layer: () => this.renderRoot?.querySelector('.layer') ?? null,
    geoUrl: () => this.geoUrl,
    onOrbit: (delta) => this.handleIntent({ kind: 'orbit', delta }, 'touch'),
    onActivity: () => this.activity(),
    onScene: (scene) => this.sceneMade(scene),
    onGeo: () => this.showCurrent(),
  });
  private readonly onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
    const reason = 'reason' in event ? event.reason : event.error ?? event.message;
    this.report('error', reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    // The visitor sees the exhibit carry on; the bridge's log has the details.
    event.preventDefault();
  };
  private readonly onComponentError = (event: Event): void => {
    const { source, message } = (event as CustomEvent<KioskErrorDetail>).detail;
    this.report('error', `<${source}> failed to draw: ${message}`);
    const now = Date.now();
    this.errorTimes = [...this.errorTimes.filter((t) => now - t < ERROR_BURST.windowMs), now];
    if (this.errorTimes.length >= ERROR_BURST.count) {
      // Something keeps failing: start over rather than show a broken screen.
      this.errorTimes = [];
      queueMicrotask(() => this.state.reset());
    }
  };
  private readonly onTouchIntent = (event: Event): void => this.handleIntent((event as CustomEvent<Intent>).detail, 'touch');
  private readonly onRollback = (): void => this.send({ type: 'rollback' });
  private readonly onMotionPreference = (event: MediaQueryListEvent): void => this.setDisplay({ ...this.display, reducedMotion: event.matches });

  constructor() {
    super();
    this.bridgeUrl = '';
    this.geoUrl = '/geo/region.json';
    this.healthUrl = '/health';
  }

  static override styles = appStyles;

  override connectedCallback(): void {
    super.connectedCallback();
    this.removeHooks = installPageHooks(window, {
      scenario: () => this.shownScenarioId,
      mode: () => this.state.current.mode,
      language: () => this.state.current.language,
      stats: () =>
        this.scene?.stats() ?? { drawCalls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0, heapBytes: null, frames: 0 },
      places: () => this.scene?.places() ?? [],
      ready: this.ready,
    });
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onError);
    this.addEventListener('kiosk-error', this.onComponentError);
    this.addEventListener('kiosk-intent', this.onTouchIntent);
    this.addEventListener('kiosk-rollback', this.onRollback);
    this.motionQuery = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.motionQuery.addEventListener('change', this.onMotionPreference);
    this.setDisplay(displayOptionsFrom(location.search, this.motionQuery.matches));
    this.keyboard = new KeyboardInput(window, (intent) => this.handleIntent(intent, 'keyboard'), (toggle) => this.toggle(toggle));
    this.unsubscribe = this.state.subscribe((snapshot) => this.onState(snapshot));
    if (this.bridgeUrl !== 'none') {
      const url = this.bridgeUrl || `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`;
      this.connection = new BridgeConnection({ url, onMessage: (message) => this.receive(message) });
      this.connection.start();
    }
    this.heartbeat = setInterval(() => this.sendHeartbeat(), HEARTBEAT_MS);
    if (this.state.current.mode === 'attract') this.attract.run(this.display.reducedMotion ? 22_000 : 14_000);
    else this.idle.activity();
    if (this.state.current.mode === 'maintenance') this.requestStatus();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onError);
    this.removeEventListener('kiosk-error', this.onComponentError);
    this.removeEventListener('kiosk-intent', this.onTouchIntent);
    this.removeEventListener('kiosk-rollback', this.onRollback);
    this.motionQuery?.removeEventListener('change', this.onMotionPreference);
    this.keyboard?.dispose();
    this.connection?.stop();
    this.unsubscribe?.();
    this.removeHooks?.();
    this.idle.dispose();
    this.notice.dispose();
    this.attract.stop();
    if (this.heartbeat) clearInterval(this.heartbeat);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.keyboard = this.connection = this.unsubscribe = this.motionQuery = this.removeHooks = null;
    this.heartbeat = this.statusTimer = null;
    // The scene controller releases the map, its input and the map-data fetch itself (hostDisconnected).
  }

  private get scene(): MapScene | null {
    return this.map.scene;
  }

  /** A new scene (first render, or back in the page): it learns everything the old one knew. */
  private sceneMade(scene: MapScene): void {
    scene.reducedMotion = this.display.reducedMotion;
    void scene.firstFrame.then(() => this.resolveReady());
    const pack = this.state.manifest;
    if (pack) scene.setPack(pack);
    this.shownScenarioId = null;
    this.shownLanguage = null;
    const { orbit, zoom } = this.state.current;
    scene.setView(orbit, zoom);
  }

  /** Handles one message from the bridge (also the entry point for component tests). */
  receive(message: BridgeMessage): void {
    if (this.feed.take(message)) this.requestUpdate();
    switch (message.type) {
      case 'hello':
        this.usePack(message.pack);
        this.idle.activity();
        break;
      case 'pack':
        // New content waits for a quiet moment: never in a visitor's face.
        if (this.state.current.mode === 'attract') this.usePack(message.pack);
        else this.pendingPack = message.pack;
        break;
      case 'intent':
        this.handleIntent(message.intent, 'bridge');
        break;
      case 'identify':
        this.notice.identify(message.kioskId, message.seconds);
        break;
      case 'mode':
        this.activity();
        applyRemoteMode(this.state, message.mode);
        break;
      case 'input':
        this.activity();
        if (this.state.current.mode === 'maintenance') this.maintenanceScreen()?.recordInput(message.input);
        // A press or a turn leaves the attract loop at once, before the hold or knob window resolves.
        else if (message.input.kind === 'knob' || message.input.pressed) this.state.wake();
        break;
      default:
        break;
    }
  }

  handleIntent(intent: Intent, source: IntentSource = 'bridge'): void {
    this.activity();
    if (source === 'keyboard' && this.state.current.mode === 'maintenance') this.maintenanceScreen()?.recordIntent(intent);
    this.state.apply(intent);
  }

  /** Supplies the map data directly (component tests). */
  setGeo(geo: RegionGeo): void {
    this.map.setGeo(geo);
  }

  /** Seconds left on the "still there?" countdown, null when none shows. */
  get idleCountdown(): number | null {
    return this.countdown;
  }

  private activity(): void {
    this.idle.activity();
  }

  private idlePolicy(): IdlePolicy | null {
    switch (this.state.current.mode) {
      case 'scenario':
        return { idleMs: this.feed.idleResetS * 1000, countdownS: COUNTDOWN_S };
      case 'maintenance':
        return { idleMs: MAINTENANCE_IDLE_MS, countdownS: 0 };
      default:
        // The attract loop has nothing to reset; a class is never cut short.
        return null;
    }
  }

  private toggle(which: DisplayToggle): void {
    this.setDisplay(toggleDisplay(this.display, which));
  }

  private setDisplay(options: DisplayOptions): void {
    this.display = options;
    this.toggleAttribute('high-contrast', options.highContrast);
    this.toggleAttribute('large-text', options.largeText);
    this.toggleAttribute('reduced-motion', options.reducedMotion);
    this.style.setProperty('--text-scale', String(textScale(options, this.state.current.mode === 'class')));
    if (this.scene) this.scene.reducedMotion = options.reducedMotion;
    if (this.attract.running) this.attract.run(options.reducedMotion ? 22_000 : 14_000);
    this.requestUpdate();
  }

  private usePack(pack: PackManifest): void {
    this.pendingPack = null;
    this.scene?.setPack(pack);
    this.state.setPack(pack);
  }

  private onState(snapshot: ExhibitSnapshot): void {
    if (snapshot.mode === 'attract' && this.pendingPack) {
      this.usePack(this.pendingPack);
      return;
    }
    if (snapshot.mode !== this.lastMode) this.modeChanged(this.lastMode, snapshot.mode);
    this.showCurrent();
    this.scene?.setView(snapshot.orbit, snapshot.zoom);
    this.send({ type: 'view', scenario: this.shownScenarioId, mode: snapshot.mode, scenarioIndex: snapshot.scenarioIndex });
    this.requestUpdate();
  }

  private modeChanged(from: ExhibitSnapshot['mode'], to: ExhibitSnapshot['mode']): void {
    this.lastMode = to;
    this.idle.activity();
    if (to === 'attract') this.attract.run(this.display.reducedMotion ? 22_000 : 14_000);
    else this.attract.stop();
    if (to === 'class' || from === 'class') this.setDisplay(this.display);
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.statusTimer = null;
    if (to === 'maintenance') this.requestStatus();
  }

  /** The maintenance screen's figures: now and every few seconds while it is open. */
  private requestStatus(): void {
    if (this.statusTimer) clearInterval(this.statusTimer);
    this.send({ type: 'status-request' });
    this.statusTimer = setInterval(() => this.send({ type: 'status-request' }), STATUS_EVERY_MS);
  }

  private showCurrent(): void {
    const { scenario, language } = this.state.current;
    if (!scenario || !this.scene) return;
    if (scenario.id !== this.shownScenarioId) {
      this.shownScenarioId = scenario.id;
      this.scene.showScenario(scenario);
    }
    if (language !== this.shownLanguage) {
      this.shownLanguage = language;
      document.documentElement.lang = language;
      // The scene learns languages for its labels; until then it has no such method.
      const scene = this.scene as MapScene & { setLanguage?: (lang: string) => void };
      scene.setLanguage?.(language);
    }
  }

  private maintenanceScreen(): MaintenanceScreen | null {
    return this.renderRoot.querySelector('maintenance-screen');
  }

  private sendHeartbeat(): void {
    const s = this.state.current;
    this.renderer ??= this.scene?.rendererName().slice(0, PAGE_LIMITS.renderer) ?? null;
    this.send({
      type: 'heartbeat',
      scenario: this.shownScenarioId,
      mode: s.mode,
      language: s.language,
      frames: this.scene?.stats().frames ?? 0,
      ...(this.renderer ? { renderer: this.renderer } : {}),
    });
  }

  private send(message: PageMessage): void {
    this.connection?.send(message);
  }

  private report(level: 'warn' | 'error', message: string): void {
    // The bridge drops a message longer than its schema allows; cut it here instead.
    this.send({ type: 'log', level, message: message.slice(0, PAGE_LIMITS.logMessage) });
  }

  override willUpdate(): void {
    const s = this.state.current;
    this.toggleAttribute('info-open', (s.mode === 'scenario' || s.mode === 'class') && s.infoOpen);
    this.toggleAttribute('class-mode', s.mode === 'class');
  }

  protected renderSafely() {
    const s = this.state.current;
    const pack = this.state.manifest;
    const lang = s.language;
    const visitor = s.mode === 'scenario' || s.mode === 'class';
    const infoOpen = visitor && s.infoOpen;
    return html`
      <canvas aria-hidden="true"></canvas>
      <div class="layer" lang=${lang}>
        ${visitor ? html`<timeline-strip class="top" .pack=${pack} .language=${lang} .index=${s.timelineIndex}></timeline-strip>` : ''}
        ${s.mode === 'attract' ? html`<attract-overlay class="banner" .pack=${pack} ?reduced=${this.display.reducedMotion}></attract-overlay>` : ''}
        ${this.countdown !== null && s.mode === 'scenario'
          ? html`<idle-countdown class="banner" .pack=${pack} .language=${lang} .seconds=${this.countdown}></idle-countdown>`
          : ''}
        ${s.mode === 'class'
          ? html`<lesson-panel .pack=${pack} .lesson=${this.state.lesson} .step=${s.lessonStep} .language=${lang}></lesson-panel>`
          : ''}
        <div class="left">
          <scenario-card .pack=${pack} .scenario=${s.scenario} .language=${lang} .index=${s.scenarioIndex} lang=${lang}></scenario-card>
        </div>
        ${infoOpen ? html`<info-panel .pack=${pack} .scenario=${s.scenario} .language=${lang}></info-panel>` : ''}
        ${visitor ? html`<map-legend .pack=${pack} .scenario=${s.scenario} .language=${lang}></map-legend>` : ''}
        <control-hints .controls=${this.feed.controls} .pack=${pack} .language=${lang} .scenarioIndex=${s.scenarioIndex}></control-hints>
        <scenario-strip .pack=${pack} .language=${lang} .index=${s.mode === 'attract' ? -1 : s.scenarioIndex}></scenario-strip>
      </div>
      ${this.notice.kioskId ? html`<div class="fleet-identify" role="status">${this.notice.kioskId}</div>` : ''}
      ${s.mode !== 'maintenance' ? html`<install-banner .pack=${pack} .install=${this.feed.install} .language=${lang}></install-banner>` : ''}
      ${s.mode === 'maintenance'
        ? html`<maintenance-screen
            .pack=${pack}
            .language=${lang}
            .board=${this.feed.board}
            .controls=${this.feed.controls}
            .packInfo=${this.feed.packInfo}
            .packs=${this.feed.packs}
            .errors=${this.feed.errors}
            .install=${this.feed.install}
            .stats=${() => this.scene?.stats() ?? null}
            .healthUrl=${this.healthUrl}
          ></maintenance-screen>`
        : ''}
    `;
  }
}

customElements.define('crossroads-app', CrossroadsApp);

declare global {
  interface HTMLElementTagNameMap {
    'crossroads-app': CrossroadsApp;
  }
}
