// The panel's backlights follow the page. In attract mode the buttons of the
// scenarios the pack has blink slowly, inviting a press; once a scenario is
// on screen its button is lit steadily and the others go dark; previous,
// next and language-like buttons are lit whenever they do something; in
// maintenance every button blinks fast, so a technician sees each LED work.
// Only changes are sent.

import type { PageMessage } from '../api/messages.js';
import type { Capability } from '../core/capability.js';
import { Subscriptions, type EventBus } from '../core/event-bus.js';
import { DEFAULT_CONTROLS, type ControlConfig } from './control-map.js';

export const LED = { off: 0, on: 1, slowBlink: 2, fastBlink: 3 } as const;

type View = Extract<PageMessage, { type: 'view' }>;

export interface LedFeedbackOptions {
  bus: EventBus;
  controls?: ControlConfig;
}

/** The LED modes for a view; pure, so the layout rules are tested directly. */
export function ledModes(controls: ControlConfig, view: Pick<View, 'mode' | 'scenarioIndex'>, scenarioCount: number | null): number[] {
  const modes = new Array<number>(controls.map.buttons).fill(LED.off);
  if (view.mode === 'maintenance') return modes.fill(LED.fastBlink);
  for (const binding of controls.map.bindings) {
    if (binding.control !== 'button') continue;
    if (binding.intent === 'scenario') {
      const scenario = binding.scenario ?? 0;
      if (scenarioCount !== null && scenario >= scenarioCount) continue;
      if (view.mode === 'attract') modes[binding.index] = LED.slowBlink;
      else if (scenario === view.scenarioIndex) modes[binding.index] = LED.on;
    } else if (binding.intent === 'previous' || binding.intent === 'next') {
      // Stepping through scenarios makes sense once one is on screen.
      if (view.mode !== 'attract') modes[binding.index] = LED.on;
    } else if (binding.intent !== 'maintenance') {
      modes[binding.index] = LED.on;
    }
  }
  return modes;
}

export class LedFeedback implements Capability {
  readonly name = 'led-feedback';
  private readonly bus: EventBus;
  private readonly controls: ControlConfig;
  private view: View | null = null;
  private scenarioCount: number | null = null;
  private last = '';
  private readonly subscriptions: Subscriptions;

  constructor(options: LedFeedbackOptions) {
    this.bus = options.bus;
    this.controls = options.controls ?? DEFAULT_CONTROLS;
    this.subscriptions = new Subscriptions(options.bus);
  }

  async start(): Promise<void> {
    if (this.subscriptions.size > 0) return;
    // pack.changed is a state event: the pack the store announced before this started arrives at once.
    this.subscriptions
      .on('pack.changed', ({ pack }) => {
        this.scenarioCount = pack.scenarios.length;
        this.update();
      })
      .on('page.message', (message) => {
        if (message.type !== 'view') return;
        this.view = message;
        this.update();
      });
  }

  async stop(): Promise<void> {
    this.subscriptions.release();
    this.last = '';
  }

  private update(): void {
    if (!this.view) return;
    const modes = ledModes(this.controls, this.view, this.scenarioCount);
    const key = modes.join(',');
    if (key === this.last) return;
    this.last = key;
    this.bus.emit('panel.leds', { modes });
  }
}
