// Plays one narration at a time through an <audio> element it owns, and
// tracks which caption cue belongs to the media time. The voice starts once
// the captions are read (or could not be), so the first words have theirs
// too, while the audio already buffers. The cue is matched on
// every animation frame while playing (and on timeupdate and seeks, for a
// page whose frames are held up), so captions follow the voice to within a
// frame. A file that cannot load or play ends the narration quietly: the
// bridge's log hears why, the visitor only sees it stop.

import type { NarrationSource } from './pack-media.js';
import { cueIndexAt, parseWebVtt, type Cue } from './webvtt.js';

/** What the page shows (and the page hooks report) about the narration. */
export interface NarrationView {
  /** A narration is on (from the press that started it until it ends or stops). */
  playing: boolean;
  /** Media time in seconds (0 when nothing plays). */
  currentTime: number;
  /** The caption on screen, or null. */
  cue: string | null;
  /** 0..1. */
  volume: number;
}

export interface NarrationPlayerOptions {
  /** Playing started or stopped, the cue changed, or the volume did. */
  onChange: () => void;
  /** The media time moved on (a few times a second): someone is listening. */
  onProgress?: () => void;
  /** Why a narration or its captions could not be used, for the bridge's log. */
  onProblem?: (message: string) => void;
  volume?: number;
}

export const DEFAULT_VOLUME = 0.8;

export class NarrationPlayer {
  private readonly audio = new Audio();
  private current: NarrationSource | null = null;
  private cues: readonly Cue[] = [];
  private cueIndex = -1;
  private frame = 0;
  private captionsLoad: AbortController | null = null;
  private level: number;
  private readonly listeners: [string, () => void][] = [
    ['ended', () => this.stop()],
    ['error', () => this.fail(`narration ${this.current?.audioUrl ?? ''} cannot be played (media error ${this.audio.error?.code ?? '?'})`)],
    ['timeupdate', () => this.progress()],
    ['seeked', () => this.sync()],
    ['playing', () => this.sync()],
  ];

  constructor(private readonly options: NarrationPlayerOptions) {
    this.level = clampVolume(options.volume ?? DEFAULT_VOLUME);
    this.audio.preload = 'auto';
    this.audio.volume = this.level;
    for (const [type, listener] of this.listeners) this.audio.addEventListener(type, listener);
  }

  /** The narration playing (or starting), or null. */
  get source(): NarrationSource | null {
    return this.current;
  }

  get volume(): number {
    return this.level;
  }

  get view(): NarrationView {
    return {
      playing: this.current !== null,
      currentTime: this.current ? this.audio.currentTime : 0,
      cue: this.cueIndex >= 0 ? (this.cues[this.cueIndex]?.text ?? null) : null,
      volume: this.level,
    };
  }

  play(source: NarrationSource): void {
    this.halt();
    this.current = source;
    const load = new AbortController();
    this.captionsLoad = load;
    this.audio.src = source.audioUrl;
    void this.loadCaptions(source, load.signal).then(() => this.start(source));
    this.options.onChange();
  }

  stop(): void {
    if (!this.current) return;
    this.halt();
    this.options.onChange();
  }

  setVolume(volume: number): void {
    const level = clampVolume(volume);
    if (level === this.level) return;
    this.level = level;
    this.audio.volume = level;
    this.options.onChange();
  }

  dispose(): void {
    this.halt();
    for (const [type, listener] of this.listeners) this.audio.removeEventListener(type, listener);
  }

  private start(source: NarrationSource): void {
    if (this.current !== source) return;
    this.audio.play().catch((error: unknown) => {
      // A play() cut short by stop() rejects too; only the narration still meant to play is a problem.
      if (this.current === source) this.fail(`narration ${source.audioUrl} did not start: ${error instanceof Error ? error.name : String(error)}`);
    });
    this.frame = requestAnimationFrame(this.tick);
  }

  private readonly tick = (): void => {
    this.frame = 0;
    if (!this.current) return;
    this.sync();
    this.frame = requestAnimationFrame(this.tick);
  };

  private progress(): void {
    this.sync();
    if (this.current && !this.audio.paused) this.options.onProgress?.();
  }

  /** Matches the cue to the media time; tells the page only when it changed. */
  private sync(): void {
    const index = this.current ? cueIndexAt(this.cues, this.audio.currentTime) : -1;
    if (index === this.cueIndex) return;
    this.cueIndex = index;
    this.options.onChange();
  }

  private async loadCaptions(source: NarrationSource, signal: AbortSignal): Promise<void> {
    try {
      const response = await fetch(source.captionsUrl, { signal });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const cues = parseWebVtt(await response.text());
      if (this.current !== source) return;
      if (cues.length === 0) this.options.onProblem?.(`captions ${source.captionsUrl} hold no WebVTT cues`);
      this.cues = cues;
      this.sync();
    } catch (error) {
      if (signal.aborted || this.current !== source) return;
      // The voice goes on without captions; the log says which file to fix.
      this.options.onProblem?.(`captions ${source.captionsUrl} could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private fail(message: string): void {
    if (!this.current) return;
    this.options.onProblem?.(message);
    this.stop();
  }

  /** Stops without telling anyone: the audio released, the captions dropped. */
  private halt(): void {
    this.current = null;
    this.captionsLoad?.abort();
    this.captionsLoad = null;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.cues = [];
    this.cueIndex = -1;
    this.audio.pause();
    if (this.audio.hasAttribute('src')) {
      // Emptied, so the element lets go of the file and its decoder.
      this.audio.removeAttribute('src');
      this.audio.load();
    }
  }
}

function clampVolume(volume: number): number {
  return Number.isFinite(volume) ? Math.min(1, Math.max(0, volume)) : DEFAULT_VOLUME;
}
