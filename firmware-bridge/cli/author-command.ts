// `crossroads author DIR [--port N]`: the pack author's studio. Serves the
// exhibit on loopback with the pack in DIR (unsigned, here only), watches DIR
// and swaps each good save into the open page; problems go to the terminal
// and to the author panel on the page. Nothing in DIR is ever run.
// With `--proof FILE.html` it writes the curator's proof sheet instead (every
// scenario in every language, pictured by the page in headless Chromium) and
// exits.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AuthorSession } from '../author/author-session.js';
import { createLogger, isLogLevel, type LogLevel } from '../core/logger.js';
import { projectPaths } from '../core/project-paths.js';
import { ListenError } from '../http/kiosk-server.js';
import { Controller } from '../main/controller.js';
import { ProofError, takeProof } from '../author/proof-run.js';
import { proofSheet } from '../author/proof-sheet.js';
import { UsageError, type CliIo } from './cli-io.js';

export const AUTHOR_USAGE = 'usage: crossroads author DIR [--port 8090] [--proof FILE.html] [--log-level warn]';

/** An author's session is long and nobody is a visitor: no idle reset to the attract loop for a day. */
const AUTHOR_IDLE_S = 24 * 3600;

function options(args: string[]): { dir: string; port: number; level: LogLevel; proof: string | null } {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { port: { type: 'string', default: '8090' }, proof: { type: 'string' }, 'log-level': { type: 'string', default: 'warn' } } });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${AUTHOR_USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw new UsageError(`needs exactly one pack folder\n${AUTHOR_USAGE}`);
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be 0..65535, not ${values.port}`);
  const level = values['log-level'];
  if (!isLogLevel(level)) throw new UsageError('--log-level must be debug, info, warn or error');
  if (values.proof !== undefined && !values.proof.endsWith('.html')) throw new UsageError(`--proof writes an HTML page: give a FILE.html, not ${values.proof}`);
  return { dir: resolve(positionals[0]!), port: values.proof !== undefined ? 0 : port, level, proof: values.proof === undefined ? null : resolve(values.proof) };
}

export async function run(args: string[], io: CliIo): Promise<number> {
  const { dir, port, level, proof } = options(args);
  const paths = projectPaths();
  const log = createLogger({ level, write: (line) => io.stderr.write(line + '\n') });
  // A scratch data folder: the studio installs nothing and counts no visits on a real kiosk's.
  const scratch = await mkdtemp(join(tmpdir(), 'crossroads-author-'));
  const controller = new Controller({
    log,
    host: '127.0.0.1',
    port,
    serial: 'none',
    dataDir: scratch,
    mediaDir: join(scratch, 'media'),
    kioskDir: paths.kioskDir,
    builtInPackDir: paths.builtInPackDir,
    version: paths.version,
    allowUnsigned: false,
    idleResetS: AUTHOR_IDLE_S,
    pageStallMs: AUTHOR_IDLE_S * 1000,
    restartBrowser: null,
    commands: null,
  });
  const session = new AuthorSession({
    dir,
    bus: controller.bus,
    log: log.child('author'),
    kioskVersion: paths.version,
    toPage: (message) => void controller.socket.sendToPages(message),
    print: (line) => io.stdout.write(line + '\n'),
  });
  try {
    await controller.start();
    await session.start();
  } catch (error) {
    await session.stop();
    await controller.stop();
    await rm(scratch, { recursive: true, force: true });
    if (error instanceof ListenError) {
      io.stderr.write(`crossroads author: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (proof) {
    const code = await writeProof(session, controller.server.url(), proof, io);
    await session.stop();
    await controller.stop();
    await rm(scratch, { recursive: true, force: true });
    return code;
  }
  io.stdout.write(`authoring ${dir}: open ${controller.server.url()} (every save is checked and shown; Ctrl-C stops)\n`);
  await new Promise<void>((resolveStop) => {
    const finish = (): void => {
      process.off('SIGTERM', finish);
      process.off('SIGINT', finish);
      resolveStop();
    };
    process.on('SIGTERM', finish);
    process.on('SIGINT', finish);
  });
  await session.stop();
  await controller.stop();
  await rm(scratch, { recursive: true, force: true });
  return 0;
}

/** The proof sheet of the pack on screen; 1, with one line, when there is none or the browser cannot take it. */
async function writeProof(session: AuthorSession, url: string, file: string, io: CliIo): Promise<number> {
  const pack = session.last.state === 'ok' ? session.pack : null;
  if (!pack) {
    io.stderr.write('crossroads author: no proof sheet: the pack has errors (listed above)\n');
    return 1;
  }
  try {
    const { shots, hidden } = await takeProof(url, pack);
    await writeFile(file, proofSheet(pack, shots, hidden, new Date()));
    io.stdout.write(`proof sheet: ${file} (${shots.length} screenshots; ${hidden.length} places hidden under an overlay)\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof ProofError)) throw error;
    io.stderr.write(`crossroads author: ${error.message}\n`);
    return 1;
  }
}
