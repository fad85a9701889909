// Home Assistant MQTT discovery, as zigbee2mqtt does it: one retained config
// per entity under <prefix>/<component>/crossroads_<id>/<object>/config,
// grouped into one device per kiosk, reading the kiosk's retained status,
// health and visits topics. The two buttons (identify, restart the browser)
// only publish a request on crossroads/<id>/request/<name>: Home Assistant
// cannot sign, and a kiosk acts on signed commands alone, so a press does
// something only where the museum runs the signing relay
// (`crossroads fleet relay`, see fleet-relay.ts).

import { kioskTopics, requestTopic } from './fleet-topics.js';

export interface DiscoveryMessage {
  topic: string;
  payload: Record<string, unknown>;
}

/** The commands a Home Assistant button may ask for (the relay signs no others). */
export const BUTTON_COMMANDS = ['identify', 'restart-browser'] as const;
export const PRESS = 'PRESS';

interface Entity {
  component: 'sensor' | 'binary_sensor' | 'button';
  object: string;
  name: string;
  /** Which of the kiosk's topics it reads. */
  reads?: 'status' | 'health' | 'visits';
  fields: Record<string, unknown>;
}

const ENTITIES: Entity[] = [
  // The kiosk's own availability, as an entity: the others go unavailable with it.
  { component: 'binary_sensor', object: 'online', name: 'Online', reads: 'status', fields: { payload_on: 'online', payload_off: 'offline', device_class: 'connectivity' } },
  {
    component: 'binary_sensor',
    object: 'panel',
    name: 'Control panel',
    reads: 'health',
    fields: { value_template: "{{ 'ON' if value_json.controller.connected else 'OFF' }}", device_class: 'connectivity' },
  },
  {
    component: 'sensor',
    object: 'pack',
    name: 'Content pack',
    reads: 'health',
    fields: { value_template: '{{ value_json.pack.version }}', json_attributes_template: '{{ value_json.pack | tojson }}', icon: 'mdi:package-variant' },
  },
  {
    component: 'sensor',
    object: 'visits_today',
    name: 'Visits today',
    reads: 'visits',
    // Starts again at midnight: total_increasing lets the long-term statistics cope with that.
    fields: { value_template: '{{ value_json.today }}', state_class: 'total_increasing', unit_of_measurement: 'visits', icon: 'mdi:account-group' },
  },
  {
    component: 'binary_sensor',
    object: 'problem',
    name: 'Problems',
    reads: 'health',
    fields: {
      value_template: "{{ 'ON' if value_json.problems | length > 0 else 'OFF' }}",
      json_attributes_template: '{{ {"problems": value_json.problems} | tojson }}',
      device_class: 'problem',
    },
  },
  {
    component: 'sensor',
    object: 'rollout',
    name: 'Last roll-out',
    reads: 'health',
    fields: {
      value_template: "{{ value_json.fleet.rollout.status if value_json.fleet is defined and value_json.fleet.rollout else 'none' }}",
      entity_category: 'diagnostic',
      icon: 'mdi:package-down',
    },
  },
  { component: 'sensor', object: 'uptime', name: 'Uptime', reads: 'health', fields: { value_template: '{{ value_json.uptimeS }}', device_class: 'duration', unit_of_measurement: 's', entity_category: 'diagnostic' } },
  ...BUTTON_COMMANDS.map((name): Entity => ({
    component: 'button',
    object: name.replace('-', '_'),
    name: name === 'identify' ? 'Identify' : 'Restart browser',
    fields: { payload_press: PRESS, retain: false, ...(name === 'identify' ? { device_class: 'identify' } : { device_class: 'restart', entity_category: 'config' }) },
  })),
];

/** The retained discovery configs of one kiosk. */
export function discoveryMessages(prefix: string, id: string, version: string): DiscoveryMessage[] {
  const topics = kioskTopics(id);
  const node = `crossroads_${id}`;
  const device = { identifiers: [node], name: `Crossroads ${id}`, manufacturer: 'Caspian Crossroads', model: 'Museum kiosk', sw_version: version };
  return ENTITIES.map((entity) => {
    const reads = entity.reads ? topics[entity.reads] : null;
    const button = entity.component === 'button' ? { command_topic: requestTopic(id, BUTTON_COMMANDS.find((n) => n.replace('-', '_') === entity.object)!) } : {};
    return {
      topic: `${prefix}/${entity.component}/${node}/${entity.object}/config`,
      payload: {
        name: entity.name,
        unique_id: `${node}_${entity.object}`,
        object_id: `${node}_${entity.object}`,
        ...(reads ? { state_topic: reads } : {}),
        ...(entity.fields.json_attributes_template && reads ? { json_attributes_topic: reads } : {}),
        ...button,
        // The online entity is the availability itself; every other one follows it.
        ...(entity.reads === 'status' ? {} : { availability_topic: topics.status, payload_available: 'online', payload_not_available: 'offline' }),
        device,
        origin: { name: 'Caspian Crossroads', sw_version: version },
        ...entity.fields,
      },
    };
  });
}
