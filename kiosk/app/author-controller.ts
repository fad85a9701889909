// The author's studio on <crossroads-app>, as a reactive controller: it is
// idle on a kiosk and becomes active with the first `author` message (sent
// only by `crossroads author`). Then it owns one <author-panel>, placed beside
// the app so the app's own view is untouched, and removes it when the host
// leaves the page. While active, the app takes a new pack at once.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BridgeMessage } from '../../firmware-bridge/api/messages.js';
import { AuthorPanel, type AuthorStatus } from '../ui/author-panel.js';

export class AuthorController implements ReactiveController {
  private panel: AuthorPanel | null = null;
  private status: AuthorStatus | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly language: () => string,
  ) {
    host.addController(this);
  }

  /** True once the bridge said this page is an author's preview. */
  get active(): boolean {
    return this.status !== null;
  }

  take(message: BridgeMessage): void {
    if (message.type !== 'author') return;
    this.status = message;
    this.show();
  }

  hostUpdated(): void {
    if (this.panel && this.panel.language !== this.language()) this.panel.language = this.language();
  }

  hostConnected(): void {
    if (this.status) this.show();
  }

  hostDisconnected(): void {
    this.panel?.remove();
    this.panel = null;
  }

  private show(): void {
    if (!this.host.isConnected) return;
    if (!this.panel) {
      this.panel = document.createElement('author-panel');
      this.host.after(this.panel);
    }
    this.panel.status = this.status;
    this.panel.language = this.language();
  }
}
