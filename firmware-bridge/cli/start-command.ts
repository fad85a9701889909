// `crossroads start`: runs the bridge until SIGTERM or SIGINT.

import { parseArgs } from 'node:util';
import { Controller } from '../main/controller.js';
import { FLEET_START_OPTIONS, fleetFromFlags } from '../fleet/fleet-flags.js';
import { createLogger, isLogLevel } from '../core/logger.js';
import { projectPaths } from '../core/project-paths.js';
import { ListenError } from '../http/kiosk-server.js';
import { parseRestartCommand } from '../health/page-watchdog.js';
import { loadSiteControls } from '../input/control-map.js';
import { defaultDataDir, isInstalled } from '../packs/data-dir.js';
import { PackError } from '../packs/pack-store.js';
import { UsageError, type CliIo } from './cli-io.js';

// main() loads each command's `run`.
export { runStart as run };

export async function runStart(args: string[], io: CliIo): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '8080' },
        host: { type: 'string', default: '127.0.0.1' },
        serial: { type: 'string', default: 'auto' },
        data: { type: 'string' },
        media: { type: 'string', default: '/media' },
        'allow-unsigned': { type: 'boolean', default: false },
        'idle-reset': { type: 'string', default: '90' },
        'log-level': { type: 'string', default: 'info' },
        'restart-browser': { type: 'string', default: '' },
        'page-stall': { type: 'string', default: '30' },
        ...FLEET_START_OPTIONS,
      },
      strict: true,
    }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, not ${values.port}`);
  const idleResetS = Number(values['idle-reset']);
  if (!Number.isFinite(idleResetS) || idleResetS < 10) throw new UsageError('--idle-reset must be at least 10 seconds');
  const level = values['log-level'];
  if (!isLogLevel(level)) throw new UsageError('--log-level must be debug, info, warn or error');

  const pageStallS = Number(values['page-stall']);
  if (!Number.isFinite(pageStallS) || pageStallS < 5) throw new UsageError('--page-stall must be at least 5 seconds');
  let fleet;
  try {
    fleet = fleetFromFlags(values);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const paths = projectPaths();
  const log = createLogger({ level, write: (line) => io.stderr.write(line + '\n') });
  const dataDir = values.data ?? defaultDataDir();
  const controller = new Controller({
    log,
    host: values.host,
    port,
    serial: values.serial,
    dataDir,
    controls: await loadSiteControls(dataDir, log.child('controls')),
    mediaDir: values.media,
    kioskDir: paths.kioskDir,
    builtInPackDir: paths.builtInPackDir,
    version: paths.version,
    allowUnsigned: values['allow-unsigned'],
    idleResetS,
    pageStallMs: pageStallS * 1000,
    // In a checkout with no board, `npm start` should still be playable; an installed kiosk waits for its board.
    simulateWhenAbsent: !isInstalled(),
    restartBrowser: parseRestartCommand(values['restart-browser']),
    commands: process.stdin,
    fleet,
  });
  try {
    await controller.start();
  } catch (error) {
    if (error instanceof ListenError) {
      io.stderr.write(`crossroads: ${error.message}\n`);
      return 1;
    }
    if (error instanceof PackError) {
      io.stderr.write(`crossroads: cannot use the pack at ${error.path}: ${error.reasons.join('; ')}\n`);
      return 1;
    }
    throw error;
  }
  io.stdout.write(`Caspian Crossroads is running: open ${controller.server.url()}\n`);

  await new Promise<void>((resolve) => {
    const finish = (): void => {
      process.off('SIGTERM', finish);
      process.off('SIGINT', finish);
      resolve();
    };
    process.on('SIGTERM', finish);
    process.on('SIGINT', finish);
  });
  log.info('stopping');
  await controller.stop();
  return 0;
}
