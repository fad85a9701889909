// What happens when nobody is there, as a Lit reactive controller: in the
// attract loop the map drifts from scenario to scenario; in the other modes
// the idle timer waits for a quiet spell, shows a "still there?" countdown
// and then starts over. Armed when the host joins the page, stopped when it
// leaves; no timer outlives the element.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AttractLoop } from './attract-loop.js';
import type { ExhibitState } from './exhibit-state.js';
import { IdleTimer, type IdlePolicy } from './idle-timer.js';

export interface IdleControllerOptions {
  state: ExhibitState;
  /** The bridge's idle reset for a visitor's scenario, in seconds. */
  idleResetS: () => number;
  reducedMotion: () => boolean;
}

const COUNTDOWN_S = 10;
const MAINTENANCE_IDLE_MS = 60_000;
/** The attract loop's dwell per scenario; calmer when motion is reduced. */
const DWELL_MS = 14_000;
const REDUCED_DWELL_MS = 22_000;

export class IdleController implements ReactiveController {
  private readonly timer: IdleTimer;
  private readonly attract: AttractLoop;
  private secondsLeft: number | null = null;
  private connected = false;

  constructor(
    host: ReactiveControllerHost,
    private readonly options: IdleControllerOptions,
  ) {
    const { state } = options;
    this.timer = new IdleTimer({
      policy: () => this.policy(),
      onCountdown: (seconds) => {
        this.secondsLeft = seconds;
        host.requestUpdate();
      },
      // Maintenance closes back to where it was; anything else starts over.
      onTimeout: () => (state.current.mode === 'maintenance' ? state.apply({ kind: 'maintenance' }) : state.reset()),
    });
    this.attract = new AttractLoop({ drift: () => state.drift() });
    host.addController(this);
  }

  /** Seconds left on the "still there?" countdown, null when none shows. */
  get countdown(): number | null {
    return this.secondsLeft;
  }

  hostConnected(): void {
    this.connected = true;
    this.modeChanged();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.timer.dispose();
    this.attract.stop();
  }

  /** Someone is there: any countdown ends and the quiet spell starts again. */
  activity(): void {
    if (this.connected) this.timer.activity();
  }

  /** The mode changed (or the host is back): arm what applies to the mode now on screen. */
  modeChanged(): void {
    if (!this.connected) return;
    this.timer.activity();
    if (this.options.state.current.mode === 'attract') this.attract.run(this.dwell());
    else this.attract.stop();
  }

  /** Reduced motion changed: a running loop takes the new dwell. */
  motionChanged(): void {
    if (this.attract.running) this.attract.run(this.dwell());
  }

  private dwell(): number {
    return this.options.reducedMotion() ? REDUCED_DWELL_MS : DWELL_MS;
  }

  private policy(): IdlePolicy | null {
    switch (this.options.state.current.mode) {
      case 'scenario':
        return { idleMs: this.options.idleResetS() * 1000, countdownS: COUNTDOWN_S };
      case 'maintenance':
        return { idleMs: MAINTENANCE_IDLE_MS, countdownS: 0 };
      default:
        // The attract loop has nothing to reset; a class is never cut short.
        return null;
    }
  }
}
