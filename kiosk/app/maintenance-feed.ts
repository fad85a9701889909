// What the bridge has told the page about itself, for the maintenance screen
// and the panel hints: controls, board, packs, errors, USB install. Kept apart
// from ExhibitState (what visitors see) so maintenance data never moves the map.

import type { BoardStatus, BridgeLogLine, BridgeMessage, ControlMap, InstallStatus, PackInfo } from '../../firmware-bridge/api/messages.js';

export class MaintenanceFeed {
  controls: ControlMap | null = null;
  board: BoardStatus | null = null;
  packInfo: PackInfo | null = null;
  packs: PackInfo[] | null = null;
  errors: BridgeLogLine[] = [];
  install: InstallStatus | null = null;
  idleResetS = 90;

  /** Takes what concerns it from a bridge message; true when something changed. */
  take(message: BridgeMessage): boolean {
    switch (message.type) {
      case 'hello':
        this.controls = message.controls;
        this.board = message.board;
        this.packInfo = message.packInfo;
        this.idleResetS = message.idleResetS;
        return true;
      case 'pack':
        this.packInfo = message.packInfo;
        return true;
      case 'board':
        this.board = message.board;
        return true;
      case 'packs':
        this.packs = Array.isArray(message.packs) ? message.packs : null;
        return true;
      case 'errors':
        this.errors = Array.isArray(message.errors) ? message.errors : [];
        return true;
      case 'install':
        this.install = message.install;
        return true;
      default:
        return false;
    }
  }
}
