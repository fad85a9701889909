// What every command gets to talk with; tests pass their own streams.

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** Ends a command that runs until stopped (as SIGINT or SIGTERM do); tests pass one. */
  signal?: AbortSignal;
}

export type CommandRunner = (args: string[], io: CliIo) => Promise<number>;

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
