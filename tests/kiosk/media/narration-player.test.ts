// The narration player in real Chromium with real Opus files and WebVTT
// captions (tests/kiosk/fixtures/media/): the media time advances, the cue
// follows it within 250 ms, and stopping releases the audio.

import { expect } from '@esm-bundle/chai';
import { NarrationPlayer } from '../../../kiosk/media/narration-player.js';
import { cueIndexAt } from '../../../kiosk/media/webvtt.js';
import { until } from '../ui/harness.js';
import { EN_CUES, MEDIA_VERSION } from './media-pack.js';

const source = (name: string, captions = 'ships-en.vtt') => ({
  key: name,
  audioUrl: `/pack/${MEDIA_VERSION}/audio/${name}`,
  captionsUrl: `/pack/${MEDIA_VERSION}/audio/${captions}`,
  credit: 'test',
  draft: false,
});

/** The cues a caption may rightly show at media time `t`: the one at t, or one at most 250 ms before it. */
function allowed(t: number): Set<string | null> {
  const at = (time: number) => {
    const i = cueIndexAt(EN_CUES, time);
    return i >= 0 ? EN_CUES[i]!.text : null;
  };
  const texts = new Set<string | null>();
  for (let lag = 0; lag <= 0.25; lag += 0.01) texts.add(at(Math.max(0, t - lag)));
  return texts;
}

describe('NarrationPlayer', () => {
  let player: NarrationPlayer;
  let changes: number;
  let problems: string[];
  beforeEach(() => {
    changes = 0;
    problems = [];
    player = new NarrationPlayer({ onChange: () => changes++, onProblem: (m) => problems.push(m) });
  });
  afterEach(() => player.dispose());

  it('plays: the media time advances and the cue follows it within 250 ms, every cue in turn', async () => {
    player.play(source('ships-en.opus'));
    expect(player.view.playing).to.equal(true);
    const seen: string[] = [];
    const late: string[] = [];
    // Sampled each frame until the last cue has been shown and gone.
    await until(
      () => {
        const { currentTime, cue, playing } = player.view;
        if (cue !== null && seen.at(-1) !== cue) seen.push(cue);
        // Judged once the voice has started (before that, nothing is said that needs a caption).
        if (playing && currentTime > 0 && !allowed(currentTime).has(cue)) late.push(`${cue} at ${currentTime.toFixed(3)} s`);
        return seen.length === EN_CUES.length && (cue === null || !player.view.playing);
      },
      () => `all cues: saw ${JSON.stringify(seen)} at ${player.view.currentTime} s`,
      15_000,
    );
    expect(late).to.deep.equal([]);
    expect(seen).to.deep.equal(EN_CUES.map((c) => c.text));
    expect(problems).to.deep.equal([]);
  });

  it('ends by itself at the end of the file, silent and without a caption', async () => {
    // Under a second of voice: the end comes without five seconds of waiting for it.
    player.play(source('short-en.opus', 'short-en.vtt'));
    await until(() => player.source === null, () => `the end; at ${player.view.currentTime} s`, 15_000);
    expect(player.view).to.deep.equal({ playing: false, currentTime: 0, cue: null, volume: player.volume });
    // Ended, not given up: a file that cannot play says so.
    expect(problems).to.deep.equal([]);
  });

  it('stops at once, letting go of the file; plays again from the start', async () => {
    player.play(source('ships-en.opus'));
    await until(() => player.view.currentTime > 0.3, () => `media time past 0.3 s, at ${player.view.currentTime}`);
    const before = changes;
    player.stop();
    expect(player.view.playing).to.equal(false);
    expect(player.view.cue).to.equal(null);
    expect(changes).to.equal(before + 1);
    player.play(source('ships-en.opus'));
    expect(player.view.currentTime).to.be.below(0.3);
    await until(() => player.view.cue === EN_CUES[0]!.text, 'the first cue again');
  });

  it('keeps the volume within 0..1', () => {
    player.setVolume(1.7);
    expect(player.volume).to.equal(1);
    player.setVolume(-0.2);
    expect(player.volume).to.equal(0);
    player.setVolume(Number.NaN);
    expect(player.volume).to.equal(0.8);
  });

  it('stops quietly, saying why to the log, for a file that is no audio', async () => {
    player.play(source('broken.opus'));
    await until(() => player.source === null, 'the broken narration to stop');
    expect(problems.join('\n')).to.match(/broken\.opus/);
  });

  it('plays on without captions when they cannot be read', async () => {
    player.play(source('ships-en.opus', 'not-there.vtt'));
    await until(() => player.view.currentTime > 0.3 && problems.length > 0, () => `playing with a problem logged: ${JSON.stringify(problems)}`);
    expect(player.view.playing).to.equal(true);
    expect(player.view.cue).to.equal(null);
    expect(problems[0]).to.match(/not-there\.vtt could not be read: HTTP 404/);
  });
});
