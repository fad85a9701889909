// Shared by the <crossroads-app> suites: the bridge's greeting for a pack,
// and the element mounted as the kiosk page mounts it.

import type { PackManifest } from '../../../content/schema/pack-types.js';
import type { BridgeMessage } from '../../../firmware-bridge/api/messages.js';
import '../../../kiosk/app/crossroads-app.js';

/** What the bridge sends a page first: the pack, the panel, the board, the idle reset. */
export const hello = (pack: PackManifest): BridgeMessage => ({
  type: 'hello',
  bridgeVersion: '0.1.0',
  kioskVersion: '0.1.0',
  pack,
  packInfo: { id: pack.id, version: pack.version, source: 'built-in', installedAt: null },
  controls: { buttons: 8, knobs: 2, bindings: [] },
  board: { connected: false, simulated: true, boardId: null, firmware: null, lastSeenMs: null, port: null, framesDropped: {}, losses: { silence: 0, unplugged: 0, error: 0, protocol: 0 } },
  idleResetS: 90,
});

/** A <crossroads-app> covering the viewport, with these attributes, not yet in the page. */
export function makeApp(attributes: Record<string, string>): HTMLElementTagNameMap['crossroads-app'] {
  const app = document.createElement('crossroads-app');
  for (const [name, value] of Object.entries(attributes)) app.setAttribute(name, value);
  app.style.cssText = 'position:fixed;inset:0';
  return app;
}
