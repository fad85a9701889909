// The page's own inputs, as a Lit reactive controller: the keyboard and a
// presentation clicker (on the window), and what the overlays ask for (a tap
// on the scenario strip, the maintenance screen's roll-back), as events
// bubbling to the host. Listening only while the host is in the page. (Drags
// on the map are the scene controller's.)

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Intent } from '../../firmware-bridge/api/messages.js';
import { KeyboardInput } from '../input/keyboard-input.js';
import type { DisplayToggle } from './display-options.js';

export interface InputControllerOptions {
  onIntent: (intent: Intent, source: 'keyboard' | 'touch') => void;
  /** A staff key for a display option. */
  onToggle: (which: DisplayToggle) => void;
  onRollback: () => void;
}

export class InputController implements ReactiveController {
  private keyboard: KeyboardInput | null = null;
  private readonly onTouchIntent = (event: Event): void => this.options.onIntent((event as CustomEvent<Intent>).detail, 'touch');
  private readonly onRollback = (): void => this.options.onRollback();

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: InputControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.keyboard = new KeyboardInput(window, (intent) => this.options.onIntent(intent, 'keyboard'), (toggle) => this.options.onToggle(toggle));
    this.host.addEventListener('kiosk-intent', this.onTouchIntent);
    this.host.addEventListener('kiosk-rollback', this.onRollback);
  }

  hostDisconnected(): void {
    this.keyboard?.dispose();
    this.keyboard = null;
    this.host.removeEventListener('kiosk-intent', this.onTouchIntent);
    this.host.removeEventListener('kiosk-rollback', this.onRollback);
  }
}
