// `crossroads keygen -o NAME`: a signing key pair for content packs.
// NAME.key stays with whoever builds packs; NAME.pub goes to every kiosk's
// DATA/trusted-keys/.

import { chmod, open } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { generateKeyPair } from '../packs/pack-signature.js';
import type { CliIo } from './cli-io.js';

export const KEYGEN_USAGE = 'usage: crossroads keygen -o NAME   (writes NAME.key, private, and NAME.pub, public)';

async function writeNew(path: string, text: string, mode: number): Promise<void> {
  // 'wx': never overwrite a key someone may already rely on.
  const handle = await open(path, 'wx', mode);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await chmod(path, mode);
}

export async function run(args: string[], io: CliIo): Promise<number> {
  let name: string | undefined;
  try {
    const parsed = parseArgs({ args, options: { out: { type: 'string', short: 'o' } }, strict: true, allowPositionals: false });
    name = parsed.values.out;
  } catch (error) {
    io.stderr.write(`crossroads keygen: ${(error as Error).message}\n${KEYGEN_USAGE}\n`);
    return 2;
  }
  if (!name) {
    io.stderr.write(`crossroads keygen: -o NAME is required\n${KEYGEN_USAGE}\n`);
    return 2;
  }
  const { privatePem, publicPem } = generateKeyPair();
  try {
    await writeNew(`${name}.key`, privatePem, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`crossroads keygen: cannot write ${name}.key: ${code === 'EEXIST' ? 'it already exists (not overwriting a key)' : (error as Error).message}\n`);
    return 1;
  }
  try {
    await writeNew(`${name}.pub`, publicPem, 0o644);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    io.stderr.write(`crossroads keygen: cannot write ${name}.pub: ${code === 'EEXIST' ? 'it already exists' : (error as Error).message}\n`);
    return 1;
  }
  io.stdout.write(
    `wrote ${name}.key (private: keep it secret, sign packs with --key ${name}.key)\n` +
      `wrote ${name}.pub (public: copy it into DATA/trusted-keys/ on each kiosk)\n`,
  );
  return 0;
}
