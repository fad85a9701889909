// The author's tour: every scenario in turn, a few seconds each, through the
// exhibit's own intents (as a visitor's button would), until the last one or
// a stop. One timer at most, cleared on stop.

import type { Intent } from '../../firmware-bridge/api/messages.js';

/** Long enough to read the title and see the camera settle. */
export const TOUR_STEP_MS = 6000;

/** `?tour=SECONDS` in the studio's address: the author's own pace, 1 to 60 s a scenario. */
export function tourStepMs(search: string): number {
  const seconds = Number(new URLSearchParams(search).get('tour'));
  return Number.isFinite(seconds) && seconds >= 1 && seconds <= 60 ? Math.round(seconds * 1000) : TOUR_STEP_MS;
}

export interface TourOptions {
  count: () => number;
  intent: (intent: Intent) => void;
  /** Told when the tour starts or ends, to redraw the button. */
  changed: () => void;
  stepMs?: number;
}

export class AuthorTour {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private index = -1;

  constructor(private readonly options: TourOptions) {}

  get running(): boolean {
    return this.timer !== null;
  }

  /** The scenario the tour is on (0-based), or -1 when it is not running. */
  get step(): number {
    return this.running ? this.index : -1;
  }

  start(): void {
    this.stop();
    this.index = -1;
    this.advance();
  }

  stop(): void {
    if (this.timer === null) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.options.changed();
  }

  private advance(): void {
    this.timer = null;
    this.index += 1;
    if (this.index >= this.options.count()) {
      this.options.changed();
      return;
    }
    this.options.intent({ kind: 'scenario', index: this.index });
    this.timer = setTimeout(() => this.advance(), this.options.stepMs ?? TOUR_STEP_MS);
    this.options.changed();
  }
}
