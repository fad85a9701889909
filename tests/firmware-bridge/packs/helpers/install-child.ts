// Runs one pack install in its own process, printing each progress step as
// a line at once, so a test can kill it with SIGKILL at a chosen moment.
// usage: node --import tsx install-child.ts DATA BUILT_IN ZIP

import { writeSync } from 'node:fs';
import { EventBus } from '../../../../firmware-bridge/core/event-bus.js';
import { createLogger } from '../../../../firmware-bridge/core/logger.js';
import { PackStore } from '../../../../firmware-bridge/packs/pack-store.js';

const [dataDir, builtInDir, zip] = process.argv.slice(2);
if (!dataDir || !builtInDir || !zip) {
  process.stderr.write('usage: install-child.ts DATA BUILT_IN ZIP\n');
  process.exit(2);
}
const store = new PackStore({
  bus: new EventBus(),
  log: createLogger({ level: 'error' }),
  dataDir,
  builtInDir,
  kioskVersion: '0.1.0',
});
writeSync(1, 'ready\n');
const result = await store.install(zip, (fraction, step) => writeSync(1, `${fraction.toFixed(4)} ${step}\n`));
writeSync(1, `result ${result.status}\n`);
