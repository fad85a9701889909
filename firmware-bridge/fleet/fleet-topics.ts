// The MQTT topics of the fleet, in one place: what a kiosk publishes under
// crossroads/<id>/, what it listens to (its own and the fleet-wide `all`),
// and the kiosk id rules that keep every topic and Home Assistant object id
// valid. The museum's broker ACL (README, "Fleet (MQTT)") is written
// against exactly these names.

export const BASE_TOPIC = 'crossroads';
/** The pseudo kiosk id that addresses every kiosk at once. */
export const ALL = 'all';

const KIOSK_ID = /^[a-z0-9][a-z0-9_-]{0,62}$/;

/** Why an id cannot be a kiosk id, or null when it can. */
export function kioskIdProblem(id: string): string | null {
  if (!KIOSK_ID.test(id)) return `"${id}" is not a kiosk id: use 1-63 lowercase letters, digits, - or _, starting with a letter or digit`;
  if (id === ALL) return `"${ALL}" is reserved: it addresses every kiosk`;
  return null;
}

/** A default kiosk id from the host name (kiosk-3.local -> kiosk-3). */
export function kioskIdFromHostname(hostname: string): string {
  const id = hostname.split('.')[0]!.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '').slice(0, 63);
  return id && kioskIdProblem(id) === null ? id : 'kiosk';
}

export interface KioskTopics {
  /** Retained `online` / `offline`; `offline` is also the last will. */
  availability: string;
  /** Retained JSON: health, pack, page, visits. */
  state: string;
  /** Signed commands for this kiosk. */
  command: string;
  /** Signed commands for every kiosk. */
  commandAll: string;
  /** One JSON answer per command received. */
  commandResult: string;
  /** A retained signed pack zip for this kiosk. */
  pack: string;
  /** A retained signed pack zip for every kiosk. */
  packAll: string;
  /** Retained JSON: what this kiosk did with the last roll-out it read. */
  rollout: string;
}

export function kioskTopics(id: string): KioskTopics {
  const own = `${BASE_TOPIC}/${id}`;
  const all = `${BASE_TOPIC}/${ALL}`;
  return {
    availability: `${own}/availability`,
    state: `${own}/state`,
    command: `${own}/cmd`,
    commandAll: `${all}/cmd`,
    commandResult: `${own}/cmd-result`,
    pack: `${own}/pack`,
    packAll: `${all}/pack`,
    rollout: `${own}/rollout`,
  };
}

/** The addressee of a command or pack topic: a kiosk id or `all`; null for any other topic. */
export function addresseeOf(topic: string): string | null {
  const parts = topic.split('/');
  if (parts.length !== 3 || parts[0] !== BASE_TOPIC || (parts[2] !== 'cmd' && parts[2] !== 'pack')) return null;
  return parts[1]!;
}

/** The kiosk id in crossroads/<id>/<leaf>, or null. */
export function kioskOf(topic: string, leaf: string): string | null {
  const parts = topic.split('/');
  return parts.length === 3 && parts[0] === BASE_TOPIC && parts[2] === leaf && parts[1] !== ALL ? parts[1]! : null;
}
