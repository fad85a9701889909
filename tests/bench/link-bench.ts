// Link round trip: PING to PONG over the pseudo-terminal with the bridge's own
// BoardLink (serialport, line splitter, frame codec), against its own virtual
// board so that nothing else shares the port.

import { createLogger } from '../../firmware-bridge/core/logger.js';
import { BoardLink } from '../../firmware-bridge/serial/board-link.js';
import { VirtualBoardProcess } from '../firmware-bridge/helpers/virtual-board-process.js';
import { dropWarmup, summarize } from './bench-stats.js';
import { summaryRow, type BenchRow } from './bench-table.js';

export interface LinkOptions {
  pings: number;
  warmup: number;
}

export async function benchLink(options: LinkOptions): Promise<BenchRow[]> {
  const board = await VirtualBoardProcess.start();
  let link: BoardLink | null = null;
  try {
    link = await BoardLink.connect({ path: board.pty, log: createLogger({ level: 'error', write: () => undefined }) });
    const times: number[] = [];
    for (let i = 0; i < options.warmup + options.pings; i++) times.push(await link.ping());
    const summary = summarize(dropWarmup(times, options.warmup));
    return [summaryRow('link', 'PING -> PONG round trip over the pty', 'ms', summary, 'BoardLink.ping()')];
  } finally {
    await link?.close();
    await board.close();
  }
}
