// How a kiosk lives without its broker: the client retries with a growing,
// jittered delay (so twenty kiosks do not all knock at once when the broker
// comes back), and the journal gets one line per outage, plus one if the
// broker then refuses the login (a wrong password must be told apart from a
// network down), and one when it is back. The mqtt client does the
// reconnecting; this only sets its period before each try.

import type { MqttClient } from 'mqtt';
import type { Logger } from '../core/logger.js';

export interface BrokerOutageOptions {
  log: Logger;
  /** The broker URL without its password. */
  url: string;
  kioskId: string;
  user: string | undefined;
  /** The first retry's delay; it doubles up to maxMs. */
  firstMs: number;
  maxMs: number;
  now: () => number;
}

type Kind = 'network' | 'login';

/** MQTT 3.1.1 codes 4 and 5, and MQTT 5 codes 0x86 and 0x87: the broker did not take the user or password. */
const LOGIN_CODES = new Set([4, 5, 0x86, 0x87]);

function kindOf(error: Error | null): Kind {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && LOGIN_CODES.has(code) ? 'login' : 'network';
}

export class BrokerOutage {
  private since: number | null = null;
  private everConnected = false;
  private lastError: Error | null = null;
  private readonly told = new Set<Kind>();
  private tries = 0;

  constructor(private readonly options: BrokerOutageOptions) {}

  /** The client's first retry period. */
  get firstMs(): number {
    return this.options.firstMs;
  }

  attach(client: MqttClient): void {
    client.on('error', (error) => {
      this.lastError = error;
      if (this.since !== null) this.tell(kindOf(error));
    });
    client.on('offline', () => {
      this.since ??= this.options.now();
      this.tell(kindOf(this.lastError));
    });
    client.on('reconnect', () => {
      // Read by the client when it sets up the next try, after this one fails.
      this.tries++;
      const base = Math.min(this.options.maxMs, this.options.firstMs * 2 ** this.tries);
      client.options.reconnectPeriod = Math.max(1, Math.round(base * (0.8 + 0.4 * Math.random())));
    });
  }

  /** Called on every connect: the outage is over. */
  connected(): void {
    const { log, url, kioskId, now } = this.options;
    const after = this.since === null ? '' : ` after ${Math.round((now() - this.since) / 1000)} s without it`;
    log.info(`connected to ${url} as ${kioskId}${after}`);
    this.since = null;
    this.everConnected = true;
    this.lastError = null;
    this.told.clear();
    this.tries = 0;
  }

  private tell(kind: Kind): void {
    if (this.told.has(kind)) return;
    this.told.add(kind);
    const { log, url, kioskId, user, maxMs } = this.options;
    const onward = `the exhibit runs on, and tries again with backoff up to ${Math.round(maxMs / 1000)} s`;
    const reason = this.lastError?.message;
    if (kind === 'login') {
      log.error(`the broker at ${url} refused the login of kiosk ${kioskId} as user ${user ?? '(none)'} (${reason}): check --mqtt-user and --mqtt-password-file; ${onward}`);
    } else {
      log.warn(`${this.everConnected ? 'lost the broker' : 'cannot reach the broker'} at ${url}${reason ? ` (${reason})` : ''}; ${onward}`);
    }
  }
}
