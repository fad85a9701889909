// The overlays' state on <crossroads-app>, as a Lit reactive controller: what
// the bridge says about itself (the MaintenanceFeed: controls, board, packs,
// errors, a USB install) and a fleet operator's identify notice, whose timer
// it releases when the host leaves. Any change asks the host to render.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { BridgeMessage } from '../../firmware-bridge/api/messages.js';
import { FleetNotice } from './fleet-notice.js';
import { MaintenanceFeed } from './maintenance-feed.js';

export class OverlaysController implements ReactiveController {
  readonly feed = new MaintenanceFeed();
  /** A fleet operator's identify: the kiosk id on screen for a while. */
  private readonly notice: FleetNotice;

  constructor(private readonly host: ReactiveControllerHost) {
    this.notice = new FleetNotice(() => host.requestUpdate());
    host.addController(this);
  }

  /** The kiosk id an operator asked to show, or null. */
  get kioskId(): string | null {
    return this.notice.kioskId;
  }

  /** Takes what concerns the overlays from a bridge message. */
  take(message: BridgeMessage): void {
    if (this.feed.take(message)) this.host.requestUpdate();
    if (message.type === 'identify') this.notice.identify(message.kioskId, message.seconds);
  }

  hostDisconnected(): void {
    this.notice.dispose();
  }
}
