// `crossroads start`'s fleet flags, read into the controller's fleet option.
// Kept here so the start command only lists them.

import { hostname } from 'node:os';
import { kioskIdFromHostname, kioskIdProblem } from './fleet-topics.js';
import { mqttUrlProblem, type MqttSettings } from './mqtt-settings.js';

export const FLEET_START_OPTIONS = {
  mqtt: { type: 'string' },
  'kiosk-id': { type: 'string' },
  'mqtt-user': { type: 'string' },
  'mqtt-password-file': { type: 'string' },
  'mqtt-ca': { type: 'string' },
  'mqtt-discovery': { type: 'string' },
} as const;

export const FLEET_START_USAGE = '[--mqtt URL [--kiosk-id ID] [--mqtt-user NAME] [--mqtt-password-file FILE] [--mqtt-ca FILE] [--mqtt-discovery homeassistant|none]]';

export interface FleetFlags {
  mqtt?: string;
  'kiosk-id'?: string;
  'mqtt-user'?: string;
  'mqtt-password-file'?: string;
  'mqtt-ca'?: string;
  'mqtt-discovery'?: string;
}

export interface FleetStart {
  kioskId: string;
  mqtt: MqttSettings;
  discoveryPrefix: string | null;
}

const PREFIX = /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/;

/** The fleet option, null without --mqtt; throws a one-line reason for a usage mistake. */
export function fleetFromFlags(flags: FleetFlags, host = hostname()): FleetStart | null {
  if (!flags.mqtt) {
    const stray = Object.keys(FLEET_START_OPTIONS).find((name) => name !== 'mqtt' && flags[name as keyof FleetFlags] !== undefined);
    if (stray) throw new Error(`--${stray} needs --mqtt URL`);
    return null;
  }
  const urlProblem = mqttUrlProblem(flags.mqtt);
  if (urlProblem) throw new Error(urlProblem);
  const kioskId = flags['kiosk-id'] ?? kioskIdFromHostname(host);
  const idProblem = kioskIdProblem(kioskId);
  if (idProblem) throw new Error(`--kiosk-id: ${idProblem}`);
  const discovery = flags['mqtt-discovery'] ?? 'homeassistant';
  if (discovery !== 'none' && !PREFIX.test(discovery)) throw new Error(`--mqtt-discovery must be a topic prefix such as homeassistant, or none`);
  // The broker ACL names each kiosk's topics after its user name, so by default the kiosk logs in as its id.
  const urlHasUser = new URL(flags.mqtt).username !== '';
  return {
    kioskId,
    mqtt: { url: flags.mqtt, username: flags['mqtt-user'] ?? (urlHasUser ? undefined : kioskId), passwordFile: flags['mqtt-password-file'], caFile: flags['mqtt-ca'] },
    discoveryPrefix: discovery === 'none' ? null : discovery,
  };
}
