// Wires the bridge's capabilities together and runs their lifecycles: start in
// order, stop in reverse, and undo a half-finished start.

import type { BoardStatus } from '../api/messages.js';
import { buildRegionGeo } from '../geo/region-geo.js';
import { buildHealthReport, type HealthReport } from '../health/health-report.js';
import { KioskServer } from '../http/kiosk-server.js';
import { KioskSocket } from '../http/kiosk-socket.js';
import { DEFAULT_CONTROLS, type ControlConfig } from '../input/control-map.js';
import { InputMapper } from '../input/input-mapper.js';
import { LedFeedback } from '../input/led-feedback.js';
import { PackStore } from '../packs/pack-store.js';
import { PanelSupervisor } from '../serial/panel-supervisor.js';
import type { Capability } from './capability.js';
import { EventBus } from './event-bus.js';
import type { Logger } from './logger.js';

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
  /** `auto` searches for the board, `none` runs without one, else a device path. */
  serial: string;
  /** Simulated-panel commands (press 2, turn 0 1...) when no board is attached. */
  commands: NodeJS.ReadableStream | null;
  /** The panel layout: what each button and knob does. */
  controls?: ControlConfig;
}

const NO_BOARD: BoardStatus = {
  connected: false,
  simulated: false,
  boardId: null,
  firmware: null,
  lastSeenMs: null,
  port: null,
  framesDropped: {},
};

export class Controller {
  readonly bus = new EventBus();
  readonly packs: PackStore;
  readonly socket: KioskSocket;
  readonly server: KioskServer;
  private readonly capabilities: Capability[] = [];
  private readonly started: Capability[] = [];
  private readonly startedAt = Date.now();
  readonly panel: PanelSupervisor;
  private board: BoardStatus = NO_BOARD;

  constructor(private readonly options: ControllerOptions) {
    const { log } = options;
    const controls = options.controls ?? DEFAULT_CONTROLS;
    this.bus.on('panel.status', (status) => {
      this.board = status;
    });
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
      controls: () => controls.map,
      board: () => this.board,
      pack: () => this.packs.current(),
      idleResetS: options.idleResetS,
      allowedOrigins: () => this.server.origins(),
    });
    this.server = new KioskServer({
      log: log.child('http'),
      host: options.host,
      port: options.port,
      kioskDir: options.kioskDir,
      socket: this.socket,
      health: () => this.health(),
      geo: () => buildRegionGeo(),
    });
    this.panel = new PanelSupervisor({ bus: this.bus, log, serial: options.serial });
    this.capabilities.push(
      this.packs,
      new InputMapper({ bus: this.bus, log, controls }),
      new LedFeedback({ bus: this.bus, controls }),
      this.panel,
      this.server,
    );
  }

  health(): HealthReport {
    return buildHealthReport({
      board: this.board,
      pack: this.packs.current().info,
      startedAt: this.startedAt,
      now: Date.now(),
      pageHeartbeatAgeMs: this.socket.heartbeatAgeMs(),
      pageClients: this.socket.clientCount(),
      pageStallMs: this.options.pageStallMs,
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
