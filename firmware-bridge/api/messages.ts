// The one typed module for everything that crosses the WebSocket between the
// bridge and the kiosk page. Both sides import it; nothing else defines wire
// shapes. Every message is a JSON object with a `type`.


// ---- bridge -> page: schemas and inferred types in bridge-messages.ts ----
import type * as v from 'valibot';
import {
  BoardStatusSchema,
  BridgeLogLineSchema,
  ControlBindingSchema,
  ControlHoldSchema,
  ControlMapSchema,
  InstallStatusSchema,
  IntentSchema,
  PackInfoSchema,
  PanelInputSchema,
  readBridgeMessage,
  REMOTE_MODES,
} from './bridge-messages.js';

export { readBridgeMessage, BridgeMessageSchema, LOG_LEVELS, LOSS_REASONS, INTENT_KINDS, REMOTE_MODES } from './bridge-messages.js';
export type { AuthorProblem, BridgeMessage, BridgeMessageRead } from './bridge-messages.js';

/** What a visitor asked for, already mapped from buttons, knobs or keys. */
export type Intent = v.InferOutput<typeof IntentSchema>;
export type IntentKind = Intent['kind'];
/** A raw input from the panel, for the maintenance screen's input tester. */
export type PanelInput = v.InferOutput<typeof PanelInputSchema>;
/** What one control does, and where it sits on the panel (0..1 across and down), for the on-screen hints. */
export type ControlBinding = v.InferOutput<typeof ControlBindingSchema>;
/** A button that does something else when held (the page hints at it). */
export type ControlHold = v.InferOutput<typeof ControlHoldSchema>;
export type ControlMap = v.InferOutput<typeof ControlMapSchema>;
export type BoardStatus = v.InferOutput<typeof BoardStatusSchema>;
/** Why a board was counted lost: no frame for 3 s, its port went away, a port error, or a protocol it cannot speak. */
export type LossReason = keyof BoardStatus['losses'];
export type BoardLosses = BoardStatus['losses'];
export type InstallStatus = v.InferOutput<typeof InstallStatusSchema>;
/** One recent warning or error of the bridge (Logger.recent()). */
export type BridgeLogLine = v.InferOutput<typeof BridgeLogLineSchema>;
export type PackInfo = v.InferOutput<typeof PackInfoSchema>;
/** Modes a fleet operator can set: the attract loop, class mode, or leaving the maintenance screen. */
export type RemoteMode = (typeof REMOTE_MODES)[number];

export function noLosses(): BoardLosses {
  return { silence: 0, unplugged: 0, error: 0, protocol: 0 };
}

/** Parses a message from the bridge; null for anything that is not one. */
export function parseBridgeMessage(text: string): import('./bridge-messages.js').BridgeMessage | null {
  const read = readBridgeMessage(text);
  return read.ok ? read.message : null;
}

// ---- page -> bridge: schemas and inferred types in page-messages.ts ----
export { PAGE_LIMITS, PAGE_MODES, parsePageMessage, readPageMessage } from './page-messages.js';
export type { DropKind, PageMessage, PageMessageRead, PageMessageType, PageMode } from './page-messages.js';

