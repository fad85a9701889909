// From an input's pin edge to the first byte of the frame that reports it, on the board
// clock: the press's first contact for a BTN, the edge that completes a knob's first
// detent for a KNOB. Inputs are keyed `BTN <i>` or `KNOB <k>`.

export interface LatencyFigures {
  btnLatencyMaxCycles: number;
  btnLatencyCount: number;
  knobLatencyMaxCycles: number;
  knobLatencyCount: number;
}

const FRAME = /^(BTN|KNOB) \d+ (\d+) /;

export class LatencyLog {
  private readonly marks = new Map<string, number>();
  private readonly worst = { BTN: 0, KNOB: 0 };
  private readonly count = { BTN: 0, KNOB: 0 };

  /** An input happened at `cycle`; a later one on the same control replaces it. */
  input(key: string, cycle: number): void {
    this.marks.set(key, cycle);
  }

  /** A frame went out at `cycle`: its latency in cycles, or null when no input waits for it. */
  frame(line: string, cycle: number): number | null {
    const match = FRAME.exec(line);
    if (!match) return null;
    const type = match[1] as 'BTN' | 'KNOB';
    const key = `${type} ${match[2]}`;
    const mark = this.marks.get(key);
    if (mark === undefined) return null;
    this.marks.delete(key);
    const cycles = cycle - mark;
    this.worst[type] = Math.max(this.worst[type], cycles);
    this.count[type]++;
    return cycles;
  }

  /** A restart: frames for inputs before it never come. */
  clear(): void {
    this.marks.clear();
  }

  figures(): LatencyFigures {
    return { btnLatencyMaxCycles: this.worst.BTN, btnLatencyCount: this.count.BTN, knobLatencyMaxCycles: this.worst.KNOB, knobLatencyCount: this.count.KNOB };
  }
}
