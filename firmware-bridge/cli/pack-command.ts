// `crossroads pack validate|build|install|rollback|narrate`: the maintainer's tools
// for content packs. Each uses the same validator and installer as a USB
// stick, so what passes here passes on the kiosk.

import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import { EventBus } from '../core/event-bus.js';
import { createLogger } from '../core/logger.js';
import { projectPaths } from '../core/project-paths.js';
import { defaultDataDir } from '../packs/data-dir.js';
import { buildPack } from '../packs/pack-builder.js';
import { formatProblem, type PackProblem } from '../packs/pack-problem.js';
import { loadTrustedKeys } from '../packs/pack-signature.js';
import { PackStore } from '../packs/pack-store.js';
import { validatePack } from '../packs/pack-validator.js';
import { ProgressBar } from '../packs/progress-bar.js';
import { newPack } from '../author/pack-new.js';
import { narratePack, SpeechToolError } from '../packs/narration-draft.js';
import type { CliIo } from './cli-io.js';

export const PACK_USAGE = `usage:
  crossroads pack new DIR
  crossroads pack validate PATH [--json] [--data DIR] [--allow-unsigned]
  crossroads pack build DIR -o FILE.zip [--key FILE]
  crossroads pack install PATH [--data DIR] [--allow-unsigned]
  crossroads pack rollback [--data DIR] [--allow-unsigned]
  crossroads pack narrate DIR --language LANG [--force]`;

class Usage extends Error {}

const OPTIONS = {
  json: { type: 'boolean' },
  data: { type: 'string' },
  'allow-unsigned': { type: 'boolean' },
  out: { type: 'string', short: 'o' },
  key: { type: 'string' },
  language: { type: 'string' },
  force: { type: 'boolean' },
} as const;

type Flag = keyof typeof OPTIONS;

function parse(args: string[], allowed: Flag[], positionals: number) {
  const { values, positionals: found } = parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: true });
  for (const flag of Object.keys(values)) if (!allowed.includes(flag as Flag)) throw new Usage(`--${flag} does not apply here`);
  if (found.length !== positionals) throw new Usage(positionals === 0 ? 'takes no path' : 'needs exactly one path');
  return { values, path: found[0] ?? '' };
}

function lines(problems: PackProblem[]): string {
  return problems.map((p) => formatProblem(p) + '\n').join('');
}

/** How long the command waits for a running bridge that is changing the packs (a USB install). */
const LOCK_WAIT_MS = 5_000;

function storeFor(dataDir: string, allowUnsigned: boolean, io: CliIo, command: string): PackStore {
  const paths = projectPaths();
  return new PackStore({
    bus: new EventBus(),
    log: createLogger({ level: 'warn', write: (line) => io.stderr.write(line + '\n') }),
    dataDir,
    builtInDir: paths.builtInPackDir,
    kioskVersion: paths.version,
    allowUnsigned,
    // A running bridge sees the new pointer and switches the page itself.
    lockOwner: `crossroads pack ${command}`,
    lockWaitMs: LOCK_WAIT_MS,
  });
}

async function validate(args: string[], io: CliIo): Promise<number> {
  const { values, path } = parse(args, ['json', 'data', 'allow-unsigned'], 1);
  const dataDir = values.data ?? defaultDataDir();
  const bar = new ProgressBar(io.stderr);
  const result = await validatePack(path, {
    requireSignature: !values['allow-unsigned'],
    trustedKeys: await loadTrustedKeys(join(dataDir, 'trusted-keys')),
    kioskVersion: projectPaths().version,
    onProgress: (fraction, file) => bar.update(fraction, file),
  });
  bar.done();
  if (values.json) {
    const pack = result.manifest ? { id: result.manifest.id, version: result.manifest.version } : null;
    io.stdout.write(JSON.stringify({ path, valid: result.ok, pack, problems: result.problems }, null, 2) + '\n');
  } else if (result.ok && result.manifest) {
    io.stdout.write(`valid: ${result.manifest.id} ${result.manifest.version} (${path})\n`);
  } else {
    io.stdout.write(lines(result.problems));
  }
  return result.ok ? 0 : 1;
}

async function build(args: string[], io: CliIo): Promise<number> {
  const { values, path } = parse(args, ['out', 'key'], 1);
  if (!values.out) throw new Usage('-o FILE.zip is required');
  let privateKeyPem: string | undefined;
  if (values.key) {
    try {
      privateKeyPem = await readFile(values.key, 'utf8');
    } catch (error) {
      io.stderr.write(`${values.key}: cannot be read (${(error as Error).message})\n`);
      return 1;
    }
  }
  const bar = new ProgressBar(io.stderr);
  const result = await buildPack(path, values.out, {
    privateKeyPem,
    keyName: values.key ? basename(values.key) : undefined,
    onProgress: (fraction, step) => bar.update(fraction, step),
  }).catch((error: Error) => ({ problems: [{ file: values.key ?? path, field: '', message: error.message }], signed: false }));
  bar.done();
  if (result.problems.length > 0) {
    io.stderr.write(lines(result.problems));
    return 1;
  }
  io.stdout.write(`built ${values.out}${result.signed ? '' : ' (unsigned: kiosks refuse it unless started with --allow-unsigned)'}\n`);
  return 0;
}

async function install(args: string[], io: CliIo): Promise<number> {
  const { values, path } = parse(args, ['data', 'allow-unsigned'], 1);
  const dataDir = values.data ?? defaultDataDir();
  const bar = new ProgressBar(io.stderr);
  const result = await storeFor(dataDir, values['allow-unsigned'] ?? false, io, 'install').install(path, (fraction, step) => bar.update(fraction, step));
  bar.done();
  if (result.status === 'installed' && result.info) {
    io.stdout.write(`installed ${result.info.id} ${result.info.version} into ${dataDir}\n`);
    return 0;
  }
  io.stderr.write(`${result.status} ${path}:\n${lines(result.problems)}`);
  return 1;
}

async function rollback(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, ['data', 'allow-unsigned'], 0);
  const dataDir = values.data ?? defaultDataDir();
  const result = await storeFor(dataDir, values['allow-unsigned'] ?? false, io, 'rollback').rollback();
  if (!result.info) {
    io.stderr.write(`nothing rolled back: ${result.reason}\n`);
    return 1;
  }
  io.stdout.write(`current pack is now ${result.info.id} ${result.info.version}\n`);
  return 0;
}

/** A minimal valid pack to start from, in a new or empty folder. */
async function create(args: string[], io: CliIo): Promise<number> {
  const { path } = parse(args, [], 1);
  const result = await newPack(path);
  if (!result.manifestPath) {
    io.stderr.write(`nothing written: ${result.reason}\n`);
    return 1;
  }
  io.stdout.write(`wrote ${result.manifestPath}; preview it with \`crossroads author ${path}\`\n`);
  return 0;
}

/** Draft narration with espeak-ng and opusenc, for the scenarios that have none in a language. */
async function narrate(args: string[], io: CliIo): Promise<number> {
  const { values, path } = parse(args, ['language', 'force'], 1);
  if (!values.language) throw new Usage('--language LANG is required, e.g. --language es');
  try {
    const result = await narratePack(path, { language: values.language, force: values.force ?? false, onLine: (line) => io.stdout.write(line + '\n') });
    const made = result.made.length;
    io.stdout.write(made > 0
      ? `narrated ${made} scenario${made === 1 ? '' : 's'} in ${values.language} (drafts, marked so in pack.json); rebuild and sign the pack with \`crossroads pack build\`\n`
      : `nothing to narrate in ${values.language}: every scenario has narration${values.force ? '' : ' (--force remakes the drafts)'}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof SpeechToolError)) throw error;
    io.stderr.write(`crossroads pack narrate: ${error.message}\n`);
    return 1;
  }
}

const SUBCOMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = { new: create, validate, build, install, rollback, narrate };

export async function run(args: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = args;
  const sub = name ? SUBCOMMANDS[name] : undefined;
  if (!sub) {
    io.stderr.write(`crossroads pack: ${name ? `unknown subcommand '${name}'` : 'which one?'}\n${PACK_USAGE}\n`);
    return 2;
  }
  try {
    return await sub(rest, io);
  } catch (error) {
    if (error instanceof Usage || (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr.write(`crossroads pack ${name}: ${(error as Error).message}\n${PACK_USAGE}\n`);
      return 2;
    }
    throw error;
  }
}
