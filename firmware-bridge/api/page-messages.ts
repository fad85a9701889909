// Page -> bridge messages: one schema each, and the TypeScript types are
// inferred from it, so what the bridge accepts and what the page may send
// cannot drift apart. Anything that reaches /ws can set an Origin header, so
// the bridge reads every message through readPageMessage() and nothing else:
// shape, types and lengths, with no field left unchecked.

import * as v from 'valibot';

/** Longest texts a page message may carry; the page cuts its own texts to them. */
export const PAGE_LIMITS = {
  /** JSON text of one message, in UTF-16 code units. */
  messageChars: 8 * 1024,
  logMessage: 2000,
  renderer: 200,
  scenario: 200,
  language: 35,
  /** Scenario indexes and frame counts are small non-negative integers. */
  scenarioIndex: 999,
} as const;

export const PAGE_MODES = ['attract', 'scenario', 'class', 'maintenance'] as const;
export type PageMode = (typeof PAGE_MODES)[number];

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const mode = v.picklist(PAGE_MODES);
const scenario = v.nullable(text(PAGE_LIMITS.scenario));
const language = v.pipe(v.string(), v.minLength(1), v.maxLength(PAGE_LIMITS.language), v.regex(/^[A-Za-z0-9-]+$/));
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER));

export const PageMessageSchema = v.variant('type', [
  /** `renderer`: the WebGL renderer string (the real GPU, or SwiftShader), for `crossroads doctor`. */
  v.strictObject({
    type: v.literal('heartbeat'),
    scenario,
    mode,
    language,
    frames: count,
    renderer: v.optional(text(PAGE_LIMITS.renderer)),
  }),
  v.strictObject({
    type: v.literal('view'),
    scenario,
    mode,
    scenarioIndex: v.nullable(v.pipe(count, v.maxValue(PAGE_LIMITS.scenarioIndex))),
  }),
  v.strictObject({
    type: v.literal('log'),
    level: v.picklist(['info', 'warn', 'error']),
    message: text(PAGE_LIMITS.logMessage),
  }),
  v.strictObject({ type: v.literal('rollback') }),
  /** The maintenance screen is open and wants `packs` and `errors` (sent on opening and every few seconds). */
  v.strictObject({ type: v.literal('status-request') }),
]);

export type PageMessage = v.InferOutput<typeof PageMessageSchema>;
export type PageMessageType = PageMessage['type'];

const PAGE_TYPES: ReadonlySet<string> = new Set<PageMessageType>(['heartbeat', 'view', 'log', 'rollback', 'status-request']);

/**
 * Why a page message was dropped. A known `type` with bad fields is that
 * type; the rest say what the text was.
 */
export type DropKind = PageMessageType | 'binary' | 'too-long' | 'not-json' | 'not-an-object' | 'unknown-type';

export type PageMessageRead = { ok: true; message: PageMessage } | { ok: false; kind: DropKind; detail: string };

const drop = (kind: DropKind, detail: string): PageMessageRead => ({ ok: false, kind, detail });

/** Reads one WebSocket text frame from a page; never throws. */
export function readPageMessage(textFrame: string): PageMessageRead {
  if (textFrame.length > PAGE_LIMITS.messageChars) return drop('too-long', `${textFrame.length} characters`);
  let value: unknown;
  try {
    value = JSON.parse(textFrame);
  } catch {
    return drop('not-json', 'not JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return drop('not-an-object', 'not a JSON object');
  const type = (value as { type?: unknown }).type;
  if (typeof type !== 'string' || !PAGE_TYPES.has(type)) return drop('unknown-type', `type ${JSON.stringify(type)?.slice(0, 40) ?? 'missing'}`);
  const result = v.safeParse(PageMessageSchema, value);
  if (result.success) return { ok: true, message: result.output };
  const issue = result.issues[0];
  const field = v.getDotPath(issue) ?? '(message)';
  return drop(type as PageMessageType, `${field}: ${issue.message}`);
}

/** Parses a message from the page; null for anything that is not one. */
export function parsePageMessage(textFrame: string): PageMessage | null {
  const read = readPageMessage(textFrame);
  return read.ok ? read.message : null;
}
