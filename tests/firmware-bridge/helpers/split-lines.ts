// Runs chunks of raw bytes through a LineSplitter and collects what comes out.

import { LineSplitter, type LineSplitterOptions } from '../../../firmware-bridge/serial/line-splitter.js';

export async function splitLines(chunks: Buffer[], options: LineSplitterOptions = {}): Promise<{ lines: string[]; overlong: number }> {
  const splitter = new LineSplitter(options);
  const lines: string[] = [];
  let events = 0;
  splitter.on('overlong', () => events++);
  const done = (async () => {
    for await (const line of splitter) lines.push(line as string);
  })();
  for (const chunk of chunks) splitter.write(chunk);
  splitter.end();
  await done;
  if (events !== splitter.overlongCount) throw new Error(`overlong events ${events} != count ${splitter.overlongCount}`);
  return { lines, overlong: splitter.overlongCount };
}

/** Every way to cut `bytes` in two (plus the uncut and one-byte-at-a-time forms). */
export function everySplit(bytes: Buffer): Buffer[][] {
  const ways: Buffer[][] = [[bytes]];
  for (let at = 1; at < bytes.length; at++) ways.push([bytes.subarray(0, at), bytes.subarray(at)]);
  ways.push(Array.from(bytes, (b) => Buffer.from([b])));
  return ways;
}
