// Wires the bridge's capabilities together and runs their lifecycles: start in
// order, stop in reverse, and undo a half-finished start.

import { noLosses, type BoardStatus } from '../api/messages.js';
import { FleetLink } from '../fleet/fleet-link.js';
import type { MqttSettings } from '../fleet/mqtt-settings.js';
import { buildRegionGeo } from '../geo/region-geo.js';
import { buildHealthReport, type HealthReport } from '../health/health-report.js';
import { KioskServer } from '../http/kiosk-server.js';
import { KioskSocket } from '../http/kiosk-socket.js';
import { DEFAULT_CONTROLS, type ControlConfig } from '../input/control-map.js';
import { InputMapper } from '../input/input-mapper.js';
import { LedFeedback } from '../input/led-feedback.js';
import { PackStore } from '../packs/pack-store.js';
import { PageWatchdog } from '../health/page-watchdog.js';
import { SystemdNotifier } from '../health/systemd-notifier.js';
import { UsbWatcher } from '../packs/usb-watcher.js';
import { InteractionCounter } from '../stats/interaction-counter.js';
import { Discovery } from '../serial/discovery.js';
import { PanelSupervisor } from '../serial/panel-supervisor.js';
import { SimulatedPanel } from '../serial/simulated-panel.js';
import type { Capability } from '../core/capability.js';
import { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';

export interface ControllerOptions {
  log: Logger;
  host: string;
  port: number;
  dataDir: string;
  mediaDir: string;
  kioskDir: string;
  builtInPackDir: string;
  version: string;
  allowUnsigned: boolean;
  idleResetS: number;
  pageStallMs: number;
  /**
   * `auto` searches for the board, `none` runs without one, `simulated` runs
   * the simulated panel, anything else is a device path.
   */
  serial: string;
  /** With `auto`: run the simulated panel when no candidate port exists at start-up. */
  simulateWhenAbsent?: boolean;
  /** argv that restarts the browser when the page's heartbeat stops; null only reports. */
  restartBrowser?: string[] | null;
  /** Environment for the systemd notifier (NOTIFY_SOCKET, WATCHDOG_USEC). */
  env?: NodeJS.ProcessEnv;
  /** Simulated-panel commands (press 2, turn 0 1...) when no board is attached. */
  commands: NodeJS.ReadableStream | null;
  /** The panel layout: what each button and knob does. */
  controls?: ControlConfig;
  /** The museum's MQTT fleet broker (`--mqtt`); null or absent runs without one. */
  fleet?: { kioskId: string; mqtt: MqttSettings; discoveryPrefix: string | null } | null;
}

const NO_BOARD: BoardStatus = {
  connected: false,
  simulated: false,
  boardId: null,
  firmware: null,
  lastSeenMs: null,
  port: null,
  framesDropped: {},
  losses: noLosses(),
};

export class Controller {
  readonly bus: EventBus;
  readonly packs: PackStore;
  readonly socket: KioskSocket;
  readonly server: KioskServer;
  /** The link to the fleet broker, when `--mqtt` is set. */
  readonly fleet: FleetLink | null = null;
  private readonly capabilities: Capability[] = [];
  private readonly started: Capability[] = [];
  private readonly startedAt = Date.now();
  /** The real or simulated panel; null with `--serial none` until start. */
  panel: PanelSupervisor | SimulatedPanel | null = null;

  constructor(private readonly options: ControllerOptions) {
    const { log } = options;
    const controls = options.controls ?? DEFAULT_CONTROLS;
    this.bus = new EventBus({ log: log.child('bus') });
    this.packs = new PackStore({
      bus: this.bus,
      log: log.child('packs'),
      dataDir: options.dataDir,
      builtInDir: options.builtInPackDir,
      kioskVersion: options.version,
      allowUnsigned: options.allowUnsigned,
    });
    this.socket = new KioskSocket({
      bus: this.bus,
      log: log.child('ws'),
      versions: { bridge: options.version, kiosk: options.version },
      controls: () => ({ ...controls.map, holds: controls.holds }),
      packList: () => this.packs.list(),
      recentErrors: () => log.recent(),
      board: () => this.board(),
      // The pack on screen is the latest fact (the store's, or an author's folder in `crossroads author`).
      pack: () => this.bus.latest('pack.changed') ?? this.packs.current(),
      idleResetS: options.idleResetS,
      allowedOrigins: () => this.server.origins(),
      rollback: () => void this.rollback(),
    });
    this.server = new KioskServer({
      log: log.child('http'),
      host: options.host,
      port: options.port,
      kioskDir: options.kioskDir,
      socket: this.socket,
      health: () => this.health(),
      geo: () => buildRegionGeo(),
      pack: () => this.bus.latest('pack.changed') ?? this.packs.current(),
    });
    const counter = new InteractionCounter({ bus: this.bus, log, dataDir: options.dataDir, mediaDir: options.mediaDir });
    this.capabilities.push(
      this.packs,
      counter,
      new InputMapper({ bus: this.bus, log, controls }),
      new LedFeedback({ bus: this.bus, controls }),
      {
        // The panel is chosen at start: whether a board is there decides between real and simulated.
        name: 'panel',
        start: async () => {
          this.panel = await this.choosePanel();
          await this.panel?.start();
        },
        stop: async () => {
          await this.panel?.stop();
        },
      },
      this.server,
      new UsbWatcher({
        bus: this.bus,
        log: log.child('usb'),
        store: this.packs,
        mediaDir: options.mediaDir,
        // Each stick also takes home the visit counts (counts only, no personal data).
        onStick: (folder) => counter.writeCsv(folder),
      }),
      new PageWatchdog({
        bus: this.bus,
        log,
        heartbeatAgeMs: () => this.socket.heartbeatAgeMs(),
        stallMs: options.pageStallMs,
        restartCommand: options.restartBrowser ?? null,
      }),
    );
    if (options.fleet) {
      // It never waits for the broker, so a kiosk without its network still starts.
      this.fleet = new FleetLink({
        bus: this.bus,
        log,
        ...options.fleet,
        version: options.version,
        dataDir: options.dataDir,
        store: this.packs,
        health: () => this.health(),
        counts: () => counter.counts(),
        toPage: (message) => this.socket.sendToPages(message),
        restartBrowser: options.restartBrowser ?? null,
        ledCount: controls.map.buttons,
      });
      this.capabilities.push(this.fleet);
    }
    this.capabilities.push(
      // Last: READY=1 goes out only once everything above runs.
      new SystemdNotifier({ log, env: options.env ?? process.env }),
    );
  }

  /** The maintenance screen's rollback button: the previous installed pack becomes current. */
  private async rollback(): Promise<void> {
    try {
      const result = await this.packs.rollback();
      if (result.info) this.options.log.info(`rolled back to ${result.info.id} ${result.info.version}`);
      else this.options.log.warn(`rollback refused: ${result.reason ?? 'no previous pack'}`);
    } catch (error) {
      this.options.log.error(`rollback failed: ${(error as Error).message}`);
    }
  }

  private async choosePanel(): Promise<PanelSupervisor | SimulatedPanel | null> {
    const { serial, log } = this.options;
    if (serial === 'none') return null;
    const simulated = (): SimulatedPanel => new SimulatedPanel({ bus: this.bus, log, commands: this.options.commands });
    if (serial === 'simulated') return simulated();
    if (serial === 'auto' && this.options.simulateWhenAbsent) {
      const candidates = await new Discovery({ log: log.child('panel') }).candidates();
      if (candidates.length === 0) {
        log.info('no control panel found: running the simulated panel');
        return simulated();
      }
    }
    return new PanelSupervisor({ bus: this.bus, log, serial });
  }

  /** The board as last reported (panel.status is a state event: the bus keeps the latest). */
  private board(): BoardStatus {
    return this.bus.latest('panel.status') ?? NO_BOARD;
  }

  health(): HealthReport {
    return buildHealthReport({
      board: this.board(),
      pack: this.packs.current().info,
      startedAt: this.startedAt,
      now: Date.now(),
      pageHeartbeatAgeMs: this.socket.heartbeatAgeMs(),
      pageClients: this.socket.clientCount(),
      pageRenderer: this.socket.renderer(),
      pageStallMs: this.options.pageStallMs,
      dropped: this.socket.droppedCounts(),
      fleet: this.fleet?.facts() ?? null,
    });
  }

  async start(): Promise<void> {
    for (const capability of this.capabilities) {
      try {
        await capability.start();
      } catch (error) {
        await this.stop();
        throw error;
      }
      this.started.push(capability);
      this.options.log.debug(`started ${capability.name}`);
    }
  }

  async stop(): Promise<void> {
    while (this.started.length > 0) {
      const capability = this.started.pop()!;
      try {
        await capability.stop();
      } catch (error) {
        this.options.log.error(`stopping ${capability.name} failed: ${(error as Error).message}`);
      }
    }
  }
}
