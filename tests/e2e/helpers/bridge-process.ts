// Starts the real bridge (`crossroads start`, compiled) as a child process on
// a free port with a scratch data folder, and stops it with SIGTERM.

import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../../firmware-bridge/bin/crossroads.js', import.meta.url));

export interface BridgeProcess {
  url: string;
  child: ChildProcessWithoutNullStreams;
  dataDir: string;
  /** Everything the bridge wrote to stdout and stderr so far. */
  output(): string;
  /** Writes a simulated-panel command line to the bridge's stdin. */
  command(line: string): void;
  waitForOutput(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  stop(): Promise<number | null>;
}

export async function startBridge(extraArgs: string[] = [], options: { dataDir?: string; env?: NodeJS.ProcessEnv } = {}): Promise<BridgeProcess> {
  const ownData = !options.dataDir;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'crossroads-e2e-'));
  const args = [CLI, 'start', '--port', '0', '--data', dataDir, '--media', join(dataDir, 'media'), ...extraArgs];
  const child = spawn(process.execPath, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
  let text = '';
  const waiters = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    text += chunk.toString();
    for (const wake of waiters) wake();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const waitForOutput = (pattern: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const match = text.match(pattern);
        if (match) {
          done();
          resolve(match);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`bridge did not print ${pattern} within ${timeoutMs} ms; output:\n${text}`));
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      void exited.then(() => {
        if (waiters.has(check)) {
          done();
          reject(new Error(`bridge exited before printing ${pattern}; output:\n${text}`));
        }
      });
      check();
    });

  const match = await waitForOutput(/open (http:\/\/\S+)/);
  return {
    url: match[1]!,
    child,
    dataDir,
    output: () => text,
    command: (line) => child.stdin.write(line + '\n'),
    waitForOutput,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      const code = await exited;
      if (ownData) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
