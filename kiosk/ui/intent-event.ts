// Overlays that can be touched ask for an intent with a bubbling event; the
// app applies it exactly as if it came from the panel.

import type { Intent } from '../../firmware-bridge/api/messages.js';

export function intentEvent(intent: Intent): CustomEvent<Intent> {
  return new CustomEvent<Intent>('kiosk-intent', { detail: intent, bubbles: true, composed: true });
}
