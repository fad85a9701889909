// Holds the data folder's lock in its own process until SIGTERM (then
// releases it) or SIGKILL (then leaves it behind, stale), so a test can put
// another writer beside the bridge and the `crossroads pack` command.
// usage: node lock-holder.js DATA

import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { DataLock } from '../../../../firmware-bridge/packs/data-lock.js';

const [dataDir] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: lock-holder.ts DATA\n');
  process.exit(2);
}
const held = await new DataLock(join(dataDir, 'packs.lock'), 'a test holder').acquire({ waitMs: 10_000 });
writeSync(1, `held ${process.pid}\n`);
// The event loop needs something to wait on; the signal handler ends it.
const keepAlive = setInterval(() => undefined, 60_000);
process.once('SIGTERM', () => {
  void held.release().then(() => {
    writeSync(1, 'released\n');
    clearInterval(keepAlive);
  });
});
