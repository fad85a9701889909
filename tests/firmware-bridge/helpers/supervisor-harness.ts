// A PanelSupervisor on its own bus, with everything it emits recorded.

import type { BoardStatus, PanelInput } from '../../../firmware-bridge/api/messages.js';
import { EventBus } from '../../../firmware-bridge/core/event-bus.js';
import { createMemoryLogger } from '../../../firmware-bridge/core/logger.js';
import { PanelSupervisor, type PanelSupervisorOptions } from '../../../firmware-bridge/serial/panel-supervisor.js';

export interface SupervisorHarness {
  supervisor: PanelSupervisor;
  bus: EventBus;
  log: ReturnType<typeof createMemoryLogger>;
  inputs: PanelInput[];
  statuses: BoardStatus[];
  /** Buttons down according to the inputs emitted so far. */
  pressed(): number[];
}

export function supervisorHarness(options: Omit<PanelSupervisorOptions, 'bus' | 'log'>): SupervisorHarness {
  const bus = new EventBus();
  const log = createMemoryLogger();
  const inputs: PanelInput[] = [];
  const statuses: BoardStatus[] = [];
  bus.on('panel.input', (input) => inputs.push(input));
  bus.on('panel.status', (status) => statuses.push(status));
  const supervisor = new PanelSupervisor({ bus, log, ...options });
  const pressed = (): number[] => {
    const down = new Set<number>();
    for (const input of inputs) {
      if (input.kind !== 'button') continue;
      if (input.pressed) down.add(input.index);
      else down.delete(input.index);
    }
    return [...down].sort((a, b) => a - b);
  };
  return { supervisor, bus, log, inputs, statuses, pressed };
}

/** Sums runs of the same knob, since the board may split or merge its reports. */
export function mergeKnobs(inputs: PanelInput[]): PanelInput[] {
  const out: PanelInput[] = [];
  for (const input of inputs) {
    const last = out[out.length - 1];
    if (input.kind === 'knob' && last?.kind === 'knob' && last.index === input.index) {
      out[out.length - 1] = { ...last, delta: last.delta + input.delta };
    } else {
      out.push({ ...input });
    }
  }
  return out.filter((i) => i.kind !== 'knob' || i.delta !== 0);
}
