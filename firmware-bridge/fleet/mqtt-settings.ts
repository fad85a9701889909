// How to reach the museum's broker, shared by the kiosk (`crossroads start
// --mqtt`) and the operator's `crossroads fleet`: the URL, and a user whose
// password is read from a file so it never shows in `ps` or the journal.

import { readFile } from 'node:fs/promises';
import type { IClientOptions, MqttClient } from 'mqtt';

export interface MqttSettings {
  /** mqtt://host:1883 or mqtts://host:8883 */
  url: string;
  username?: string;
  passwordFile?: string;
  /** CA certificate (PEM) for an mqtts:// broker with its own certificate authority. */
  caFile?: string;
}

/** Why the URL cannot be used, or null. */
export function mqttUrlProblem(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `--mqtt ${url} is not a URL (try mqtt://broker.local:1883)`;
  }
  if (parsed.protocol !== 'mqtt:' && parsed.protocol !== 'mqtts:') return `--mqtt must start with mqtt:// or mqtts://, not ${parsed.protocol}//`;
  if (!parsed.hostname) return `--mqtt ${url} names no host`;
  return null;
}

async function readSecret(path: string, what: string): Promise<string> {
  try {
    return (await readFile(path, 'utf8')).replace(/\r?\n$/, '');
  } catch (error) {
    throw new Error(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}

/** The client options for these settings (files read now), plus the caller's own. */
export async function mqttClientOptions(settings: MqttSettings, extra: IClientOptions): Promise<IClientOptions> {
  const problem = mqttUrlProblem(settings.url);
  if (problem) throw new Error(problem);
  const options: IClientOptions = { protocolVersion: 5, ...extra };
  if (settings.username !== undefined) options.username = settings.username;
  if (settings.passwordFile) options.password = await readSecret(settings.passwordFile, 'MQTT password file');
  if (settings.caFile) options.ca = await readSecret(settings.caFile, 'MQTT CA file');
  return options;
}

/** The URL without its password, for logs. */
export function safeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/**
 * Turns Nagle's algorithm off on the client's socket (call on every connect:
 * each reconnect has a new one). The client writes a packet's header and body
 * separately, and with Nagle the body waits for the broker's delayed ACK:
 * about 40 ms per message on loopback.
 */
export function sendAtOnce(client: MqttClient): void {
  (client.stream as { setNoDelay?: (noDelay: boolean) => void } | undefined)?.setNoDelay?.(true);
}
