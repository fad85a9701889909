// A typed event bus: capabilities talk to each other only through it, so each
// can be started, stopped and tested alone.

import { EventEmitter } from 'node:events';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { BoardStatus, InstallStatus, Intent, PackInfo, PageMessage, PanelInput } from '../api/messages.js';

export interface BridgeEvents {
  /** A raw button or knob event from the panel (real or simulated). */
  'panel.input': PanelInput;
  /** The board was found, lost, or its counters changed. */
  'panel.status': BoardStatus;
  /** An input mapped to what the visitor meant. */
  'kiosk.intent': Intent;
  /** A message from a page. */
  'page.message': PageMessage;
  /** The pack on screen changed (start-up, USB install, rollback). */
  'pack.changed': { pack: PackManifest; info: PackInfo };
  /** USB install progress, for the maintainer's status on screen. */
  'install.status': InstallStatus;
  /** LED modes the panel should show: 0 off, 1 on, 2 slow blink, 3 fast blink. */
  'panel.leds': { modes: number[] };
  /** A page heartbeat stopped for too long. */
  'page.stalled': { silentMs: number };
}

export type BridgeEventName = keyof BridgeEvents;

export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Many capabilities listen to the same events; the default cap of 10 is a false alarm.
    this.emitter.setMaxListeners(50);
  }

  emit<K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void {
    this.emitter.emit(name, payload);
  }

  /** Subscribes; returns the function that unsubscribes. */
  on<K extends BridgeEventName>(name: K, listener: (payload: BridgeEvents[K]) => void): () => void {
    this.emitter.on(name, listener as (payload: unknown) => void);
    return () => this.emitter.off(name, listener as (payload: unknown) => void);
  }

  listenerCount(name: BridgeEventName): number {
    return this.emitter.listenerCount(name);
  }
}
