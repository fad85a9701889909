// The one typed module for everything that crosses the WebSocket between the
// bridge and the kiosk page. Both sides import it; nothing else defines wire
// shapes. Every message is a JSON object with a `type`.

import type { PackManifest } from '../../content/schema/pack-types.js';

/** What a visitor asked for, already mapped from buttons, knobs or keys. */
export type Intent =
  | { kind: 'scenario'; index: number }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'language' }
  | { kind: 'info' }
  | { kind: 'timeline'; delta: number }
  | { kind: 'orbit'; delta: number }
  | { kind: 'zoom'; delta: number }
  | { kind: 'class-mode' }
  | { kind: 'maintenance' };

export type IntentKind = Intent['kind'];

/** A raw input from the panel, for the maintenance screen's input tester. */
export type PanelInput =
  | { kind: 'button'; index: number; pressed: boolean }
  | { kind: 'knob'; index: number; delta: number };

/** What one control does; the page draws hints laid out like the panel. */
export interface ControlBinding {
  control: 'button' | 'knob';
  index: number;
  /** What it does: a button's intent, or a knob's axis. */
  intent: IntentKind;
  /** For `scenario` buttons: which scenario (0-based). */
  scenario?: number;
  /** Position on the panel, 0..1 across and down, for the on-screen hint. */
  x: number;
  y: number;
}

/** A button that does something else when held (the page hints at it). */
export interface ControlHold {
  button: number;
  intent: IntentKind;
  ms: number;
}

export interface ControlMap {
  buttons: number;
  knobs: number;
  bindings: ControlBinding[];
  /** Optional: holds, so the hints can say "hold for more". */
  holds?: ControlHold[];
}

export interface BoardStatus {
  connected: boolean;
  simulated: boolean;
  boardId: string | null;
  firmware: string | null;
  lastSeenMs: number | null;
  port: string | null;
  framesDropped: Record<string, number>;
  /** Times the board was counted lost since start, by reason (a board found again at once still counts). */
  losses: BoardLosses;
}

/** Why a board was counted lost: no frame for 3 s, its port went away, a port error, or a protocol it cannot speak. */
export type LossReason = 'silence' | 'unplugged' | 'error' | 'protocol';
export type BoardLosses = Record<LossReason, number>;

export function noLosses(): BoardLosses {
  return { silence: 0, unplugged: 0, error: 0, protocol: 0 };
}

export interface InstallStatus {
  /** `idle` when no stick is in. */
  phase: 'idle' | 'reading' | 'installing' | 'done' | 'failed';
  /** 0..1 while reading or installing. */
  progress: number;
  /** Plain lines for the maintainer: installed X 1.2.0, refused Y: reason. */
  lines: string[];
}

/** One recent warning or error of the bridge (Logger.recent()). */
export interface BridgeLogLine {
  at: string;
  level: 'debug' | 'info' | 'warn' | 'error';
  scope: string;
  message: string;
}

export interface PackInfo {
  id: string;
  version: string;
  source: 'built-in' | 'installed';
  installedAt: string | null;
}

// ---- bridge -> page ----
export type BridgeMessage =
  | {
      type: 'hello';
      bridgeVersion: string;
      kioskVersion: string;
      pack: PackManifest;
      packInfo: PackInfo;
      controls: ControlMap;
      board: BoardStatus;
      /** Seconds without input before the idle reset. */
      idleResetS: number;
    }
  | { type: 'pack'; pack: PackManifest; packInfo: PackInfo }
  | { type: 'intent'; intent: Intent }
  /** `n` counts inputs since the bridge started; `at` is when the bridge got it (epoch ms). */
  | { type: 'input'; input: PanelInput; n: number; at: number }
  | { type: 'board'; board: BoardStatus }
  | { type: 'install'; install: InstallStatus }
  /** For the maintenance screen: installed packs (PackStore.list()), the current first among equals. */
  | { type: 'packs'; packs: PackInfo[] }
  /** For the maintenance screen: the bridge's recent warnings and errors, newest last. */
  | { type: 'errors'; errors: BridgeLogLine[] }
  /** A fleet operator asked which kiosk this is: show its id for `seconds`. */
  | { type: 'identify'; kioskId: string; seconds: number }
  /** A fleet operator set the page's mode. */
  | { type: 'mode'; mode: RemoteMode };

/** Modes a fleet operator can set: the attract loop, class mode, or leaving the maintenance screen. */
export type RemoteMode = 'attract' | 'class' | 'maintenance-off';

// ---- page -> bridge: schemas and inferred types in page-messages.ts ----
export { PAGE_LIMITS, PAGE_MODES, parsePageMessage, readPageMessage } from './page-messages.js';
export type { DropKind, PageMessage, PageMessageRead, PageMessageType, PageMode } from './page-messages.js';

const BRIDGE_TYPES = new Set(['hello', 'pack', 'intent', 'input', 'board', 'install', 'packs', 'errors', 'identify', 'mode']);

function parseTyped(text: string, types: Set<string>): { type: string } | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && types.has(type) ? (value as { type: string }) : null;
}

/** Parses a message from the bridge; null for anything that is not one. */
export function parseBridgeMessage(text: string): BridgeMessage | null {
  return parseTyped(text, BRIDGE_TYPES) as BridgeMessage | null;
}
