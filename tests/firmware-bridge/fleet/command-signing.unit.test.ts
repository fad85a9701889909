// Signed fleet commands: what a kiosk accepts, and every way it refuses one
// (unsigned, a stranger's key, altered, expired, from the future, replayed,
// for another kiosk, malformed), with the nonce memory bounded in size and time.

import { describe, expect, it } from 'vitest';
import { createPublicKey } from 'node:crypto';
import { newNonce, signCommand, verifyCommand, type FleetCommand, type VerifyContext } from '../../../firmware-bridge/fleet/command-signing.js';
import { NonceMemory } from '../../../firmware-bridge/fleet/nonce-memory.js';
import { generateKeyPair } from '../../../firmware-bridge/packs/pack-signature.js';

const NOW = Date.parse('2025-06-01T10:00:00Z');
const operator = generateKeyPair();
const stranger = generateKeyPair();
const keys = [{ name: 'alice.pub', key: createPublicKey(operator.publicPem) }];

function command(overrides: Partial<FleetCommand> = {}): FleetCommand {
  return { command: 'identify', args: [], target: 'kiosk-1', issuedAt: new Date(NOW).toISOString(), nonce: newNonce(), ...overrides };
}

type Context = Omit<VerifyContext, 'topicName'> & { topicName?: string };

function context(overrides: Partial<VerifyContext> = {}): Context {
  return { keys, kioskId: 'kiosk-1', addressee: 'kiosk-1', now: NOW, nonces: new NonceMemory(), ...overrides };
}

/** The command name the signed body gives, as the operator's topic would (crossroads/<id>/cmd/<name>). */
function nameIn(text: string): string {
  try {
    return String((JSON.parse((JSON.parse(text) as { signed: string }).signed) as { command: unknown }).command);
  } catch {
    return 'identify';
  }
}

const verify = (text: string, ctx: Context = context()) => verifyCommand(Buffer.from(text), { ...ctx, topicName: ctx.topicName ?? nameIn(text) });

describe('verifyCommand', () => {
  it('accepts a command signed by an operator key, naming the key', () => {
    const body = command({ command: 'mode', args: ['class'] });
    const result = verify(signCommand(body, operator.privatePem));
    expect(result).toEqual({ ok: true, command: body, signer: 'alice.pub' });
  });

  it('accepts a command for all on the all topic', () => {
    const result = verify(signCommand(command({ target: 'all' }), operator.privatePem), context({ addressee: 'all' }));
    expect(result.ok).toBe(true);
  });

  it('refuses an unsigned command, and a bare body', () => {
    const body = command();
    const unsigned = verify(JSON.stringify({ signed: JSON.stringify(body) }));
    expect(unsigned).toMatchObject({ ok: false, reason: 'unsigned: no signature', nonce: body.nonce, command: 'identify' });
    expect(verify(JSON.stringify(body))).toMatchObject({ ok: false, reason: expect.stringContaining('not a signed command') });
    expect(verify('not json at all')).toMatchObject({ ok: false, nonce: null });
  });

  it("refuses a stranger's signature, a garbled one, and an altered body", () => {
    expect(verify(signCommand(command(), stranger.privatePem))).toMatchObject({ ok: false, reason: 'not signed by an operator key of this kiosk' });
    const wire = JSON.parse(signCommand(command(), operator.privatePem)) as { signed: string; signature: string };
    expect(verify(JSON.stringify({ ...wire, signature: 'abc' }))).toMatchObject({ ok: false, reason: expect.stringContaining('not base64') });
    const altered = wire.signed.replace('"identify"', '"rollback"');
    expect(verify(JSON.stringify({ ...wire, signed: altered }))).toMatchObject({ ok: false, reason: 'not signed by an operator key of this kiosk', command: 'rollback' });
  });

  it('says so when the kiosk has no operator keys', () => {
    const result = verify(signCommand(command(), operator.privatePem), context({ keys: [] }));
    expect(result).toMatchObject({ ok: false, reason: expect.stringContaining('no operator keys') });
  });

  it('refuses commands outside the five-minute window either way, and takes them just inside', () => {
    const at = (ms: number) => signCommand(command({ issuedAt: new Date(NOW + ms).toISOString() }), operator.privatePem);
    expect(verify(at(-5 * 60_000 - 1000))).toMatchObject({ ok: false, reason: expect.stringMatching(/^expired: issued 301 s ago/) });
    expect(verify(at(5 * 60_000 + 1000))).toMatchObject({ ok: false, reason: expect.stringContaining('in the future') });
    expect(verify(at(-4 * 60_000)).ok).toBe(true);
    expect(verify(at(4 * 60_000)).ok).toBe(true);
  });

  it('refuses a replay of the same signed command, even on the other topic', () => {
    const nonces = new NonceMemory();
    const text = signCommand(command(), operator.privatePem);
    expect(verify(text, context({ nonces })).ok).toBe(true);
    expect(verify(text, context({ nonces, now: NOW + 60_000 }))).toMatchObject({ ok: false, reason: 'replayed: this nonce was already used' });
  });

  it('refuses a command for another kiosk, or one moved to another topic', () => {
    expect(verify(signCommand(command({ target: 'kiosk-2' }), operator.privatePem))).toMatchObject({ ok: false, reason: expect.stringContaining('addressed to kiosk-2') });
    // Signed for kiosk-1 alone, published on crossroads/all/cmd: not taken as a fleet-wide command.
    expect(verify(signCommand(command(), operator.privatePem), context({ addressee: 'all' })).ok).toBe(false);
    // Signed for all, published on one kiosk's topic: refused too, so topics and targets always agree.
    expect(verify(signCommand(command({ target: 'all' }), operator.privatePem)).ok).toBe(false);
  });

  it('refuses a command whose topic names another command than the signature', () => {
    const text = signCommand(command({ command: 'rollback' }), operator.privatePem);
    expect(verify(text, context({ topicName: 'identify' }))).toMatchObject({ ok: false, reason: 'sent on cmd/identify but signed as rollback', command: 'rollback' });
  });

  it('refuses unknown commands, odd arguments, bad nonces, extra fields and long messages', () => {
    const signed = (body: Record<string, unknown>) => signCommand(body as unknown as FleetCommand, operator.privatePem);
    expect(verify(signed({ ...command(), command: 'reboot' }))).toMatchObject({ ok: false, reason: 'unknown command "reboot"' });
    expect(verify(signed({ ...command(), args: ['$(rm -rf /)'] }))).toMatchObject({ ok: false, reason: expect.stringContaining('args') });
    expect(verify(signed({ ...command(), nonce: 'short' }))).toMatchObject({ ok: false, reason: expect.stringContaining('nonce') });
    expect(verify(signed({ ...command(), extra: 1 }))).toMatchObject({ ok: false, reason: 'unexpected fields' });
    expect(verify(signed({ ...command(), issuedAt: 'yesterday' }))).toMatchObject({ ok: false, reason: expect.stringContaining('issuedAt') });
    expect(verify('x'.repeat(5000))).toMatchObject({ ok: false, reason: expect.stringContaining('at most 4096') });
  });

  it('does not remember the nonces of commands it refused before the time check', () => {
    const nonces = new NonceMemory();
    verify(signCommand(command(), stranger.privatePem), context({ nonces }));
    verify(signCommand(command({ issuedAt: new Date(NOW - 3_600_000).toISOString() }), operator.privatePem), context({ nonces }));
    expect(nonces.size).toBe(0);
  });
});

describe('NonceMemory', () => {
  it('forgets a nonce once its command would be expired anyway', () => {
    const memory = new NonceMemory();
    expect(memory.remember('a', NOW + 1000, NOW)).toBe('new');
    expect(memory.remember('a', NOW + 1000, NOW + 999)).toBe('seen');
    expect(memory.remember('b', NOW + 5000, NOW + 1001)).toBe('new');
    expect(memory.size).toBe(1);
  });

  it('refuses rather than forgets when full of live nonces, and takes new ones as old ones expire', () => {
    const memory = new NonceMemory(3);
    for (const n of ['a', 'b', 'c']) expect(memory.remember(n, NOW + 1000, NOW)).toBe('new');
    expect(memory.remember('d', NOW + 1000, NOW)).toBe('full');
    expect(memory.remember('a', NOW + 1000, NOW)).toBe('seen');
    expect(memory.remember('d', NOW + 5000, NOW + 1001)).toBe('new');
  });

  it('keeps live nonces across a restart and skips expired or malformed entries', () => {
    const memory = new NonceMemory();
    memory.remember('live', NOW + 10_000, NOW);
    memory.remember('old', NOW + 10, NOW);
    const saved = JSON.parse(JSON.stringify(memory.toJSON(NOW + 100))) as unknown;
    const restarted = new NonceMemory();
    restarted.load([...(saved as unknown[]), { nonce: 7 }, null, 'x'], NOW + 100);
    expect(restarted.remember('live', NOW + 10_000, NOW + 200)).toBe('seen');
    expect(restarted.remember('old', NOW + 10_000, NOW + 200)).toBe('new');
    restarted.load({ not: 'an array' }, NOW);
  });
});
