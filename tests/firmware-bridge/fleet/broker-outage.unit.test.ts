// The backoff and the journal of a kiosk without its broker, on a stand-in
// for the mqtt client (the events it emits and the period it reads): each
// try waits about twice as long as the last, up to the limit; an outage is
// one line, a refused login one more; the connect after it says how long.

import { EventEmitter } from 'node:events';
import type { MqttClient } from 'mqtt';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { BrokerOutage } from '../../../firmware-bridge/fleet/broker-outage.js';

function setup() {
  const log = createMemoryLogger();
  let now = 0;
  const outage = new BrokerOutage({ log, url: 'mqtt://broker:1883', kioskId: 'k1', user: 'k1', firstMs: 1000, maxMs: 60_000, now: () => now });
  const client = Object.assign(new EventEmitter(), { options: { reconnectPeriod: outage.firstMs } });
  outage.attach(client as unknown as MqttClient);
  const refused = Object.assign(new Error('Connection refused: Not authorized'), { code: 135 });
  const down = new Error('connect ECONNREFUSED 10.0.0.2:1883');
  /** One failed try, as the client reports it: an error, then offline (emitted once per outage by the client). */
  const fail = (error: Error, first = false): void => {
    client.emit('error', error);
    if (first) client.emit('offline');
  };
  return { log, outage, client, refused, down, fail, advance: (ms: number) => (now += ms) };
}

describe('BrokerOutage', () => {
  it('waits about twice as long before each try, up to the limit, and starts over after a connect', () => {
    const { client, outage } = setup();
    const periods: number[] = [];
    for (let i = 0; i < 9; i++) {
      client.emit('reconnect');
      periods.push(client.options.reconnectPeriod);
    }
    // Jitter of +-20% keeps twenty kiosks from trying all at once.
    const bases = [2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000, 60_000];
    periods.forEach((period, i) => expect(period, `try ${i + 1}`).toBeGreaterThanOrEqual(bases[i]! * 0.8));
    periods.forEach((period, i) => expect(period, `try ${i + 1}`).toBeLessThanOrEqual(bases[i]! * 1.2));
    outage.connected();
    client.emit('reconnect');
    expect(client.options.reconnectPeriod).toBeLessThanOrEqual(2400);
  });

  it('logs one line per outage however many tries fail, and one when it is over', () => {
    const { log, outage, fail, down, advance } = setup();
    fail(down, true);
    for (let i = 0; i < 20; i++) fail(down);
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).toContain('cannot reach the broker at mqtt://broker:1883 (connect ECONNREFUSED 10.0.0.2:1883); the exhibit runs on, and tries again with backoff up to 60 s');
    advance(42_000);
    outage.connected();
    expect(log.lines.at(-1)).toContain('connected to mqtt://broker:1883 as k1 after 42 s without it');
    // The next outage is a loss, and is logged again.
    fail(down, true);
    fail(down);
    expect(log.lines.filter((l) => l.includes('lost the broker'))).toHaveLength(1);
  });

  it('tells a refused login apart, once, also when it follows a network outage', () => {
    const { log, fail, refused, down } = setup();
    fail(down, true);
    fail(refused);
    fail(refused);
    fail(down);
    expect(log.lines).toHaveLength(2);
    expect(log.lines[1]).toMatch(/refused the login of kiosk k1 as user k1 \(Connection refused: Not authorized\): check --mqtt-user and --mqtt-password-file/);
  });
});
