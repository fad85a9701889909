// What the host believes about the panel: which buttons are down and where
// each knob stands. Pure. Every change it reports is an input to emit, so the
// inputs emitted always add up to the believed state: after a lost BTN or
// KNOB frame (a gap in seq) the next STATE supplies the missing releases and
// knob deltas.

import type { PanelInput } from '../api/messages.js';
import type { BoardFrame } from './frame-codec.js';

export type InputFrame = Extract<BoardFrame, { type: 'BTN' | 'KNOB' | 'STATE' }>;

export type ApplyResult = { ok: true; inputs: PanelInput[]; gap: boolean } | { ok: false; detail: string };

export class BoardState {
  private readonly pressed: boolean[];
  /** Knob positions as counted by the host; null until a STATE gives a baseline. */
  private readonly positions: (number | null)[];
  private lastSeq: number | null = null;
  private gapCount = 0;

  constructor(
    readonly buttons: number,
    readonly knobs: number,
  ) {
    this.pressed = new Array<boolean>(buttons).fill(false);
    this.positions = new Array<number | null>(knobs).fill(null);
  }

  /** Sequence gaps seen: each means at least one frame was lost. */
  get gaps(): number {
    return this.gapCount;
  }

  pressedButtons(): number[] {
    return this.pressed.flatMap((down, i) => (down ? [i] : []));
  }

  /** The board restarted (a new HELLO): its sequence and knob counts start over. */
  restart(): void {
    this.lastSeq = null;
    this.positions.fill(null);
  }

  /** Releases every pressed button, for when the board is lost. */
  releaseAll(): PanelInput[] {
    return this.pressedButtons().map((index) => {
      this.pressed[index] = false;
      return { kind: 'button', index, pressed: false };
    });
  }

  apply(frame: InputFrame): ApplyResult {
    const invalid = this.validate(frame);
    if (invalid) return { ok: false, detail: invalid };
    const gap = this.lastSeq !== null && frame.seq !== ((this.lastSeq + 1) & 0xff);
    if (gap) this.gapCount++;
    this.lastSeq = frame.seq;
    const inputs: PanelInput[] = [];
    switch (frame.type) {
      case 'BTN':
        this.setButton(frame.index, frame.pressed, inputs);
        break;
      case 'KNOB': {
        const position = this.positions[frame.index];
        if (position !== null && position !== undefined) this.positions[frame.index] = (position + frame.delta) | 0;
        inputs.push({ kind: 'knob', index: frame.index, delta: frame.delta });
        break;
      }
      case 'STATE':
        // Buttons: the mask is the debounced level, every change of which was
        // sent as a BTN before it, so any difference is what lost frames said.
        for (let i = 0; i < this.buttons; i++) this.setButton(i, ((frame.mask >>> i) & 1) === 1, inputs);
        // Knobs: a board may count detents it has not reported yet (a KNOB
        // still on its way), so counts are trusted only when frames were lost.
        frame.counts.forEach((count, k) => {
          const position = this.positions[k];
          const delta = !gap || position === null || position === undefined ? 0 : (count - position) | 0;
          if (delta !== 0) inputs.push({ kind: 'knob', index: k, delta });
          this.positions[k] = count;
        });
        break;
    }
    return { ok: true, inputs, gap };
  }

  private setButton(index: number, down: boolean, inputs: PanelInput[]): void {
    if (this.pressed[index] === down) return;
    this.pressed[index] = down;
    inputs.push({ kind: 'button', index, pressed: down });
  }

  private validate(frame: InputFrame): string | null {
    if (frame.type === 'BTN' && frame.index >= this.buttons) return `button ${frame.index} but the board has ${this.buttons}`;
    if (frame.type === 'KNOB' && frame.index >= this.knobs) return `knob ${frame.index} but the board has ${this.knobs}`;
    if (frame.type === 'STATE') {
      if (frame.counts.length !== this.knobs) return `${frame.counts.length} knob counts but the board has ${this.knobs} knobs`;
      if (this.buttons < 32 && frame.mask >>> this.buttons !== 0) return `mask ${frame.mask.toString(16)} names buttons beyond ${this.buttons}`;
    }
    return null;
  }
}
