// `crossroads doctor` run for real as a command, its sound check reading what
// aplay and amixer print. There is no sound card on the machines the tests
// run on, so aplay and amixer are small fakes put first on PATH, printing what
// a Raspberry Pi 4's print; a PATH without them shows the "cannot tell" case.
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../../../firmware-bridge/cli/run.ts', import.meta.url));

let dir: string;

function fake(bin: string, name: string, script: string): void {
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`);
  chmodSync(join(bin, name), 0o755);
}

/** The doctor's "sound" line with only `bin` on PATH (the bridge URL answers nothing, which is another line). */
function soundLine(bin: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'doctor', '--url', 'http://127.0.0.1:9', '--data', dir], {
      env: { ...process.env, PATH: bin }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.on('error', reject);
    child.on('close', () => {
      const text = Buffer.concat(out).toString();
      resolve(text.split('\n').find((l) => /^(OK|WARN|FAIL)\s+sound\s/.test(l)) ?? `no sound line in:\n${text}`);
    });
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'crossroads-doctor-sound-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('crossroads doctor: sound', () => {
  it('says sound plays when aplay lists a card and amixer shows it on', async () => {
    const bin = join(dir, 'playing');
    fake(bin, 'aplay', `[ "$1" = -l ] || exit 2
printf '%s\\n' '**** List of PLAYBACK Hardware Devices ****' 'card 0: Headphones [bcm2835 Headphones], device 0: bcm2835 Headphones [bcm2835 Headphones]'`);
    fake(bin, 'amixer', `[ "$1 $2 $3" = "-c Headphones scontents" ] || exit 2
printf '%s\\n' "Simple mixer control 'PCM',0" '  Playback channels: Mono' '  Mono: Playback -2000 [77%] [-20.00dB] [on]'`);
    expect(await soundLine(bin)).toMatch(/^OK +sound +sound can play on ALSA card Headphones, the first one \(install.sh did not choose one\), volume 77%, not muted$/);
  });

  it('warns when the card is muted, and fails when aplay finds no card', async () => {
    const muted = join(dir, 'muted');
    fake(muted, 'aplay', `printf '%s\\n' 'card 0: Headphones [bcm2835 Headphones], device 0: bcm2835 Headphones [bcm2835 Headphones]'`);
    fake(muted, 'amixer', `printf '%s\\n' "Simple mixer control 'PCM',0" '  Mono: Playback -2000 [77%] [-20.00dB] [off]'`);
    expect(await soundLine(muted)).toMatch(/^WARN +sound +.*but PCM is muted$/);
    const none = join(dir, 'none');
    fake(none, 'aplay', `echo 'aplay: device_list:274: no soundcards found...' >&2; exit 1`);
    expect(await soundLine(none)).toMatch(/^FAIL +sound +no sound card can play/);
  });

  it('says it cannot tell when aplay is not installed', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    expect(await soundLine(empty)).toMatch(/^OK +sound +cannot tell whether sound plays: aplay is not installed \(sudo apt install alsa-utils\)$/);
  });
});
