// The base of every overlay: a render that throws shows nothing for that
// overlay (never a stack trace) and tells the app, which logs it to the
// bridge and carries on. Not an element itself.

import { LitElement, nothing } from 'lit';

export interface KioskErrorDetail {
  source: string;
  message: string;
}

export abstract class SafeElement extends LitElement {
  /** What the element draws; errors here are contained. */
  protected abstract renderSafely(): unknown;

  override render(): unknown {
    try {
      return this.renderSafely();
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      this.dispatchEvent(
        new CustomEvent<KioskErrorDetail>('kiosk-error', { detail: { source: this.localName, message }, bubbles: true, composed: true }),
      );
      return nothing;
    }
  }
}
