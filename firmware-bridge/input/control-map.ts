// What each control on the panel does, and where it sits (the page draws the
// hints laid out like the panel). The default is the museum panel: a row of
// five featured-scenario buttons, then previous / next / language (held:
// picture / narration / the longer text), and two knobs, timeline and orbit.
// A site can replace it with `controls.json` in the data folder: the shape the
// bridge sends the page in `hello` (ControlMapSchema, the one schema of a
// control map) plus the maintenance chord, then the rules a real panel adds
// (indexes on the panel, intents a control can take, each control bound
// once). A bad file is refused with every problem listed, naming its field,
// never half-applied; the bridge then keeps the default map.

import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { ControlHoldSchema, ControlMapSchema } from '../api/bridge-messages.js';
import type { ControlBinding, ControlMap, IntentKind } from '../api/messages.js';
import type { Logger } from '../core/logger.js';

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

/** The site's control map, in the data folder. */
export const CONTROLS_FILE = 'controls.json';

/**
 * The site's control map: `controls.json` in `dataDir` if there is one, else
 * the museum panel's. A bad file is logged (every problem, by field) and the
 * default map kept, so a typo never leaves a kiosk without its panel.
 */
export async function loadSiteControls(dataDir: string, log: Pick<Logger, 'info' | 'error'>): Promise<ControlConfig> {
  const path = join(dataDir, CONTROLS_FILE);
  try {
    await access(path);
  } catch {
    return DEFAULT_CONTROLS;
  }
  try {
    const config = await loadControlConfig(path);
    log.info(`control map from ${path}: ${config.map.buttons} buttons, ${config.map.knobs} knobs`);
    return config;
  } catch (error) {
    if (!(error instanceof ControlMapError)) throw error;
    log.error(`${path}: invalid control map, keeping the default one: ${error.problems.join('; ')}`);
    return DEFAULT_CONTROLS;
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

const index = ControlHoldSchema.entries.button;

/** A control map file: the map the page gets, and the maintenance chord (null: none). */
export const ControlFileSchema = v.object({
  ...ControlMapSchema.entries,
  maintenance: v.optional(v.nullable(v.object({ buttons: v.array(index), ms: index }))),
});

/** `bindings[2].x` for the issue's path in the file. */
function fieldOf(issue: v.BaseIssue<unknown>): string {
  let field = '';
  for (const item of issue.path ?? []) field += typeof item.key === 'number' ? `[${item.key}]` : `${field ? '.' : ''}${String(item.key)}`;
  return field;
}

const KINDS: Record<string, string> = { Object: 'an object', Array: 'an array', number: 'a number', string: 'a string', boolean: 'true or false' };

/** One line per problem, naming its field: "bindings[4].x must be <=1, got 2". */
function problemOf(issue: v.BaseIssue<unknown>): string {
  const field = fieldOf(issue) || 'the file';
  if (issue.type === 'object' && issue.received === 'undefined' && issue.expected === JSON.stringify(issue.path?.at(-1)?.key)) return `${field} is missing`;
  if (issue.type === 'integer') return `${field} must be an integer, got ${issue.received}`;
  const expected = issue.expected ?? issue.type;
  return `${field} must be ${KINDS[expected] ?? expected}, got ${issue.received}`;
}

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/**
 * Validates a parsed file: `{ buttons, knobs, bindings, holds?, maintenance? }`.
 * Without `holds` there are none; without `maintenance` buttons 5+6 for 5 s,
 * if the panel has them; `"maintenance": null` turns the chord off.
 */
export function parseControlConfig(value: unknown, source: string): ControlConfig {
  // The schema's object takes an array too (as an object without the keys).
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ControlMapError(source, ['the file must hold a JSON object']);
  const parsed = v.safeParse(ControlFileSchema, value);
  if (!parsed.success) throw new ControlMapError(source, parsed.issues.map(problemOf));
  const file = parsed.output;
  const problems: string[] = [];
  const { buttons: nButtons, knobs: nKnobs } = file;
  if (!isInt(nButtons, 1, 32)) problems.push(`buttons must be an integer 1..32, got ${nButtons}`);
  if (!isInt(nKnobs, 0, 8)) problems.push(`knobs must be an integer 0..8, got ${nKnobs}`);
  if (problems.length > 0) throw new ControlMapError(source, problems);
  const isButton = (i: number): boolean => i < nButtons;

  const seen = new Set<string>();
  file.bindings.forEach(({ control, index, intent, scenario }, n) => {
    const at = `bindings[${n}]`;
    const count = control === 'knob' ? nKnobs : nButtons;
    if (index >= count) problems.push(`${at}.index ${index} is not one of the ${count} ${control}s on the panel`);
    const allowed = control === 'knob' ? AXIS_INTENTS : BUTTON_INTENTS;
    if (!allowed.includes(intent)) problems.push(`${at}.intent ${JSON.stringify(intent)} is not a ${control} intent (${allowed.join(', ')})`);
    if (intent === 'scenario' && !isInt(scenario, 0, 255)) problems.push(`${at}.scenario must be a scenario number 0..255`);
    if (intent !== 'scenario' && scenario !== undefined) problems.push(`${at}.scenario is only for scenario buttons`);
    const key = `${control} ${index}`;
    if (seen.has(key)) problems.push(`${at}: ${key} is bound twice`);
    seen.add(key);
  });

  const holdIntents: readonly IntentKind[] = BUTTON_INTENTS.filter((i) => i !== 'scenario');
  const held = new Set<number>();
  (file.holds ?? []).forEach(({ button, intent, ms }, n) => {
    const at = `holds[${n}]`;
    if (!isButton(button)) problems.push(`${at}.button ${button} is not one of the ${nButtons} buttons`);
    if (!holdIntents.includes(intent)) problems.push(`${at}.intent ${JSON.stringify(intent)} must be one of ${holdIntents.join(', ')}`);
    if (!isInt(ms, 300, 10_000)) problems.push(`${at}.ms must be an integer 300..10000`);
    if (held.has(button)) problems.push(`${at}: button ${button} has two holds`);
    held.add(button);
  });

  let maintenance: MaintenanceChord | null = nButtons > 6 ? { buttons: [5, 6], ms: 5000 } : null;
  const chord = file.maintenance;
  if (chord === null) maintenance = null;
  else if (chord !== undefined) {
    if (chord.buttons.length < 2 || !chord.buttons.every(isButton) || new Set(chord.buttons).size !== chord.buttons.length) {
      problems.push(`maintenance.buttons must list at least two different buttons 0..${nButtons - 1}`);
    } else if (!isInt(chord.ms, 1000, 60_000)) {
      problems.push('maintenance.ms must be an integer 1000..60000');
    } else {
      maintenance = { buttons: chord.buttons.slice(), ms: chord.ms };
    }
  }

  if (problems.length > 0) throw new ControlMapError(source, problems);
  const holds: HoldBinding[] = (file.holds ?? []).map(({ button, intent, ms }) => ({ button, intent, ms }));
  const bindings: ControlBinding[] = file.bindings.map(({ scenario, ...binding }) => (binding.intent === 'scenario' ? { ...binding, scenario } : binding));
  return { map: { buttons: nButtons, knobs: nKnobs, bindings }, holds, maintenance };
}
