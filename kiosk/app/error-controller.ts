// Errors on the page, as a Lit reactive controller: an uncaught error or
// rejection, or an overlay that failed to draw (`kiosk-error`), goes to the
// bridge's log and never to the screen; a burst of failed draws starts the
// exhibit over. It owns the window's and the host's listeners for them.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { KioskErrorDetail } from '../ui/safe-element.js';

export interface ErrorControllerOptions {
  log: (level: 'warn' | 'error', message: string) => void;
  /** Something keeps failing: show the exhibit from the start rather than a broken screen. */
  startOver: () => void;
}

/** Component errors within this window that make the exhibit start over. */
const ERROR_BURST = { count: 3, windowMs: 30_000 };

export class ErrorController implements ReactiveController {
  private errorTimes: number[] = [];
  private readonly onError = (event: ErrorEvent | PromiseRejectionEvent): void => {
    const reason = 'reason' in event ? event.reason : event.error ?? event.message;
    this.options.log('error', reason instanceof Error ? `${reason.name}: ${reason.message}` : String(reason));
    // The visitor sees the exhibit carry on; the bridge's log has the details.
    event.preventDefault();
  };
  private readonly onComponentError = (event: Event): void => {
    const { source, message } = (event as CustomEvent<KioskErrorDetail>).detail;
    this.options.log('error', `<${source}> failed to draw: ${message}`);
    const now = Date.now();
    this.errorTimes = [...this.errorTimes.filter((t) => now - t < ERROR_BURST.windowMs), now];
    if (this.errorTimes.length >= ERROR_BURST.count) {
      this.errorTimes = [];
      queueMicrotask(() => this.options.startOver());
    }
  };

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly options: ErrorControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('error', this.onError);
    window.addEventListener('unhandledrejection', this.onError);
    this.host.addEventListener('kiosk-error', this.onComponentError);
  }

  hostDisconnected(): void {
    window.removeEventListener('error', this.onError);
    window.removeEventListener('unhandledrejection', this.onError);
    this.host.removeEventListener('kiosk-error', this.onComponentError);
  }
}
