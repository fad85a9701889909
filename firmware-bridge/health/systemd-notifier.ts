// Tells systemd the bridge is ready, what it is doing, and that its event loop
// is alive (sd_notify). systemd listens on an AF_UNIX datagram socket, which
// Node cannot open, so one long-lived python3 relay sends the datagrams: the
// relay stays alive, so systemd can always attribute its messages to the unit
// (the unit needs NotifyAccess=all), and the pings come from a timer on the
// bridge's own event loop, so a blocked loop stops them and systemd restarts
// the bridge.

import type { Capability } from '../core/capability.js';
import type { Logger } from '../core/logger.js';
import { NotifyRelay } from '../system/notify-relay.js';

export interface SystemdNotifierOptions {
  log: Logger;
  env?: NodeJS.ProcessEnv;
}

/** The watchdog interval systemd asked for, halved as sd_watchdog_enabled advises; null when off. */
export function watchdogIntervalMs(env: NodeJS.ProcessEnv, pid = process.pid): number | null {
  const usec = Number(env.WATCHDOG_USEC);
  if (!env.WATCHDOG_USEC || !Number.isFinite(usec) || usec <= 0) return null;
  // WATCHDOG_PID names the process the watchdog is meant for; a child that inherited it must not ping.
  if (env.WATCHDOG_PID && Number(env.WATCHDOG_PID) !== pid) return null;
  return Math.max(1, Math.floor(usec / 2000));
}

/** One notify message: newline-separated assignments, with no newline inside a value. */
export function notifyMessage(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key}=${value.replace(/[\r\n]+/g, ' ')}`)
    .join('\n');
}

export class SystemdNotifier implements Capability {
  readonly name = 'systemd-notify';
  private readonly env: NodeJS.ProcessEnv;
  private readonly log: Logger;
  private relay: NotifyRelay | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(options: SystemdNotifierOptions) {
    this.env = options.env ?? process.env;
    this.log = options.log.child('systemd');
  }

  /** True when a service manager is listening, i.e. NOTIFY_SOCKET is set. */
  enabled(): boolean {
    return Boolean(this.env.NOTIFY_SOCKET);
  }

  async start(): Promise<void> {
    const socket = this.env.NOTIFY_SOCKET;
    if (!socket) return;
    this.relay = new NotifyRelay({ socket, log: this.log, env: this.env });
    await this.relay.start();
    const interval = watchdogIntervalMs(this.env);
    this.relay.send(notifyMessage({ READY: '1', STATUS: 'Serving the kiosk', ...(interval ? { WATCHDOG: '1' } : {}) }));
    if (interval) {
      this.timer = setInterval(() => this.relay?.send('WATCHDOG=1'), interval);
      // The bridge's own servers keep it alive; the ping alone must never do so.
      this.timer.unref();
      this.log.info(`watchdog ping every ${interval} ms`);
    }
  }

  /** Free-form status text, shown by `systemctl status crossroads-bridge`. */
  status(text: string): void {
    this.relay?.send(notifyMessage({ STATUS: text }));
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const relay = this.relay;
    this.relay = null;
    if (!relay) return;
    relay.send(notifyMessage({ STOPPING: '1', STATUS: 'Stopping' }));
    await relay.close();
  }
}
