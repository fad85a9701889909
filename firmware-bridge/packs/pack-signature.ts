// Ed25519 signatures over the exact bytes of pack.json. Public keys are SPKI
// PEM files (NAME.pub), private keys PKCS8 PEM (NAME.key), as keygen writes.

import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeError } from './pack-problem.js';

export interface TrustedKey {
  name: string;
  key: KeyObject;
}

export interface TrustedKeys {
  dir: string;
  keys: TrustedKey[];
  /** Files that looked like keys but could not be used, with why. */
  skipped: string[];
}

export function generateKeyPair(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

export function signBytes(bytes: Buffer, privatePem: string): string {
  const key = createPrivateKey(privatePem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the key is ${key.asymmetricKeyType}, not ed25519`);
  return sign(null, bytes, key).toString('base64');
}

/** The public half of a private key, for checking a freshly built pack. */
export function publicKeyOf(privatePem: string): KeyObject {
  return createPublicKey(createPrivateKey(privatePem));
}

/** Reads DATA/trusted-keys/*.pub; a missing folder simply holds no keys. */
export async function loadTrustedKeys(dir: string): Promise<TrustedKeys> {
  const result: TrustedKeys = { dir, keys: [], skipped: [] };
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.pub')).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') result.skipped.push(`${dir}: ${describeError(error)}`);
    return result;
  }
  for (const name of names) {
    try {
      const key = createPublicKey(await readFile(join(dir, name)));
      if (key.asymmetricKeyType !== 'ed25519') {
        result.skipped.push(`${name}: is a ${key.asymmetricKeyType} key, not ed25519`);
        continue;
      }
      result.keys.push({ name, key });
    } catch (error) {
      result.skipped.push(`${name}: is not a public key (${describeError(error)})`);
    }
  }
  return result;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** Decodes pack.sig; a string saying what is wrong when it is not a signature. */
export function decodeSignature(text: string): Buffer | string {
  const trimmed = text.trim();
  if (trimmed === '') return 'is empty';
  if (!BASE64.test(trimmed) || trimmed.length % 4 !== 0) return 'is not base64 text';
  const bytes = Buffer.from(trimmed, 'base64');
  if (bytes.length !== 64) return `holds ${bytes.length} bytes; an ed25519 signature has 64`;
  return bytes;
}

/** The name of the trusted key that made the signature, or null. */
export function findSigner(bytes: Buffer, signature: Buffer, keys: TrustedKey[]): string | null {
  for (const { name, key } of keys) {
    if (verify(null, bytes, key, signature)) return name;
  }
  return null;
}
