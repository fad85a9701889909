// What the maintenance screen's input tester shows: which buttons are down
// now, which knobs just turned and where they are, and which controls have
// been used at all since the screen opened (a maintainer checks them off).

import type { ControlMap, Intent, PanelInput } from '../../firmware-bridge/api/messages.js';

export interface ControlActivity {
  /** Lit: a button held down, or a knob turned within the last moment. */
  lit: boolean;
  used: boolean;
  /** Knobs: detents summed since the screen opened. */
  position: number;
}

/** How long a knob (or a button known only from a key) stays lit. */
export const GLOW_MS = 600;

const key = (control: 'button' | 'knob', index: number) => `${control}:${index}`;

export class InputActivity {
  private readonly held = new Set<string>();
  private readonly glowUntil = new Map<string, number>();
  private readonly used = new Set<string>();
  private readonly positions = new Map<number, number>();

  /** A raw input from the panel. */
  record(input: PanelInput, now: number): void {
    const id = key(input.kind, input.index);
    this.used.add(id);
    if (input.kind === 'button') {
      if (input.pressed) this.held.add(id);
      else this.held.delete(id);
      return;
    }
    this.positions.set(input.index, (this.positions.get(input.index) ?? 0) + input.delta);
    this.glowUntil.set(id, now + GLOW_MS);
  }

  /** An intent from the keyboard: lights the control bound to it, as if pressed. */
  recordIntent(intent: Intent, controls: ControlMap, now: number): void {
    const binding = controls.bindings.find(
      (b) => b.intent === intent.kind && (intent.kind !== 'scenario' || b.scenario === intent.index),
    );
    if (!binding) return;
    const id = key(binding.control, binding.index);
    this.used.add(id);
    this.glowUntil.set(id, now + GLOW_MS);
    if (binding.control === 'knob' && 'delta' in intent) this.positions.set(binding.index, (this.positions.get(binding.index) ?? 0) + intent.delta);
  }

  state(control: 'button' | 'knob', index: number, now: number): ControlActivity {
    const id = key(control, index);
    return {
      lit: this.held.has(id) || (this.glowUntil.get(id) ?? 0) > now,
      used: this.used.has(id),
      position: control === 'knob' ? (this.positions.get(index) ?? 0) : 0,
    };
  }

  /** When the next glow ends (to redraw then), or null. */
  nextChange(now: number): number | null {
    const later = [...this.glowUntil.values()].filter((t) => t > now);
    return later.length > 0 ? Math.min(...later) : null;
  }

  clear(): void {
    this.held.clear();
    this.glowUntil.clear();
    this.used.clear();
    this.positions.clear();
  }
}
