// Which items of a merged layer show, by key: a target per item and a value
// that eases toward it each frame. The values array is a shader uniform, so a
// scenario switch changes numbers, never geometry.

const SNAP = 1e-3;
/** The flow shaders' cut-off: below it an item is sent off screen. */
export const VISIBLE = 0.005;
/** The visibility of context (what a scenario shows around its subject): fainter and thinner. */
export const QUIET = 0.42;

export class EasedVisibility {
  readonly indexOf = new Map<string, number>();
  /** The uniform the layer's shader reads (one float per item). */
  readonly values: number[];
  private readonly targets: Float32Array;

  constructor(readonly capacity: number) {
    this.values = new Array<number>(capacity).fill(0);
    this.targets = new Float32Array(capacity);
  }

  /** Gives `key` the next free index; undefined when the layer is full. */
  add(key: string): number | undefined {
    if (this.indexOf.size >= this.capacity) return undefined;
    const index = this.indexOf.size;
    this.indexOf.set(key, index);
    return index;
  }

  /**
   * Exactly these keys become visible, at `level` (1: full; QUIET: context,
   * which the flow shaders draw fainter and thinner); the rest fade out.
   */
  show(keys: Iterable<string>, level = 1): void {
    this.targets.fill(0);
    for (const key of keys) {
      const index = this.indexOf.get(key);
      if (index !== undefined) this.targets[index] = level;
    }
  }

  /** The eased visibility of an item, 0..1. */
  visibility(key: string): number {
    const index = this.indexOf.get(key);
    return index === undefined ? 0 : this.values[index]!;
  }

  /** Whether item `index` shows at all (its shader draws it from this value up). */
  shows(index: number): boolean {
    return this.values[index]! >= VISIBLE;
  }

  /** Eases every value toward its target; `t` is 0..1 of the way this frame. False when none moved. */
  update(t: number): boolean {
    const values = this.values;
    const targets = this.targets;
    let moved = false;
    for (let i = 0; i < this.capacity; i++) {
      const value = values[i]!, target = targets[i]!;
      if (value === target) continue;
      // Close enough is there: a still map stops drawing (a thousandth of opacity is under a level of 8-bit colour).
      values[i] = Math.abs(target - value) < SNAP ? target : value + (target - value) * t;
      moved = true;
    }
    return moved;
  }
}
