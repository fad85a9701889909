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
  status: string;
  /** Retained JSON: the GET /health report. */
  health: string;
  /** Retained JSON: the visit counts per day and scenario. */
  visits: string;
  /** Signed commands for this kiosk, one topic per command name (a filter). */
  commands: string;
  /** Signed commands for every kiosk (a filter). */
  commandsAll: string;
  /** One JSON answer per command received. */
  commandResult: string;
  /** A retained signed pack zip for this kiosk. */
  pack: string;
  /** A retained signed pack zip for every kiosk. */
  packAll: string;
  /** Unsigned requests (Home Assistant buttons); the kiosk never acts on them (a filter). */
  requests: string;
}

export function kioskTopics(id: string): KioskTopics {
  const own = `${BASE_TOPIC}/${id}`;
  const all = `${BASE_TOPIC}/${ALL}`;
  return {
    status: `${own}/status`,
    health: `${own}/health`,
    visits: `${own}/visits`,
    commands: `${own}/cmd/+`,
    commandsAll: `${all}/cmd/+`,
    commandResult: `${own}/cmd-result`,
    pack: `${own}/pack`,
    packAll: `${all}/pack`,
    requests: `${own}/request/+`,
  };
}

/** crossroads/<id|all>/cmd/<name>: where a signed command goes. */
export function commandTopic(target: string, name: string): string {
  return `${BASE_TOPIC}/${target}/cmd/${name}`;
}

/** crossroads/<id>/request/<name>: where a Home Assistant button asks. */
export function requestTopic(id: string, name: string): string {
  return `${BASE_TOPIC}/${id}/request/${name}`;
}

export type Addressed = { kind: 'cmd' | 'request'; addressee: string; name: string } | { kind: 'pack'; addressee: string; name: null };

/** What a topic a kiosk listens to carries, and to whom; null for any other topic. */
export function parseTopic(topic: string): Addressed | null {
  const parts = topic.split('/');
  if (parts[0] !== BASE_TOPIC || !parts[1]) return null;
  const addressee = parts[1];
  if (parts.length === 3 && parts[2] === 'pack') return { kind: 'pack', addressee, name: null };
  if (parts.length === 4 && (parts[2] === 'cmd' || parts[2] === 'request') && parts[3]!.length > 0) return { kind: parts[2], addressee, name: parts[3]! };
  return null;
}

/** The kiosk id in crossroads/<id>/<leaf>, or null. */
export function kioskOf(topic: string, leaf: string): string | null {
  const parts = topic.split('/');
  return parts.length === 3 && parts[0] === BASE_TOPIC && parts[2] === leaf && parts[1] !== ALL ? parts[1]! : null;
}
