// "Which kiosk is this?": every panel LED blinks fast and the page shows the
// kiosk id for a while, then the LEDs go back to what the page asked for.
// The LED feedback keeps publishing its modes meanwhile; the latest of them
// is what the panel gets back at the end.

import type { BridgeMessage } from '../api/messages.js';
import { Subscriptions, type EventBus } from '../core/event-bus.js';
import { LED } from '../input/led-feedback.js';

export interface IdentifyBlinkOptions {
  bus: EventBus;
  kioskId: string;
  /** How many LEDs the panel has (its buttons). */
  ledCount: number;
  /** Sends to every page; returns how many got it. */
  toPage: (message: BridgeMessage) => number;
}

export class IdentifyBlink {
  private readonly subscriptions: Subscriptions;
  private timer: NodeJS.Timeout | null = null;
  /** The LED modes the rest of the bridge wants, to restore afterwards. */
  private wanted: number[] | null = null;
  private emitting = false;

  constructor(private readonly options: IdentifyBlinkOptions) {
    this.subscriptions = new Subscriptions(options.bus);
  }

  get active(): boolean {
    return this.timer !== null;
  }

  start(): void {
    if (this.subscriptions.size > 0) return;
    // panel.leds is a state event: the modes set before this started arrive at once.
    this.subscriptions.on('panel.leds', ({ modes }) => {
      if (!this.emitting) this.wanted = modes;
    });
  }

  /** Blinks and shows the id for `seconds` (again from now when already on); returns how many pages show it. */
  identify(seconds: number): number {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.end(), seconds * 1000);
    this.setLeds(new Array<number>(this.wanted?.length ?? this.options.ledCount).fill(LED.fastBlink));
    return this.options.toPage({ type: 'identify', kioskId: this.options.kioskId, seconds });
  }

  private end(): void {
    this.timer = null;
    this.setLeds(this.wanted ?? new Array<number>(this.options.ledCount).fill(LED.off));
  }

  private setLeds(modes: number[]): void {
    this.emitting = true;
    try {
      this.options.bus.emit('panel.leds', { modes });
    } finally {
      this.emitting = false;
    }
  }

  /** Ends a blink in progress (the LEDs go back) and the subscription. */
  stop(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.end();
    }
    this.subscriptions.release();
  }
}
