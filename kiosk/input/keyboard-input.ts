// Keyboard and presentation clicker: the exhibit must work without the panel.
// Number keys pick scenarios, arrows turn the knobs, PageUp/PageDown (what a
// clicker sends) step through scenarios, B (a clicker's "blank" key) is info,
// N plays or stops the narration, + and - set its volume, P enlarges the picture.
// H, T and R are the staff's display toggles: high contrast, large text,
// reduced motion (no modifier: Chromium in kiosk mode reserves some Ctrl keys).

import type { Intent } from '../../firmware-bridge/api/messages.js';
import type { DisplayToggle } from '../app/display-options.js';

type KeyLike = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'altKey' | 'metaKey' | 'shiftKey'>;

export function displayToggleForKey(event: KeyLike): DisplayToggle | null {
  if (event.altKey || event.metaKey || event.ctrlKey) return null;
  switch (event.key) {
    case 'h':
    case 'H':
      return 'contrast';
    case 't':
    case 'T':
      return 'text';
    case 'r':
    case 'R':
      return 'motion';
    default:
      return null;
  }
}

export function intentForKey(event: KeyLike): Intent | null {
  if (event.altKey || event.metaKey) return null;
  const key = event.key;
  if (event.ctrlKey) {
    if (key === 'm' || key === 'M') return { kind: 'maintenance' };
    if (key === 'k' || key === 'K') return { kind: 'class-mode' };
    return null;
  }
  if (/^[1-9]$/.test(key)) return { kind: 'scenario', index: Number(key) - 1 };
  switch (key) {
    case 'PageDown':
    case ' ':
    case 'Enter':
      return { kind: 'next' };
    case 'PageUp':
    case 'Backspace':
      return { kind: 'previous' };
    case 'ArrowRight':
      return { kind: 'timeline', delta: 1 };
    case 'ArrowLeft':
      return { kind: 'timeline', delta: -1 };
    case 'ArrowUp':
      return { kind: 'zoom', delta: 1 };
    case 'ArrowDown':
      return { kind: 'zoom', delta: -1 };
    case ',':
    case '<':
      return { kind: 'orbit', delta: -1 };
    case '.':
    case '>':
      return { kind: 'orbit', delta: 1 };
    case 'l':
    case 'L':
      return { kind: 'language' };
    case 'i':
    case 'I':
    case 'b':
    case 'B':
      return { kind: 'info' };
    case 'n':
    case 'N':
      return { kind: 'narration' };
    case 'p':
    case 'P':
      return { kind: 'picture' };
    case '+':
    case '=':
      return { kind: 'volume', delta: 1 };
    case '-':
      return { kind: 'volume', delta: -1 };
    default:
      return null;
  }
}

/** Listens on a target (the window) and hands intents over; dispose() detaches. */
export class KeyboardInput {
  private readonly listener = (event: Event): void => {
    const keyEvent = event as KeyboardEvent;
    if (keyEvent.repeat && keyEvent.key !== 'ArrowLeft' && keyEvent.key !== 'ArrowRight') return;
    const toggle = keyEvent.repeat ? null : displayToggleForKey(keyEvent);
    if (toggle && this.onDisplay) {
      keyEvent.preventDefault();
      this.onDisplay(toggle);
      return;
    }
    const intent = intentForKey(keyEvent);
    if (!intent) return;
    keyEvent.preventDefault();
    this.onIntent(intent);
  };

  constructor(
    private readonly target: EventTarget,
    private readonly onIntent: (intent: Intent) => void,
    private readonly onDisplay?: (toggle: DisplayToggle) => void,
  ) {
    target.addEventListener('keydown', this.listener);
  }

  dispose(): void {
    this.target.removeEventListener('keydown', this.listener);
  }
}
