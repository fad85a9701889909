// `crossroads pack narrate`: a draft narration of each scenario's summary in
// one language, for scenarios that have none, so the kiosk can speak before a
// museum records real voices. Each sentence is spoken alone, so its caption
// starts and ends exactly where its sound does (the lengths come from the WAV
// headers); the sentences are joined as PCM, encoded once to Opus, and the
// track goes into pack.json marked as a draft.

import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NarrationTrack, PackManifest } from '../../content/schema/pack-types.js';
import { writeFileAtomic } from '../core/atomic-file.js';
import { audioChecker } from './audio-container.js';
import { setMember } from './manifest-edit.js';
import { checkTools, DEFAULT_TOOLS, encodeOpus, readWavFile, seconds, speak, SpeechToolError, writeWav, type Pcm, type SpeechTools } from './speech-tools.js';
import { parseWebVtt } from './webvtt-check.js';

export { SpeechToolError } from './speech-tools.js';

/** The credit shown while a draft plays, in the track's language (English for a language without one here). */
export const DRAFT_CREDITS: Record<string, string> = {
  en: 'Draft narration: synthetic voice (espeak-ng)',
  es: 'Narración provisional: voz sintética (espeak-ng)',
};

export interface NarrateOptions {
  language: string;
  /** Remake drafts that exist; a recorded (non-draft) track is never replaced. */
  force?: boolean;
  tools?: SpeechTools;
  /** One line per scenario, for the terminal. */
  onLine?: (line: string) => void;
}

export interface NarratedTrack {
  scenario: string;
  audio: string;
  captions: string;
  seconds: number;
  sentences: number;
}

export interface NarrateResult {
  made: NarratedTrack[];
  /** Scenario ids left as they were, with why. */
  kept: Array<{ scenario: string; reason: string }>;
}

/** A caption longer than this many words is hard to read before the next one comes. */
const LONG_CAPTION_WORDS = 25;

/**
 * The pieces a text is spoken in, one caption each: its sentences, as a
 * reader of `language` splits them, and a long sentence further at its colons
 * and semicolons, where a speaker pauses anyway.
 */
export function sentencesOf(text: string, language: string): string[] {
  const segmenter = new Intl.Segmenter(language, { granularity: 'sentence' });
  const words = (s: string): number => s.split(/\s+/u).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
  return [...segmenter.segment(text)]
    .map((s) => s.segment.trim())
    .flatMap((s) => (words(s) > LONG_CAPTION_WORDS ? s.split(/(?<=[:;])\s+/u) : [s]))
    .filter((s) => /[\p{L}\p{N}]/u.test(s));
}

/** "hh:mm:ss.mmm", as WebVTT writes a time. */
export function vttTime(s: number): string {
  const ms = Math.round(s * 1000);
  const pad = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** WebVTT with one cue per sentence, each as long as its own sound. */
export function captionsFor(sentences: Array<{ text: string; seconds: number }>): string {
  let at = 0;
  const cues = sentences.map((s, i) => {
    const cue = `${i + 1}\n${vttTime(at)} --> ${vttTime(at + s.seconds)}\n${s.text.replace(/-->/g, '->')}\n`;
    at += s.seconds;
    return cue;
  });
  return `WEBVTT\n\n${cues.join('\n')}`;
}

export async function narratePack(dir: string, options: NarrateOptions): Promise<NarrateResult> {
  const { language } = options;
  const tools = options.tools ?? DEFAULT_TOOLS;
  const manifestPath = join(dir, 'pack.json');
  let text = await readFile(manifestPath, 'utf8').catch((error: Error) => {
    throw new SpeechToolError(`${manifestPath} cannot be read (${error.message})`);
  });
  let manifest: PackManifest;
  try {
    manifest = JSON.parse(text.replace(/^\uFEFF/, '')) as PackManifest;
  } catch (error) {
    throw new SpeechToolError(`${manifestPath} is not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(manifest.languages) || !manifest.languages.includes(language)) {
    throw new SpeechToolError(`the pack's languages are ${(manifest.languages ?? []).join(', ') || 'not given'}; '${language}' is not one of them`);
  }
  await checkTools(tools);

  const result: NarrateResult = { made: [], kept: [] };
  const work = await mkdtemp(join(tmpdir(), 'crossroads-narrate-'));
  try {
    await mkdir(join(dir, 'audio'), { recursive: true });
    for (const [index, scenario] of (manifest.scenarios ?? []).entries()) {
      const existing = scenario.narration?.[language];
      if (existing && !(options.force && existing.draft)) {
        const reason = existing.draft ? 'has a draft already (--force remakes it)' : 'has a recorded narration, which is kept';
        result.kept.push({ scenario: scenario.id, reason });
        options.onLine?.(`${scenario.id}: ${reason}`);
        continue;
      }
      const summary = scenario.summary?.[language];
      if (!summary) {
        result.kept.push({ scenario: scenario.id, reason: `has no summary in '${language}' to speak` });
        continue;
      }
      const made = await narrateScenario(dir, work, scenario.id, scenario.title?.[language] ?? scenario.id, summary, language, tools);
      const track: NarrationTrack = { audio: made.audio, captions: made.captions, credit: DRAFT_CREDITS[language] ?? DRAFT_CREDITS.en!, draft: true };
      text = scenario.narration
        ? setMember(text, ['scenarios', index, 'narration'], language, track)
        : setMember(text, ['scenarios', index], 'narration', { [language]: track });
      result.made.push(made);
      options.onLine?.(`${scenario.id}: ${made.audio} (${made.seconds.toFixed(1)} s, ${made.sentences} sentence${made.sentences === 1 ? '' : 's'}) and ${made.captions}`);
    }
    // The pack's file list holds every other file with its hash, in path order, as `pack build` writes it.
    if (result.made.length > 0 && manifest.files && typeof manifest.files === 'object') {
      const files: Record<string, string> = { ...manifest.files };
      for (const made of result.made) {
        for (const path of [made.audio, made.captions]) files[path] = sha256(await readFile(join(dir, path)));
      }
      const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      text = setMember(text, [], 'files', sorted);
    }
    if (result.made.length > 0) await writeFileAtomic(manifestPath, text);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  return result;
}

async function narrateScenario(dir: string, work: string, id: string, title: string, summary: string, language: string, tools: SpeechTools): Promise<NarratedTrack> {
  const parts = sentencesOf(summary, language);
  const spoken: Array<{ text: string; seconds: number; pcm: Pcm }> = [];
  for (const [i, sentence] of parts.entries()) {
    const wav = join(work, `${id}-${i}.wav`);
    await speak(sentence, language, wav, tools);
    const pcm = await readWavFile(wav);
    if (spoken[0] && (pcm.rate !== spoken[0].pcm.rate || pcm.channels !== spoken[0].pcm.channels || pcm.bits !== spoken[0].pcm.bits)) {
      throw new SpeechToolError(`espeak-ng changed its sample format between sentences of ${id}`);
    }
    spoken.push({ text: sentence, seconds: seconds(pcm), pcm });
  }
  if (spoken.length === 0) throw new SpeechToolError(`the ${language} summary of ${id} has no sentence to speak`);
  const joined = join(work, `${id}.wav`);
  await writeWav(joined, { ...spoken[0]!.pcm, data: Buffer.concat(spoken.map((s) => s.pcm.data)) });

  const audio = `audio/${id}.${language}.opus`;
  const captions = `audio/${id}.${language}.vtt`;
  const opus = join(work, `${id}.opus`);
  const serial = createHash('sha256').update(audio).digest().readUInt32BE(0) & 0x7fffffff;
  await encodeOpus(joined, opus, { title, artist: DRAFT_CREDITS[language] ?? DRAFT_CREDITS.en! }, serial, tools);
  const opusBytes = await readFile(opus);
  const vtt = captionsFor(spoken);
  // What the kiosk's validator would refuse is refused here, before pack.json names it.
  const checker = audioChecker('opus');
  checker.push(opusBytes);
  const broken = checker.finish();
  const parsed = parseWebVtt(Buffer.from(vtt));
  if (broken) throw new SpeechToolError(`opusenc wrote a file that ${broken}`);
  if ('problem' in parsed) throw new SpeechToolError(`the captions for ${id} came out wrong: they ${parsed.problem}`);

  await writeFileAtomic(join(dir, audio), opusBytes);
  await writeFileAtomic(join(dir, captions), vtt);
  const total = spoken.reduce((sum, s) => sum + s.seconds, 0);
  return { scenario: id, audio, captions, seconds: total, sentences: spoken.length };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
