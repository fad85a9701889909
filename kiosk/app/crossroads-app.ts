// <crossroads-app>: the whole kiosk page, a thin element over ExhibitState
// (what is shown) and reactive controllers that each own their resources and
// release them when the element leaves the page: the map (SceneController),
// the bridge link (BridgeController), what happens when nobody is there
// (IdleController), the overlays' state (OverlaysController), the display
// options, spoken narration (NarrationController), the page's inputs, its
// error handling and its test hooks. Moved in the page, it releases
// everything and starts again.

import type { PackManifest } from '../../content/schema/pack-types.js';
import { PAGE_LIMITS, type BridgeMessage, type Intent } from '../../firmware-bridge/api/messages.js';
import type { RegionGeo } from '../../content/geo/region-geo-types.js';
import type { MapScene } from '../scene/map-scene.js';
import type { MaintenanceScreen } from '../ui/maintenance-screen.js';
import { SafeElement } from '../ui/safe-element.js';
import { shownImage } from '../media/pack-media.js';
import { appStyles } from './app-styles.js';
import { appView, visitorMode, type NarrationOnScreen } from './app-view.js';
import { AuthorController } from './author-controller.js';
import { BridgeController } from './bridge-controller.js';
import { DisplayController } from './display-controller.js';
import { ErrorController } from './error-controller.js';
import { ExhibitState, type ExhibitSnapshot } from './exhibit-state.js';
import { applyRemoteMode } from './fleet-notice.js';
import { HooksController } from './hooks-controller.js';
import { IdleController } from './idle-controller.js';
import { InputController } from './input-controller.js';
import { NarrationController } from './narration-controller.js';
import { OverlaysController } from './overlays-controller.js';
import { SceneController } from './scene-controller.js';

type IntentSource = 'keyboard' | 'bridge' | 'touch';

const NO_STATS = { drawCalls: 0, triangles: 0, geometries: 0, textures: 0, programs: 0, programsCompiled: 0, heapBytes: null, frames: 0, checks: 0, groundExact: false };

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
  private renderer: string | null = null;
  private unsubscribe: (() => void) | null = null;
  private pendingPack: PackManifest | null = null;
  private lastMode: ExhibitSnapshot['mode'] = 'attract';

  private readonly display = new DisplayController(this, {
    classMode: () => this.state.current.mode === 'class',
    onChange: () => {
      this.map.motionChanged();
      this.idle.motionChanged();
    },
  });
  private readonly bridge = new BridgeController(this, {
    url: () => this.bridgeUrl,
    onMessage: (message) => this.receive(message),
    heartbeat: () => {
      const s = this.state.current;
      this.renderer ??= this.scene?.rendererName().slice(0, PAGE_LIMITS.renderer) ?? null;
      const frames = this.scene?.stats().frames ?? 0;
      return { type: 'heartbeat', scenario: this.map.shownScenario, mode: s.mode, language: s.language, frames, ...(this.renderer ? { renderer: this.renderer } : {}) };
    },
  });
  private readonly overlays = new OverlaysController(this);
  /** Only in `crossroads author`: the author panel, and new packs taken at once. */
  private readonly author = new AuthorController(this, {
    language: () => this.state.current.language,
    pack: () => this.state.manifest,
    scenario: () => this.map.shownScenario,
    places: () => this.scene?.places() ?? [],
    layer: () => this.renderRoot?.querySelector('.layer') ?? null,
    canvas: () => this.renderRoot?.querySelector('canvas') ?? null,
    intent: (intent) => this.handleIntent(intent, 'touch'),
  });
  private readonly idle = new IdleController(this, {
    state: this.state,
    idleResetS: () => this.overlays.feed.idleResetS,
    reducedMotion: () => this.display.options.reducedMotion,
  });
  private readonly narration = new NarrationController(this, {
    state: this.state,
    onListening: () => this.idle.activity(),
    log: (level, message) => this.bridge.log(level, message),
  });
  private readonly map = new SceneController(this, {
    canvas: () => this.renderRoot?.querySelector('canvas') ?? null,
    layer: () => this.renderRoot?.querySelector('.layer') ?? null,
    geoUrl: () => this.geoUrl,
    onOrbit: (delta) => this.handleIntent({ kind: 'orbit', delta }, 'touch'),
    onActivity: () => this.idle.activity(),
    state: this.state,
    reducedMotion: () => this.display.options.reducedMotion,
  });

  constructor() {
    super();
    this.bridgeUrl = '';
    this.geoUrl = '/geo/region.json';
    this.healthUrl = '/health';
    // Controllers the element never calls: they only attach and release their listeners and hooks.
    new HooksController(this, {
      scenario: () => this.map.shownScenario,
      mode: () => this.state.current.mode,
      language: () => this.state.current.language,
      stats: () => this.scene?.stats() ?? NO_STATS,
      places: () => this.scene?.places() ?? [],
      map: () => this.scene,
      narration: () => this.narration.view,
      ready: this.map.ready,
    });
    new ErrorController(this, {
      log: (level, message) => this.bridge.log(level, message),
      startOver: () => this.state.reset(),
    });
    new InputController(this, {
      onIntent: (intent, source) => this.handleIntent(intent, source),
      onToggle: (which) => this.display.toggle(which),
      onRollback: () => this.bridge.send({ type: 'rollback' }),
    });
  }

  static override styles = appStyles;

  /** Seconds left on the "still there?" countdown, null when none shows. */
  get idleCountdown(): number | null {
    return this.idle.countdown;
  }

  override connectedCallback(): void {
    // The controllers connect first, each taking up its own resources.
    super.connectedCallback();
    this.unsubscribe = this.state.subscribe((snapshot) => this.onState(snapshot));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  /** Handles one message from the bridge (also the entry point for component tests). */
  receive(message: BridgeMessage): void {
    this.overlays.take(message);
    switch (message.type) {
      case 'hello':
        this.usePack(message.pack);
        this.idle.activity();
        break;
      case 'pack':
        // New content waits for a quiet moment: never in a visitor's face (an author's preview takes it at once).
        if (this.state.current.mode === 'attract' || this.author.active) this.usePack(message.pack);
        else this.pendingPack = message.pack;
        break;
      case 'intent':
        this.handleIntent(message.intent, 'bridge');
        break;
      case 'author':
        this.author.take(message);
        break;
      case 'mode':
        this.idle.activity();
        applyRemoteMode(this.state, message.mode);
        break;
      case 'input':
        this.idle.activity();
        if (this.state.current.mode === 'maintenance') this.maintenanceScreen()?.recordInput(message.input);
        // A press or a turn leaves the attract loop at once, before the hold or knob window resolves.
        else if (message.input.kind === 'knob' || message.input.pressed) this.state.wake();
        break;
      default:
        break;
    }
  }

  handleIntent(intent: Intent, source: IntentSource = 'bridge'): void {
    this.idle.activity();
    if (source === 'keyboard' && this.state.current.mode === 'maintenance') this.maintenanceScreen()?.recordIntent(intent);
    this.state.apply(intent);
    if (intent.kind === 'narration') this.narration.toggle();
    else if (intent.kind === 'volume') this.narration.turn(intent.delta);
  }

  /** Supplies the map data directly (component tests). */
  setGeo(geo: RegionGeo): void {
    this.map.setGeo(geo);
  }

  private get scene(): MapScene | null {
    return this.map.scene;
  }

  /** The state takes the pack, and the map follows it. */
  private usePack(pack: PackManifest): void {
    this.pendingPack = null;
    this.state.setPack(pack);
  }

  private onState(snapshot: ExhibitSnapshot): void {
    if (snapshot.mode === 'attract' && this.pendingPack) {
      this.usePack(this.pendingPack);
      return;
    }
    if (snapshot.mode !== this.lastMode) this.modeChanged(this.lastMode, snapshot.mode);
    this.narration.follow(snapshot);
    this.map.follow();
    this.bridge.send({ type: 'view', scenario: this.map.shownScenario, mode: snapshot.mode, scenarioIndex: snapshot.scenarioIndex });
    this.requestUpdate();
  }

  private modeChanged(from: ExhibitSnapshot['mode'], to: ExhibitSnapshot['mode']): void {
    this.lastMode = to;
    this.idle.modeChanged();
    if (to === 'class' || from === 'class') this.display.refresh();
    this.bridge.pollStatus(to === 'maintenance');
  }

  private narrationOnScreen(): NarrationOnScreen {
    const playing = this.narration.source;
    const source = playing ?? this.narration.available;
    return {
      state: playing ? 'playing' : source ? 'ready' : 'none',
      cue: this.narration.view.cue,
      credit: source?.credit ?? '',
      draft: source?.draft ?? false,
    };
  }

  private maintenanceScreen(): MaintenanceScreen | null {
    return this.renderRoot.querySelector('maintenance-screen');
  }

  override willUpdate(): void {
    const s = this.state.current;
    this.toggleAttribute('info-open', visitorMode(s) && s.infoOpen);
    this.toggleAttribute('picture-large', visitorMode(s) && s.infoOpen && s.pictureLarge && shownImage(this.state.manifest, s.scenario, s.timelineIndex) !== null);
    this.toggleAttribute('class-mode', s.mode === 'class');
  }

  protected renderSafely() {
    return appView({
      snapshot: this.state.current,
      pack: this.state.manifest,
      lesson: this.state.lesson,
      feed: this.overlays.feed,
      countdown: this.idle.countdown,
      kioskId: this.overlays.kioskId,
      reducedMotion: this.display.options.reducedMotion,
      narration: this.narrationOnScreen(),
      healthUrl: this.healthUrl,
      stats: () => this.scene?.stats() ?? null,
    });
  }
}

customElements.define('crossroads-app', CrossroadsApp);

declare global {
  interface HTMLElementTagNameMap {
    'crossroads-app': CrossroadsApp;
  }
}
