// When the control panel's hints show, as a Lit reactive controller: while
// nobody is there (the attract loop invites with them), and for the first
// seconds of a visit or after the language changes (a new group at the
// panel); otherwise they give the map its room. The one timer is released
// with the host.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ExhibitSnapshot } from './exhibit-state.js';

/** How long the hints stay after a visit starts, or after the language changes. */
export const HINTS_MS = 8000;

export class HintsController implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private fresh = true;
  private mode: ExhibitSnapshot['mode'] = 'attract';
  private language = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Whether the hints show now. */
  get shown(): boolean {
    return this.mode === 'attract' || (this.mode === 'scenario' && this.fresh);
  }

  /** The exhibit state changed: a visit that starts, or a new language, shows the hints for a while. */
  follow(snapshot: ExhibitSnapshot): void {
    const started = snapshot.mode === 'scenario' && this.mode !== 'scenario';
    const relabelled = snapshot.mode === 'scenario' && this.language !== '' && snapshot.language !== this.language;
    this.mode = snapshot.mode;
    this.language = snapshot.language;
    if (started || relabelled) this.restart();
  }

  hostDisconnected(): void {
    this.clear();
  }

  private restart(): void {
    this.clear();
    this.fresh = true;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.fresh = false;
      this.host.requestUpdate();
    }, HINTS_MS);
  }

  private clear(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
