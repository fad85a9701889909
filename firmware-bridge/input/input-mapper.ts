// Raw panel inputs -> what the visitor meant. Buttons act when pressed,
// except a button with a hold binding: released early it does its own
// intent, held long enough it does the hold's instead (the default panel:
// button 7 short = language, 1.5 s = info). Knob detents are summed over a
// short window, so a fast spin gives a few large steps, not dozens of tiny
// ones. Holding the maintenance chord (5 + 6, 5 s) opens maintenance; the
// chord's buttons then do neither their press nor their hold (5 and 6 held
// together are not a picture and a narration).

import type { ControlBinding, Intent, PanelInput } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import type { EventBus } from '../core/event-bus.js';
import type { Logger } from '../core/logger.js';
import { DEFAULT_CONTROLS, type ControlConfig, type HoldBinding } from './control-map.js';

export interface InputMapperOptions {
  bus: EventBus;
  log: Logger;
  controls?: ControlConfig;
  /** Knob detents within this window become one intent. */
  knobWindowMs?: number;
}

interface PendingKnob {
  delta: number;
  timer: NodeJS.Timeout;
}

export class InputMapper implements Capability {
  readonly name = 'input-mapper';
  private readonly bus: EventBus;
  private readonly log: Logger;
  private readonly controls: ControlConfig;
  private readonly knobWindowMs: number;
  private readonly buttons = new Map<number, ControlBinding>();
  private readonly knobs = new Map<number, ControlBinding>();
  private readonly holdBindings = new Map<number, HoldBinding>();
  private readonly pressed = new Set<number>();
  /** Hold timers of buttons now down; a button whose hold fired is absent but still pressed. */
  private readonly holdTimers = new Map<number, NodeJS.Timeout>();
  private readonly pendingKnobs = new Map<number, PendingKnob>();
  private chordTimer: NodeJS.Timeout | null = null;
  private chordFired = false;
  private unsubscribe: (() => void) | null = null;

  constructor(options: InputMapperOptions) {
    this.bus = options.bus;
    this.log = options.log.child('input');
    this.controls = options.controls ?? DEFAULT_CONTROLS;
    this.knobWindowMs = options.knobWindowMs ?? 40;
    for (const binding of this.controls.map.bindings) (binding.control === 'button' ? this.buttons : this.knobs).set(binding.index, binding);
    for (const hold of this.controls.holds) this.holdBindings.set(hold.button, hold);
  }

  async start(): Promise<void> {
    this.unsubscribe ??= this.bus.on('panel.input', (input) => this.handle(input));
  }

  async stop(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    for (const timer of this.holdTimers.values()) clearTimeout(timer);
    for (const pending of this.pendingKnobs.values()) clearTimeout(pending.timer);
    if (this.chordTimer) clearTimeout(this.chordTimer);
    this.holdTimers.clear();
    this.pendingKnobs.clear();
    this.pressed.clear();
    this.chordTimer = null;
    this.chordFired = false;
  }

  private handle(input: PanelInput): void {
    if (input.kind === 'knob') return this.turn(input.index, input.delta);
    if (input.pressed === this.pressed.has(input.index)) return;
    if (input.pressed) this.press(input.index);
    else this.release(input.index);
    this.checkChord();
  }

  private press(index: number): void {
    this.pressed.add(index);
    const hold = this.holdBindings.get(index);
    if (hold) {
      this.holdTimers.set(
        index,
        setTimeout(() => {
          this.holdTimers.delete(index);
          this.emit({ kind: hold.intent } as Intent);
        }, hold.ms),
      );
      return;
    }
    this.fireButton(index);
  }

  private release(index: number): void {
    this.pressed.delete(index);
    const timer = this.holdTimers.get(index);
    if (timer === undefined) return;
    // Released before the hold fired: a short press.
    clearTimeout(timer);
    this.holdTimers.delete(index);
    this.fireButton(index);
  }

  private fireButton(index: number): void {
    const binding = this.buttons.get(index);
    if (!binding) return this.log.debug(`button ${index} is not bound`);
    if (binding.intent === 'scenario') this.emit({ kind: 'scenario', index: binding.scenario ?? 0 });
    else this.emit({ kind: binding.intent } as Intent);
  }

  private turn(index: number, delta: number): void {
    const binding = this.knobs.get(index);
    if (!binding) return this.log.debug(`knob ${index} is not bound`);
    const pending = this.pendingKnobs.get(index);
    if (pending) {
      pending.delta += delta;
      return;
    }
    const timer = setTimeout(() => {
      const sum = this.pendingKnobs.get(index)?.delta ?? 0;
      this.pendingKnobs.delete(index);
      // Back-and-forth within one window cancels out.
      if (sum !== 0) this.emit({ kind: binding.intent, delta: sum } as Intent);
    }, this.knobWindowMs);
    this.pendingKnobs.set(index, { delta, timer });
  }

  private checkChord(): void {
    const chord = this.controls.maintenance;
    if (!chord) return;
    const held = chord.buttons.every((b) => this.pressed.has(b));
    if (!held) {
      if (this.chordTimer) clearTimeout(this.chordTimer);
      this.chordTimer = null;
      this.chordFired = false;
      return;
    }
    if (this.chordTimer || this.chordFired) return;
    for (const button of chord.buttons) {
      clearTimeout(this.holdTimers.get(button));
      this.holdTimers.delete(button);
    }
    this.chordTimer = setTimeout(() => {
      this.chordTimer = null;
      this.chordFired = true;
      this.log.info('maintenance chord held: opening maintenance');
      this.emit({ kind: 'maintenance' });
    }, chord.ms);
  }

  private emit(intent: Intent): void {
    this.bus.emit('kiosk.intent', intent);
  }
}
