// A typed event bus for facts: something happened (an input, a new pack, a
// board found). Capabilities publish facts and subscribe to the ones they
// need, so each can be started, stopped and tested alone. Commands (do this
// now: install, roll back) are direct calls, not events.
//
// Three rules make it safe to build on:
// - every subscription has an owner: on() returns the function that ends it,
//   and Subscriptions groups a capability's subscriptions so stop() ends them
//   all at once;
// - a listener that throws is logged and skipped: the other listeners still
//   get the event, and the code that emitted it never sees the error;
// - state events are sticky: the bus keeps the latest one and hands it to a
//   late subscriber at once, so start-up order cannot lose the current pack,
//   board, page view or LED modes.

import type { PackManifest } from '../../content/schema/pack-types.js';
import type { BoardStatus, InstallStatus, Intent, PackInfo, PageMessage, PageMode, PanelInput } from '../api/messages.js';

/** What the page shows, from its last `view` message. */
export interface PageView {
  mode: PageMode;
  scenario: string | null;
  scenarioIndex: number | null;
}

/** A pack put on screen, and where its files lie, for serving its pictures and sounds. */
export interface PackShown {
  pack: PackManifest;
  info: PackInfo;
  /** The pack's folder; absent when its files cannot be served. */
  dir?: string;
  /** A folder an author is editing: its files may change under the same version, so none is cached for long. */
  authoring?: boolean;
}

export interface BridgeEvents {
  /** A raw button or knob event from the panel (real or simulated). */
  'panel.input': PanelInput;
  /** The board was found, lost, or its counters changed. State. */
  'panel.status': BoardStatus;
  /** An input mapped to what the visitor meant. */
  'kiosk.intent': Intent;
  /** A message from a page, already checked against its schema. A rollback is a command, not on the bus. */
  'page.message': PageMessage;
  /** What the page shows (mode, scenario), from its view messages. State. */
  'page.view': PageView;
  /** The pack on screen changed (start-up, USB install, rollback, a command-line install). State. */
  'pack.changed': PackShown;
  /** USB install progress, for the maintainer's status on screen. State. */
  'install.status': InstallStatus;
  /** LED modes the panel should show: 0 off, 1 on, 2 slow blink, 3 fast blink. State. */
  'panel.leds': { modes: number[] };
  /** A page heartbeat stopped for too long. */
  'page.stalled': { silentMs: number };
}

export type BridgeEventName = keyof BridgeEvents;

/** Events whose latest value a late subscriber receives at once. */
export const STATE_EVENTS = ['panel.status', 'page.view', 'pack.changed', 'install.status', 'panel.leds'] as const satisfies readonly BridgeEventName[];
export type StateEventName = (typeof STATE_EVENTS)[number];

export type Listener<K extends BridgeEventName> = (payload: BridgeEvents[K]) => void;
export type Unsubscribe = () => void;

export interface EventBusOptions {
  /** Where a throwing listener is reported; stderr when not given. */
  log?: { error(message: string): void };
}

const STATE: ReadonlySet<string> = new Set(STATE_EVENTS);

export class EventBus {
  // One entry object per subscription, so the same function subscribed twice is two subscriptions.
  private readonly listeners = new Map<BridgeEventName, Set<{ fn: (payload: unknown) => void }>>();
  private readonly latestValues = new Map<BridgeEventName, unknown>();
  private failures = 0;

  constructor(private readonly options: EventBusOptions = {}) {}

  emit<K extends BridgeEventName>(name: K, payload: BridgeEvents[K]): void {
    if (STATE.has(name)) this.latestValues.set(name, payload);
    const entries = this.listeners.get(name);
    if (!entries) return;
    // A snapshot: a listener that subscribes or unsubscribes others changes the next emit, not this one.
    for (const entry of [...entries]) this.deliver(name, entry.fn, payload);
  }

  /** Subscribes; a state event's latest value, if any, arrives at once. Returns the function that unsubscribes. */
  on<K extends BridgeEventName>(name: K, listener: Listener<K>): Unsubscribe {
    const entry = { fn: listener as (payload: unknown) => void };
    let entries = this.listeners.get(name);
    if (!entries) this.listeners.set(name, (entries = new Set()));
    entries.add(entry);
    if (this.latestValues.has(name)) this.deliver(name, entry.fn, this.latestValues.get(name));
    return () => {
      entries.delete(entry);
    };
  }

  /** The latest value of a state event, or undefined when none was emitted yet. */
  latest<K extends StateEventName>(name: K): BridgeEvents[K] | undefined {
    return this.latestValues.get(name) as BridgeEvents[K] | undefined;
  }

  listenerCount(name: BridgeEventName): number {
    return this.listeners.get(name)?.size ?? 0;
  }

  /** Listeners that threw since the bus was made. */
  get listenerFailures(): number {
    return this.failures;
  }

  private deliver(name: BridgeEventName, fn: (payload: unknown) => void, payload: unknown): void {
    try {
      fn(payload);
    } catch (error) {
      this.failures++;
      const line = `a listener of ${name} failed: ${error instanceof Error ? error.message : String(error)}`;
      try {
        if (this.options.log) this.options.log.error(line);
        else process.stderr.write(`error [bus] ${line}\n`);
      } catch {
        // Reporting must not become the next thing that throws into an emitter.
      }
    }
  }
}

/** The subscriptions of one owner (a capability), ended together when it stops. */
export class Subscriptions {
  private readonly offs: Unsubscribe[] = [];

  constructor(private readonly bus: EventBus) {}

  on<K extends BridgeEventName>(name: K, listener: Listener<K>): this {
    this.offs.push(this.bus.on(name, listener));
    return this;
  }

  get size(): number {
    return this.offs.length;
  }

  /** Ends every subscription; the group can subscribe again afterwards. */
  release(): void {
    for (const off of this.offs.splice(0)) off();
  }
}
