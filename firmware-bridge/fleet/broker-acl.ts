// The Mosquitto ACL the museum's broker should use (`crossroads fleet acl`
// prints it, and the tests run their broker with it): each kiosk logs in
// with its kiosk id as user name and may write only its own topics and read
// only its own and the fleet-wide command and pack topics; the operator
// account may do everything under crossroads/; Home Assistant reads, and may
// only write button requests, which no kiosk acts on unsigned. So a kiosk
// taken over cannot command or impersonate another, and even the operator
// account cannot make a kiosk obey an unsigned command.

import { ALL, BASE_TOPIC } from './fleet-topics.js';

export interface AclOptions {
  operator?: string;
  homeAssistant?: string;
  discoveryPrefix?: string;
}

export function brokerAcl(options: AclOptions = {}): string {
  const operator = options.operator ?? 'operator';
  const homeAssistant = options.homeAssistant ?? 'homeassistant';
  const prefix = options.discoveryPrefix ?? 'homeassistant';
  const own = `${BASE_TOPIC}/%u`;
  return [
    '# Caspian Crossroads fleet. Kiosks log in with their kiosk id as user name',
    `# (never "${ALL}", "${operator}" or "${homeAssistant}"); %u is that name.`,
    `pattern write ${own}/status`,
    `pattern write ${own}/health`,
    `pattern write ${own}/visits`,
    `pattern write ${own}/cmd-result`,
    `pattern read ${own}/cmd/+`,
    `pattern read ${own}/pack`,
    `pattern read ${own}/request/+`,
    `pattern read ${BASE_TOPIC}/${ALL}/cmd/+`,
    `pattern read ${BASE_TOPIC}/${ALL}/pack`,
    `pattern write ${prefix}/+/crossroads_%u/+/config`,
    '',
    '# The operator signs commands, rolls out packs and runs the button relay (crossroads fleet).',
    `user ${operator}`,
    `topic readwrite ${BASE_TOPIC}/#`,
    '',
    '# Home Assistant reads the kiosks and its own discovery topics; its buttons',
    '# write requests, which a kiosk never acts on unless the relay signs them.',
    `user ${homeAssistant}`,
    `topic read ${BASE_TOPIC}/+/status`,
    `topic read ${BASE_TOPIC}/+/health`,
    `topic read ${BASE_TOPIC}/+/visits`,
    `topic write ${BASE_TOPIC}/+/request/+`,
    `topic readwrite ${prefix}/#`,
    '',
  ].join('\n');
}
