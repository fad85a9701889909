// Spoken narration, as a Lit reactive controller: it owns the player (and its
// <audio> element) while the host is in the page. A visitor starts and stops
// the scenario's narration in their language; it stops by itself when what it
// speaks about leaves the screen (another scenario, another language, another
// mode, a new pack, the idle reset) and never plays in the attract loop. The
// volume knob's level lasts for the visit: the idle reset puts it back.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { narrationFor, type NarrationSource } from '../media/pack-media.js';
import { DEFAULT_VOLUME, NarrationPlayer, type NarrationView } from '../media/narration-player.js';
import { visitorMode } from './app-view.js';
import type { ExhibitSnapshot, ExhibitState } from './exhibit-state.js';

export interface NarrationControllerOptions {
  state: ExhibitState;
  /** Someone is listening: the idle reset waits. */
  onListening: () => void;
  log: (level: 'warn', message: string) => void;
}

/** One knob detent of volume. */
export const VOLUME_STEP = 0.05;

const SILENT: NarrationView = { playing: false, currentTime: 0, cue: null, volume: DEFAULT_VOLUME };

export class NarrationController implements ReactiveController {
  private player: NarrationPlayer | null = null;
  private volume = DEFAULT_VOLUME;
  /** The mode it started in: any change of mode ends it. */
  private playingMode: ExhibitSnapshot['mode'] | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: NarrationControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.player = new NarrationPlayer({
      volume: this.volume,
      onChange: () => this.host.requestUpdate(),
      onProgress: () => this.options.onListening(),
      onProblem: (message) => this.options.log('warn', message),
    });
  }

  hostDisconnected(): void {
    this.player?.dispose();
    this.player = null;
    this.playingMode = null;
  }

  /** The narration the scenario on screen has in the visitor's language, when a visitor may hear it. */
  get available(): NarrationSource | null {
    const { current: s, manifest } = this.options.state;
    return visitorMode(s) ? narrationFor(manifest, s.scenario, s.language) : null;
  }

  /** What plays now (null when silent), for the captions and the play button. */
  get source(): NarrationSource | null {
    return this.player?.source ?? null;
  }

  get view(): NarrationView {
    return this.player?.view ?? { ...SILENT, volume: this.volume };
  }

  /** The play/stop control. */
  toggle(): void {
    const player = this.player;
    if (!player) return;
    if (player.source) return this.stop();
    const source = this.available;
    if (!source) return;
    this.playingMode = this.options.state.current.mode;
    player.play(source);
  }

  /** The volume knob: `delta` detents, kept within 0..1. */
  turn(delta: number): void {
    this.volume = Math.min(1, Math.max(0, Math.round((this.volume + delta * VOLUME_STEP) * 100) / 100));
    this.player?.setVolume(this.volume);
  }

  /** The exhibit changed: a narration about something no longer on screen stops. */
  follow(snapshot: ExhibitSnapshot): void {
    if (snapshot.mode === 'attract' && this.volume !== DEFAULT_VOLUME) {
      this.volume = DEFAULT_VOLUME;
      this.player?.setVolume(DEFAULT_VOLUME);
    }
    const playing = this.player?.source;
    if (!playing) return;
    if (snapshot.mode !== this.playingMode || this.available?.key !== playing.key) this.stop();
  }

  private stop(): void {
    this.playingMode = null;
    this.player?.stop();
  }
}
