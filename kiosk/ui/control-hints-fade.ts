// When the panel hints show: all through the attract loop, where they tell a
// passer-by what the buttons do, and for the first seconds of a visit (from
// the input that wakes the exhibit); then they fade, leaving the map to the
// visitor who has found the buttons. Back in attract they show again. The
// controller owns its one timer: a mode change replaces it and leaving the
// page clears it.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PageMode } from '../../firmware-bridge/api/messages.js';

/** How long the hints stay once a visit starts. */
export const VISIT_HINTS_MS = 8000;

export interface HintsClock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const PAGE_CLOCK: HintsClock = {
  setTimeout: (run, ms) => globalThis.setTimeout(run, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class ControlHintsFade implements ReactiveController {
  private mode: PageMode | null = null;
  private hidden = false;
  private timer: unknown = null;
  private connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly visitMs: () => number = () => VISIT_HINTS_MS,
    private readonly clock: HintsClock = PAGE_CLOCK,
  ) {
    host.addController(this);
  }

  /** Whether the hints have faded (a visit is under way and its first seconds are over). */
  get faded(): boolean {
    return this.hidden;
  }

  /** The page's mode now; null when the hints stand alone (always shown). */
  modeIs(mode: PageMode | null): void {
    const before = this.mode;
    this.mode = mode;
    if (mode !== 'scenario') {
      this.clear();
      this.set(false);
    } else if (before !== 'scenario') {
      // A visit starts (or the page opened on one): the hints stay its first seconds.
      this.set(false);
      this.arm();
    }
  }

  hostConnected(): void {
    this.connected = true;
    if (this.mode === 'scenario' && !this.hidden) this.arm();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.clear();
  }

  private arm(): void {
    this.clear();
    if (!this.connected) return;
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.set(true);
    }, this.visitMs());
  }

  private clear(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
  }

  private set(hidden: boolean): void {
    if (this.hidden === hidden) return;
    this.hidden = hidden;
    this.host.requestUpdate();
  }
}
