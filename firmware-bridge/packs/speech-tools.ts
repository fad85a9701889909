// The Debian programs a draft narration is made with, run offline: espeak-ng
// speaks a sentence into a WAV file, opusenc encodes the joined speech. Each
// is named with its Debian package when it is missing, so the maintainer
// knows what to install.

import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';

export class SpeechToolError extends Error {
  override name = 'SpeechToolError';
}

export interface SpeechTools {
  espeak: string;
  opusenc: string;
}

export const DEFAULT_TOOLS: SpeechTools = { espeak: 'espeak-ng', opusenc: 'opusenc' };

const PACKAGES: Record<keyof SpeechTools, string> = { espeak: 'espeak-ng', opusenc: 'opus-tools' };

/** Runs a tool to its end with `input` on stdin; rejects with its own words when it fails. */
function runTool(which: keyof SpeechTools, tools: SpeechTools, args: string[], input?: string): Promise<string> {
  const command = tools[which];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', (error: NodeJS.ErrnoException) => {
      reject(new SpeechToolError(error.code === 'ENOENT'
        ? `${command} is not installed: install the Debian package ${PACKAGES[which]} (sudo apt install ${PACKAGES[which]})`
        : `${command} could not be run (${error.message})`));
    });
    child.on('close', (code) => {
      const said = Buffer.concat(err).toString('utf8').trim().split('\n').slice(-3).join(' ');
      if (code === 0) resolve(Buffer.concat(out).toString('utf8'));
      else reject(new SpeechToolError(`${command} failed (exit ${code ?? 'by signal'})${said ? `: ${said}` : ''}`));
    });
    child.stdin.on('error', () => {}); // a tool that exits early closes its stdin; its exit code tells why
    child.stdin.end(input ?? '');
  });
}

/** Fails with the package to install when either tool is missing. */
export async function checkTools(tools: SpeechTools = DEFAULT_TOOLS): Promise<void> {
  await runTool('espeak', tools, ['--version']);
  await runTool('opusenc', tools, ['--version']);
}

/** The espeak-ng voice for a pack language: British English for "en", the tag itself otherwise. */
export function voiceFor(language: string): string {
  if (language === 'en') return 'en-gb';
  return language.toLowerCase();
}

/** Speaks one sentence into a WAV file. */
export async function speak(text: string, language: string, wavPath: string, tools: SpeechTools = DEFAULT_TOOLS): Promise<void> {
  // -b 1: the text is UTF-8; -s 150 words a minute, a little slower than the default, for a hall.
  await runTool('espeak', tools, ['-v', voiceFor(language), '-s', '150', '-b', '1', '-w', wavPath], text);
}

export interface Pcm {
  channels: number;
  rate: number;
  bits: number;
  data: Buffer;
}

/** The PCM samples and format of a WAV file, from its fmt and data chunks. */
export function readWav(bytes: Buffer, label: string): Pcm {
  if (bytes.toString('latin1', 0, 4) !== 'RIFF' || bytes.toString('latin1', 8, 12) !== 'WAVE') throw new SpeechToolError(`${label} is not a WAV file`);
  let format: Omit<Pcm, 'data'> | null = null;
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('latin1', at, at + 4);
    // espeak-ng writing to a pipe leaves the sizes at their maximum: then the data runs to the end.
    const size = Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8);
    if (id === 'fmt ') {
      if (bytes.readUInt16LE(at + 8) !== 1) throw new SpeechToolError(`${label} is not plain PCM`);
      format = { channels: bytes.readUInt16LE(at + 10), rate: bytes.readUInt32LE(at + 12), bits: bytes.readUInt16LE(at + 22) };
    } else if (id === 'data') {
      if (!format) throw new SpeechToolError(`${label} has its samples before their format`);
      return { ...format, data: bytes.subarray(at + 8, at + 8 + size) };
    }
    at += 8 + size + (size & 1);
  }
  throw new SpeechToolError(`${label} holds no samples`);
}

export function seconds(pcm: Pcm): number {
  return pcm.data.length / (pcm.rate * pcm.channels * (pcm.bits / 8));
}

export async function readWavFile(path: string): Promise<Pcm> {
  return readWav(await readFile(path), path);
}

/** Writes PCM as a WAV file. */
export async function writeWav(path: string, pcm: Pcm): Promise<void> {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'latin1');
  header.writeUInt32LE(36 + pcm.data.length, 4);
  header.write('WAVEfmt ', 8, 'latin1');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(pcm.channels, 22);
  header.writeUInt32LE(pcm.rate, 24);
  header.writeUInt32LE((pcm.rate * pcm.channels * pcm.bits) / 8, 28);
  header.writeUInt16LE((pcm.channels * pcm.bits) / 8, 32);
  header.writeUInt16LE(pcm.bits, 34);
  header.write('data', 36, 'latin1');
  header.writeUInt32LE(pcm.data.length, 40);
  await writeFile(path, Buffer.concat([header, pcm.data]));
}

/** Encodes a WAV file to mono Ogg Opus at a speech bitrate; a fixed stream serial keeps the output the same each run. */
export async function encodeOpus(wavPath: string, opusPath: string, tags: { title: string; artist: string }, serial: number, tools: SpeechTools = DEFAULT_TOOLS): Promise<void> {
  await runTool('opusenc', tools, [
    '--quiet', '--bitrate', '24', '--downmix-mono', '--serial', String(serial),
    '--title', tags.title, '--artist', tags.artist, wavPath, opusPath,
  ]);
}
