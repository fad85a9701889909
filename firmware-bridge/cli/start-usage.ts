// `crossroads start`'s usage line, apart from the command itself, so that
// `crossroads --help` and the other commands load no bridge code for it.

import { FLEET_START_USAGE } from '../fleet/fleet-flags.js';

export const START_USAGE =
  'usage: crossroads start [--port 8080] [--host 127.0.0.1] [--serial auto|none|simulated|PATH] [--data DIR] [--media DIR] [--allow-unsigned] [--idle-reset SECONDS] [--page-stall SECONDS] [--restart-browser COMMAND] [--log-level info] ' + FLEET_START_USAGE;
