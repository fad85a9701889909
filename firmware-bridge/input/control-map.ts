// What each control on the panel does, and where it sits (the page draws the
// hints laid out like the panel). The default is the museum panel: a row of
// five featured-scenario buttons, then previous / next / language (held:
// picture / narration / the longer text), and two knobs, timeline and orbit.
// A site can replace it with a JSON file; a bad file is refused with every
// problem listed, never half-applied.

import { readFile } from 'node:fs/promises';
import type { ControlBinding, ControlMap, IntentKind } from '../api/messages.js';

/** A button that does something else when held down. */
export interface HoldBinding {
  button: number;
  intent: IntentKind;
  ms: number;
}

/** Buttons held together for `ms` open the maintenance screen. */
export interface MaintenanceChord {
  buttons: number[];
  ms: number;
}

export interface ControlConfig {
  map: ControlMap;
  holds: HoldBinding[];
  maintenance: MaintenanceChord | null;
}

/** Knob axes; every other intent belongs to a button. */
export const AXIS_INTENTS: readonly IntentKind[] = ['timeline', 'orbit', 'zoom', 'volume'];
// The museum panel has no spare button or knob: picture and narration are holds (DEFAULT_CONTROLS), volume a site's knob.
export const BUTTON_INTENTS: readonly IntentKind[] = ['scenario', 'next', 'previous', 'language', 'info', 'class-mode', 'maintenance', 'narration', 'picture'];

const scenarioButton = (index: number): ControlBinding => ({ control: 'button', index, intent: 'scenario', scenario: index, x: 0.08 + index * 0.12, y: 0.3 });

export const DEFAULT_CONTROLS: ControlConfig = {
  map: {
    buttons: 8,
    knobs: 2,
    bindings: [
      ...[0, 1, 2, 3, 4].map(scenarioButton),
      // Each of the bottom row does something else held 1.5 s (see holds), which the hints show under it.
      { control: 'button', index: 5, intent: 'previous', x: 0.2, y: 0.75 },
      { control: 'button', index: 6, intent: 'next', x: 0.44, y: 0.75 },
      { control: 'button', index: 7, intent: 'language', x: 0.68, y: 0.75 },
      { control: 'knob', index: 0, intent: 'timeline', x: 0.84, y: 0.3 },
      { control: 'knob', index: 1, intent: 'orbit', x: 0.84, y: 0.75 },
    ],
  },
  // A held button acts on release when let go early, so previous and next
  // answer a tap on its release (a tap is ~0.1 s); the scenario buttons, which
  // a visitor presses most, keep acting on the press and have no hold.
  holds: [
    { button: 5, intent: 'picture', ms: 1500 },
    { button: 6, intent: 'narration', ms: 1500 },
    { button: 7, intent: 'info', ms: 1500 },
  ],
  maintenance: { buttons: [5, 6], ms: 5000 },
};

export class ControlMapError extends Error {
  constructor(
    readonly source: string,
    readonly problems: string[],
  ) {
    super(`${source}: invalid control map:\n  ${problems.join('\n  ')}`);
    this.name = 'ControlMapError';
  }
}

/** Reads and validates a control map file. */
export async function loadControlConfig(path: string): Promise<ControlConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new ControlMapError(path, [`cannot read it: ${(error as Error).message}`]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ControlMapError(path, [`not JSON: ${(error as Error).message}`]);
  }
  return parseControlConfig(value, path);
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Validates a parsed file: `{ buttons, knobs, bindings, holds?, maintenance? }`.
 * Without `holds` there are none; without `maintenance` buttons 5+6 for 5 s,
 * if the panel has them; `"maintenance": null` turns the chord off.
 */
export function parseControlConfig(value: unknown, source: string): ControlConfig {
  const problems: string[] = [];
  if (!isObject(value)) throw new ControlMapError(source, ['the file must hold a JSON object']);
  const { buttons, knobs } = value;
  if (!isInt(buttons, 1, 32)) problems.push(`buttons must be an integer 1..32, got ${JSON.stringify(buttons)}`);
  if (!isInt(knobs, 0, 8)) problems.push(`knobs must be an integer 0..8, got ${JSON.stringify(knobs)}`);
  if (problems.length > 0) throw new ControlMapError(source, problems);
  const nButtons = buttons as number;
  const nKnobs = knobs as number;
  const isButton = (i: unknown): i is number => isInt(i, 0, nButtons - 1);

  const bindings: ControlBinding[] = [];
  if (!Array.isArray(value.bindings)) problems.push('bindings must be an array');
  const seen = new Set<string>();
  (Array.isArray(value.bindings) ? value.bindings : []).forEach((raw: unknown, n) => {
    const at = `bindings[${n}]`;
    if (!isObject(raw)) return void problems.push(`${at} must be an object`);
    const { control, index, intent, scenario, x, y } = raw;
    const before = problems.length;
    if (control !== 'button' && control !== 'knob') return void problems.push(`${at}.control must be "button" or "knob", got ${JSON.stringify(control)}`);
    const count = control === 'knob' ? nKnobs : nButtons;
    if (!isInt(index, 0, count - 1)) problems.push(`${at}.index ${JSON.stringify(index)} is not one of the ${count} ${control}s on the panel`);
    const allowed = control === 'knob' ? AXIS_INTENTS : BUTTON_INTENTS;
    if (typeof intent !== 'string' || !allowed.includes(intent as IntentKind)) {
      problems.push(`${at}.intent ${JSON.stringify(intent)} is not a ${control} intent (${allowed.join(', ')})`);
    }
    if (intent === 'scenario' && !isInt(scenario, 0, 255)) problems.push(`${at}.scenario must be a scenario number 0..255`);
    if (intent !== 'scenario' && scenario !== undefined) problems.push(`${at}.scenario is only for scenario buttons`);
    for (const [name, v] of [['x', x], ['y', y]] as const) {
      if (typeof v !== 'number' || !(v >= 0 && v <= 1)) problems.push(`${at}.${name} must be a number 0..1, got ${JSON.stringify(v)}`);
    }
    const key = `${String(control)} ${String(index)}`;
    if (seen.has(key)) problems.push(`${at}: ${key} is bound twice`);
    seen.add(key);
    if (problems.length > before) return;
    const binding: ControlBinding = { control: control as 'button' | 'knob', index: index as number, intent: intent as IntentKind, x: x as number, y: y as number };
    if (intent === 'scenario') binding.scenario = scenario as number;
    bindings.push(binding);
  });

  const holds: HoldBinding[] = [];
  if (value.holds !== undefined && !Array.isArray(value.holds)) problems.push('holds must be an array');
  (Array.isArray(value.holds) ? value.holds : []).forEach((raw: unknown, n) => {
    const at = `holds[${n}]`;
    if (!isObject(raw)) return void problems.push(`${at} must be an object`);
    const before = problems.length;
    if (!isButton(raw.button)) problems.push(`${at}.button ${JSON.stringify(raw.button)} is not one of the ${nButtons} buttons`);
    if (typeof raw.intent !== 'string' || !BUTTON_INTENTS.includes(raw.intent as IntentKind) || raw.intent === 'scenario') {
      problems.push(`${at}.intent ${JSON.stringify(raw.intent)} must be one of ${BUTTON_INTENTS.filter((i) => i !== 'scenario').join(', ')}`);
    }
    if (!isInt(raw.ms, 300, 10_000)) problems.push(`${at}.ms must be an integer 300..10000`);
    if (holds.some((h) => h.button === raw.button)) problems.push(`${at}: button ${String(raw.button)} has two holds`);
    if (problems.length === before) holds.push({ button: raw.button as number, intent: raw.intent as IntentKind, ms: raw.ms as number });
  });

  let maintenance: MaintenanceChord | null = nButtons > 6 ? { buttons: [5, 6], ms: 5000 } : null;
  if (value.maintenance === null) maintenance = null;
  else if (value.maintenance !== undefined) {
    const m = value.maintenance;
    const chord = isObject(m) ? m.buttons : undefined;
    if (!isObject(m) || !Array.isArray(chord) || chord.length < 2 || !chord.every(isButton) || new Set(chord).size !== chord.length) {
      problems.push(`maintenance.buttons must list at least two different buttons 0..${nButtons - 1}`);
    } else if (!isInt(m.ms, 1000, 60_000)) {
      problems.push('maintenance.ms must be an integer 1000..60000');
    } else {
      maintenance = { buttons: chord.slice() as number[], ms: m.ms };
    }
  }

  if (problems.length > 0) throw new ControlMapError(source, problems);
  return { map: { buttons: nButtons, knobs: nKnobs, bindings }, holds, maintenance };
}
