// Signed fleet commands. An operator signs the exact UTF-8 text of a small
// JSON body (command, args, target, issue time, nonce) with an ed25519 key;
// the kiosk checks the signature against DATA/operator-keys/*.pub before it
// reads anything else, then that the topic names the same command, the
// target, the time window and the nonce.
// Signing the text as sent, not a re-serialised object, means both sides
// never have to agree on a canonical JSON form.

import { randomBytes, sign, createPrivateKey } from 'node:crypto';
import { decodeSignature, findSigner, type TrustedKey } from '../packs/pack-signature.js';
import { ALL } from './fleet-topics.js';
import type { NonceMemory } from './nonce-memory.js';

export const COMMANDS = ['identify', 'restart-browser', 'rollback', 'mode', 'status'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface FleetCommand {
  command: CommandName;
  args: string[];
  /** A kiosk id, or `all`. */
  target: string;
  /** ISO 8601 time the operator signed it. */
  issuedAt: string;
  /** 32 hex digits, new for every command. */
  nonce: string;
}

/** What travels on crossroads/<id>/cmd/<command>. */
export interface SignedCommand {
  /** The JSON text of a FleetCommand, exactly as signed. */
  signed: string;
  /** Base64 ed25519 signature over the UTF-8 bytes of `signed`. */
  signature: string;
}

/** Commands are small; anything longer is refused unread. */
export const MAX_COMMAND_BYTES = 4096;
/** Clocks of the operator's machine and the kiosk may differ by this much. */
export const DEFAULT_SKEW_MS = 5 * 60_000;
const NONCE = /^[0-9a-f]{32}$/;
const ARG = /^[A-Za-z0-9._:-]{1,64}$/;

export function newNonce(): string {
  return randomBytes(16).toString('hex');
}

/** Signs a command; returns the message text to publish. */
export function signCommand(command: FleetCommand, privatePem: string): string {
  const key = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType}, not ed25519`);
  const signed = JSON.stringify(command);
  const signature = sign(null, Buffer.from(signed, 'utf8'), key).toString('base64');
  return JSON.stringify({ signed, signature } satisfies SignedCommand);
}

export interface VerifyContext {
  /** Public keys of the operators this kiosk obeys. */
  keys: TrustedKey[];
  kioskId: string;
  /** The id or `all` in the topic the message came on. */
  addressee: string;
  /** The command name in the topic (crossroads/<id>/cmd/<name>). */
  topicName: string;
  now: number;
  skewMs?: number;
  nonces: NonceMemory;
}

export type Verified =
  | { ok: true; command: FleetCommand; signer: string }
  | { ok: false; reason: string; nonce: string | null; command: string | null };

function refuse(reason: string, body?: Partial<FleetCommand>): Verified {
  return { ok: false, reason, nonce: typeof body?.nonce === 'string' ? body.nonce : null, command: typeof body?.command === 'string' ? body.command : null };
}

function parseObject(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The body's shape; a reason when it is not a FleetCommand. */
function readBody(body: Record<string, unknown>): FleetCommand | string {
  const { command, args, target, issuedAt, nonce } = body;
  if (typeof command !== 'string' || !(COMMANDS as readonly string[]).includes(command)) return `unknown command ${JSON.stringify(command)}`;
  if (!Array.isArray(args) || args.length > 8 || !args.every((a) => typeof a === 'string' && ARG.test(a))) return 'args must be up to 8 short words';
  if (typeof target !== 'string' || target.length === 0) return 'no target';
  if (typeof issuedAt !== 'string' || Number.isNaN(Date.parse(issuedAt))) return 'no valid issuedAt time';
  if (typeof nonce !== 'string' || !NONCE.test(nonce)) return 'the nonce must be 32 hex digits';
  if (Object.keys(body).length !== 5) return 'unexpected fields';
  return { command: command as CommandName, args: args as string[], target, issuedAt, nonce };
}

/** Checks a command message in the order that lets no stranger cost the kiosk memory. */
export function verifyCommand(message: Buffer, context: VerifyContext): Verified {
  if (message.length > MAX_COMMAND_BYTES) return refuse(`the command is ${message.length} bytes; at most ${MAX_COMMAND_BYTES}`);
  const wire = parseObject(message.toString('utf8'));
  if (!wire || typeof wire.signed !== 'string') return refuse('not a signed command (no "signed" text)');
  const body = parseObject(wire.signed) ?? {};
  if (typeof wire.signature !== 'string') return refuse('unsigned: no signature', body);
  const signature = decodeSignature(wire.signature);
  if (typeof signature === 'string') return refuse(`the signature ${signature}`, body);
  const signer = findSigner(Buffer.from(wire.signed, 'utf8'), signature, context.keys);
  if (!signer) return refuse(context.keys.length === 0 ? 'no operator keys are installed (DATA/operator-keys/*.pub)' : 'not signed by an operator key of this kiosk', body);
  const command = readBody(body);
  if (typeof command === 'string') return refuse(command, body);
  // The topic is what the ACL and a dashboard see; it must say what the signature says.
  if (command.command !== context.topicName) return refuse(`sent on cmd/${context.topicName} but signed as ${command.command}`, command);
  if (command.target !== context.addressee || (command.target !== ALL && command.target !== context.kioskId)) {
    return refuse(`addressed to ${command.target}, not to this kiosk on this topic`, command);
  }
  const skew = context.skewMs ?? DEFAULT_SKEW_MS;
  const issued = Date.parse(command.issuedAt);
  if (issued < context.now - skew) return refuse(`expired: issued ${Math.round((context.now - issued) / 1000)} s ago (the window is ${skew / 1000} s)`, command);
  if (issued > context.now + skew) return refuse(`issued ${Math.round((issued - context.now) / 1000)} s in the future: check the clocks`, command);
  // Past issued + skew the command is expired anyway, so the nonce need not be kept longer.
  const seen = context.nonces.remember(command.nonce, issued + skew, context.now);
  if (seen === 'seen') return refuse('replayed: this nonce was already used', command);
  if (seen === 'full') return refuse('too many commands in the last minutes; try again shortly', command);
  return { ok: true, command, signer };
}
