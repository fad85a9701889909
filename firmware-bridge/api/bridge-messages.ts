// Bridge -> page messages: one schema each, with their TypeScript types
// inferred from it, as for the page's own messages (page-messages.ts). The
// page reads every message through readBridgeMessage(): a message that does
// not match is dropped whole, never half-applied. The pack manifest inside
// `hello` and `pack` was checked against the pack schema by the bridge; here
// only its outline is checked (what the page indexes into).

import * as v from 'valibot';
import type { PackManifest } from '../../content/schema/pack-types.js';

const int = v.pipe(v.number(), v.integer());
const index = v.pipe(int, v.minValue(0));
const unit = v.pipe(v.number(), v.minValue(0), v.maxValue(1));

export const INTENT_KINDS = ['scenario', 'next', 'previous', 'language', 'info', 'timeline', 'orbit', 'zoom', 'class-mode', 'maintenance', 'narration', 'picture', 'volume'] as const;

export const IntentSchema = v.variant('kind', [
  v.object({ kind: v.literal('scenario'), index }),
  v.object({ kind: v.literal('next') }),
  v.object({ kind: v.literal('previous') }),
  v.object({ kind: v.literal('language') }),
  v.object({ kind: v.literal('info') }),
  v.object({ kind: v.literal('timeline'), delta: int }),
  v.object({ kind: v.literal('orbit'), delta: int }),
  v.object({ kind: v.literal('zoom'), delta: int }),
  v.object({ kind: v.literal('class-mode') }),
  v.object({ kind: v.literal('maintenance') }),
  /** Play or stop the scenario's narration in the visitor's language. */
  v.object({ kind: v.literal('narration') }),
  /** The info panel's picture, large (again: back to its normal size). */
  v.object({ kind: v.literal('picture') }),
  /** Narration volume, in knob detents. */
  v.object({ kind: v.literal('volume'), delta: int }),
]);

export const PanelInputSchema = v.variant('kind', [
  v.object({ kind: v.literal('button'), index, pressed: v.boolean() }),
  v.object({ kind: v.literal('knob'), index, delta: int }),
]);

const intentKind = v.picklist(INTENT_KINDS);

export const ControlBindingSchema = v.object({
  control: v.picklist(['button', 'knob']),
  index,
  intent: intentKind,
  scenario: v.optional(index),
  x: unit,
  y: unit,
});

export const ControlHoldSchema = v.object({ button: index, intent: intentKind, ms: v.pipe(v.number(), v.minValue(0)) });

export const ControlMapSchema = v.object({
  buttons: index,
  knobs: index,
  bindings: v.array(ControlBindingSchema),
  holds: v.optional(v.array(ControlHoldSchema)),
});

export const LOSS_REASONS = ['silence', 'unplugged', 'error', 'protocol'] as const;
const counter = v.pipe(int, v.minValue(0));

export const BoardStatusSchema = v.object({
  connected: v.boolean(),
  simulated: v.boolean(),
  boardId: v.nullable(v.string()),
  firmware: v.nullable(v.string()),
  lastSeenMs: v.nullable(v.number()),
  port: v.nullable(v.string()),
  framesDropped: v.record(v.string(), counter),
  losses: v.object({ silence: counter, unplugged: counter, error: counter, protocol: counter }),
});

export const InstallStatusSchema = v.object({
  phase: v.picklist(['idle', 'reading', 'installing', 'done', 'failed']),
  progress: unit,
  lines: v.array(v.string()),
});

/** The bridge's log levels, least first (the logger, `--log-level` and the maintenance screen's lines). */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;

export const BridgeLogLineSchema = v.object({
  at: v.string(),
  level: v.picklist(LOG_LEVELS),
  scope: v.string(),
  message: v.string(),
});

export const PackInfoSchema = v.object({
  id: v.string(),
  version: v.string(),
  source: v.picklist(['built-in', 'installed']),
  installedAt: v.nullable(v.string()),
});

const localText = v.record(v.string(), v.string());

/** The outline of a manifest the bridge has validated in full. */
const PackOutlineSchema = v.pipe(
  v.looseObject({
    id: v.string(),
    version: v.string(),
    languages: v.pipe(v.array(v.string()), v.minLength(1)),
    title: localText,
    scenarios: v.array(v.looseObject({ id: v.string(), title: localText })),
    timeline: v.array(v.looseObject({ date: v.string(), title: localText })),
  }),
  v.transform((pack) => pack as unknown as PackManifest),
);

/** One problem with a pack being authored (`crossroads author`), placed in its file. */
export const AuthorProblemSchema = v.object({
  severity: v.picklist(['error', 'warning']),
  file: v.string(),
  /** 1-based; null when the problem is about the whole file. */
  line: v.nullable(v.pipe(int, v.minValue(1))),
  column: v.nullable(v.pipe(int, v.minValue(1))),
  field: v.string(),
  message: v.string(),
  /** How to fix it, in words; '' when the message says. */
  fix: v.string(),
  /** A point a curator signs off (a route through an undeclared country, a source cited nowhere), listed apart on the panel. */
  curator: v.optional(v.boolean()),
  /** The kind of problem, for the panel to word it in the page's language; `message` and `fix` are the English. */
  code: v.optional(v.pipe(v.string(), v.maxLength(64))),
  /** The values the message names (a language, a count). */
  params: v.optional(v.record(v.string(), v.union([v.string(), v.number()]))),
});

export type AuthorProblem = v.InferOutput<typeof AuthorProblemSchema>;

export const REMOTE_MODES = ['attract', 'class', 'maintenance-off'] as const;

export const BridgeMessageSchema = v.variant('type', [
  v.object({
    type: v.literal('hello'),
    bridgeVersion: v.string(),
    kioskVersion: v.string(),
    pack: PackOutlineSchema,
    packInfo: PackInfoSchema,
    controls: ControlMapSchema,
    board: BoardStatusSchema,
    /** Seconds without input before the idle reset. */
    idleResetS: v.pipe(v.number(), v.minValue(0)),
  }),
  v.object({ type: v.literal('pack'), pack: PackOutlineSchema, packInfo: PackInfoSchema }),
  v.object({ type: v.literal('intent'), intent: IntentSchema }),
  /** `n` counts inputs since the bridge started; `at` is when the bridge got it (epoch ms). */
  v.object({ type: v.literal('input'), input: PanelInputSchema, n: counter, at: v.number() }),
  v.object({ type: v.literal('board'), board: BoardStatusSchema }),
  v.object({ type: v.literal('install'), install: InstallStatusSchema }),
  /** For the maintenance screen: installed packs, the current first among equals. */
  v.object({ type: v.literal('packs'), packs: v.array(PackInfoSchema) }),
  /** For the maintenance screen: the bridge's recent warnings and errors, newest last. */
  v.object({ type: v.literal('errors'), errors: v.array(BridgeLogLineSchema) }),
  /** A fleet operator asked which kiosk this is: show its id for `seconds`. */
  v.object({ type: v.literal('identify'), kioskId: v.string(), seconds: v.pipe(v.number(), v.minValue(0)) }),
  /**
   * The author's studio: the folder's state after each save. `stale` means an
   * error keeps the last good pack on screen; `seq` counts the checks.
   */
  v.object({
    type: v.literal('author'),
    dir: v.string(),
    state: v.picklist(['ok', 'stale']),
    seq: counter,
    problems: v.array(AuthorProblemSchema),
  }),
  /** A fleet operator set the page's mode. */
  v.object({ type: v.literal('mode'), mode: v.picklist(REMOTE_MODES) }),
]);

export type BridgeMessage = v.InferOutput<typeof BridgeMessageSchema>;

export type BridgeMessageRead = { ok: true; message: BridgeMessage } | { ok: false; detail: string };

/** Reads one text frame from the bridge; never throws. */
export function readBridgeMessage(textFrame: string): BridgeMessageRead {
  let value: unknown;
  try {
    value = JSON.parse(textFrame);
  } catch {
    return { ok: false, detail: 'not JSON' };
  }
  const result = v.safeParse(BridgeMessageSchema, value);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  return { ok: false, detail: `${v.getDotPath(issue) ?? '(message)'}: ${issue.message}` };
}
