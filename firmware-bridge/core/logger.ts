// Plain one-line logs on stderr (journald adds the time on a kiosk), and a
// short memory of recent warnings and errors for the maintenance screen.

import { LOG_LEVELS, type BridgeLogLine } from '../api/messages.js';

// One shape for a log line: the maintenance screen gets these very entries.
export type LogEntry = BridgeLogLine;
export type LogLevel = LogEntry['level'];

/** A `--log-level` value the logger takes. */
export const isLogLevel = (value: string): value is LogLevel => (LOG_LEVELS as readonly string[]).includes(value);

export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
  /** A logger that prefixes its lines with a scope, sharing this one's memory. */
  child(scope: string): Logger;
  /** Recent warnings and errors, newest last. */
  recent(): LogEntry[];
}

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };
const KEEP = 50;

export interface LoggerOptions {
  level?: LogLevel;
  write?: (line: string) => void;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const threshold = ORDER[options.level ?? 'info'];
  const write = options.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const memory: LogEntry[] = [];

  const make = (scope: string): Logger => {
    const log = (level: LogLevel, message: string): void => {
      if (ORDER[level] >= ORDER.warn) {
        memory.push({ at: new Date().toISOString(), level, scope, message });
        if (memory.length > KEEP) memory.shift();
      }
      if (ORDER[level] >= threshold) write(`${level.padEnd(5)} [${scope}] ${message}`);
    };
    return {
      debug: (m) => log('debug', m),
      info: (m) => log('info', m),
      warn: (m) => log('warn', m),
      error: (m) => log('error', m),
      child: (sub) => make(`${scope}/${sub}`),
      recent: () => memory.slice(),
    };
  };
  return make('bridge');
}

/** A logger that keeps its lines in an array, for tests. */
export function createMemoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => lines.push(line) });
  return Object.assign(logger, { lines });
}
