// What a fleet operator can ask of the page: show this kiosk's id for a few
// seconds (to find it among many), and switch the mode. The mode goes
// through the exhibit's own state changes, so the page behaves as if a
// teacher or the idle reset had done it.

import type { RemoteMode } from '../../firmware-bridge/api/messages.js';
import type { ExhibitState } from './exhibit-state.js';

export class FleetNotice {
  /** The id on screen now, or null. */
  kioskId: string | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly changed: () => void) {}

  identify(kioskId: string, seconds: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.kioskId = kioskId;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kioskId = null;
      this.changed();
    }, Math.max(1, Math.min(300, seconds)) * 1000);
    this.changed();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.kioskId = null;
  }
}

/** Puts the exhibit in the mode an operator asked for. */
export function applyRemoteMode(state: ExhibitState, mode: RemoteMode): void {
  if (mode === 'attract') {
    state.reset();
    return;
  }
  // The maintenance screen ignores everything but its own way out, so that goes first.
  if (state.current.mode === 'maintenance') state.apply({ kind: 'maintenance' });
  if (mode === 'class' && state.current.mode !== 'class') state.apply({ kind: 'class-mode' });
}
