// Whether the narration can be heard: an ALSA playback device exists, the one
// install.sh chose (/etc/asound.conf) is among them, and its volume is neither
// muted nor at zero. ALSA cannot tell whether the HDMI display has speakers,
// so the summary says which output it is, for a person to listen.

import { ok, warn, fail, type CheckResult } from './check-result.js';
import type { DoctorProbes } from './probes.js';

const NAME = 'sound';
const MARK = /^# crossroads-audio: (\w+) (\S+)/m;

/** Card names from `aplay -l` ("card 0: vc4hdmi0 [vc4-hdmi-0], device 0: ..."). */
export function playbackCards(aplayList: string): string[] {
  return [...new Set([...aplayList.matchAll(/^card \d+: (\S+) \[/gm)].map((m) => m[1]!))];
}

export interface MixerState {
  /** Playback switches found off. */
  muted: string[];
  /** Playback volumes, in percent. */
  levels: number[];
}

/** The playback switches and levels of `amixer -c CARD scontents`. */
export function mixerState(scontents: string): MixerState {
  const state: MixerState = { muted: [], levels: [] };
  let control = '';
  for (const line of scontents.split('\n')) {
    const name = /^Simple mixer control '([^']+)'/.exec(line);
    if (name) { control = name[1]!; continue; }
    // "  Mono: Playback -2000 [77%] [-20.00dB] [on]"; not "Limits: Playback ..." (no brackets) nor capture.
    if (!/^\s+[\w ]+: Playback\b.*\[/.test(line)) continue;
    const level = /\[(\d+)%\]/.exec(line);
    if (level) state.levels.push(Number(level[1]));
    if (/\[off\]/.test(line) && !state.muted.includes(control)) state.muted.push(control);
  }
  return state;
}

export async function checkSound(probes: DoctorProbes): Promise<CheckResult> {
  const listed = await probes.run('aplay', ['-l']);
  if (!listed) return ok(NAME, 'cannot tell whether sound plays: aplay is not installed (sudo apt install alsa-utils)');
  const cards = listed.code === 0 ? playbackCards(listed.stdout) : [];
  const reinstall = 'on a Pi, keep dtparam=audio=on in /boot/firmware/config.txt; then choose the output: sudo firmware-bridge/system/install.sh --audio hdmi (or jack)';
  if (cards.length === 0) return fail(NAME, 'no sound card can play: the narration will be silent', reinstall);

  const conf = await probes.readText('/etc/asound.conf');
  const chosen = conf ? MARK.exec(conf) : null;
  const card = chosen?.[2] ?? cards[0]!;
  const output = chosen ? `${chosen[1] === 'jack' ? 'the headphone jack' : 'HDMI'}, ALSA card ${card}` : `ALSA card ${card}, the first one (install.sh did not choose one)`;
  if (!cards.includes(card)) {
    const fix = chosen?.[1] === 'hdmi'
      ? 'connect the display to the Pi before it boots, or send sound to the jack: sudo firmware-bridge/system/install.sh --audio jack'
      : 'send sound to HDMI: sudo firmware-bridge/system/install.sh --audio hdmi';
    return fail(NAME, `sound goes to ${output}, which is not there (cards: ${cards.join(', ')})`, fix);
  }

  const mixer = await probes.run('amixer', ['-c', card, 'scontents']);
  if (!mixer || mixer.code !== 0) return ok(NAME, `a sound card can play (${output}); cannot tell whether it is muted (amixer ${mixer ? 'failed' : 'is not installed'})`);
  const state = mixerState(mixer.stdout);
  const unmute = `amixer -c ${card} sset PCM 0dB unmute && sudo alsactl store`;
  if (state.muted.length > 0) return warn(NAME, `sound goes to ${output}, but ${state.muted.join(', ')} is muted`, unmute);
  if (state.levels.length > 0 && state.levels.every((level) => level === 0)) return warn(NAME, `sound goes to ${output}, but its volume is at 0%`, unmute);
  const level = state.levels.length > 0 ? `, volume ${Math.max(...state.levels)}%` : '';
  return ok(NAME, `sound can play on ${output}${level}, not muted`);
}
