// window.crossroads (the read-only view of the page for tests and
// benchmarks), as a Lit reactive controller: defined while the host is in the
// page and removed when it leaves, so a moved element's hook follows it.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { installPageHooks, type PageHookSource } from '../hooks/page-hooks.js';

export class HooksController implements ReactiveController {
  private remove: (() => void) | null = null;

  constructor(
    host: ReactiveControllerHost,
    private readonly source: PageHookSource,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.remove = installPageHooks(window, this.source);
  }

  hostDisconnected(): void {
    this.remove?.();
    this.remove = null;
  }
}
