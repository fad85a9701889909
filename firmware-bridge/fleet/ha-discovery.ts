// Home Assistant MQTT discovery, as zigbee2mqtt does it: one retained config
// per entity under <prefix>/<component>/crossroads_<id>/<object>/config, all
// reading the kiosk's retained state and availability topics, grouped into
// one device per kiosk. Home Assistant only watches: it cannot sign, so the
// kiosk offers it no buttons (commands need an operator key).

import { kioskTopics } from './fleet-topics.js';

export interface DiscoveryMessage {
  topic: string;
  payload: Record<string, unknown>;
}

interface Entity {
  component: 'sensor' | 'binary_sensor';
  object: string;
  name: string;
  template: string;
  extra?: Record<string, unknown>;
}

const ENTITIES: Entity[] = [
  { component: 'sensor', object: 'status', name: 'Status', template: '{{ value_json.status }}', extra: { icon: 'mdi:monitor-dashboard' } },
  {
    component: 'binary_sensor',
    object: 'problem',
    name: 'Problem',
    template: "{{ 'ON' if value_json.status != 'ok' else 'OFF' }}",
    extra: { device_class: 'problem', json_attributes_template: '{{ {"problems": value_json.problems} | tojson }}' },
  },
  {
    component: 'binary_sensor',
    object: 'panel',
    name: 'Control panel',
    template: "{{ 'ON' if value_json.board.connected else 'OFF' }}",
    extra: { device_class: 'connectivity', entity_category: 'diagnostic' },
  },
  { component: 'sensor', object: 'pack', name: 'Content pack', template: '{{ value_json.pack.id }} {{ value_json.pack.version }}', extra: { icon: 'mdi:package-variant' } },
  { component: 'sensor', object: 'mode', name: 'Page mode', template: "{{ value_json.page.mode or 'none' }}", extra: { icon: 'mdi:presentation' } },
  {
    component: 'sensor',
    object: 'visits_today',
    name: 'Visits today',
    template: '{{ value_json.visits.today }}',
    // Resets at midnight: total_increasing lets the long-term statistics cope with that.
    extra: { state_class: 'total_increasing', unit_of_measurement: 'visits', icon: 'mdi:account-group' },
  },
  {
    component: 'sensor',
    object: 'uptime',
    name: 'Uptime',
    template: '{{ value_json.uptimeS }}',
    extra: { device_class: 'duration', unit_of_measurement: 's', entity_category: 'diagnostic' },
  },
];

/** The retained discovery configs of one kiosk. */
export function discoveryMessages(prefix: string, id: string, version: string): DiscoveryMessage[] {
  const topics = kioskTopics(id);
  const node = `crossroads_${id}`;
  const device = { identifiers: [node], name: `Crossroads ${id}`, manufacturer: 'Caspian Crossroads', model: 'Museum kiosk', sw_version: version };
  return ENTITIES.map((entity) => ({
    topic: `${prefix}/${entity.component}/${node}/${entity.object}/config`,
    payload: {
      name: entity.name,
      unique_id: `${node}_${entity.object}`,
      object_id: `${node}_${entity.object}`,
      state_topic: topics.state,
      value_template: entity.template,
      ...(entity.extra?.json_attributes_template ? { json_attributes_topic: topics.state } : {}),
      availability_topic: topics.availability,
      payload_available: 'online',
      payload_not_available: 'offline',
      device,
      origin: { name: 'Caspian Crossroads', sw_version: version },
      ...entity.extra,
    },
  }));
}
