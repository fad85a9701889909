// Which items of a merged layer show, by key: a target per item and a value
// that eases toward it each frame. The values array is a shader uniform, so a
// scenario switch changes numbers, never geometry.

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

  /** Exactly these keys become visible; the rest fade out. */
  show(keys: Iterable<string>): void {
    this.targets.fill(0);
    for (const key of keys) {
      const index = this.indexOf.get(key);
      if (index !== undefined) this.targets[index] = 1;
    }
  }

  /** The eased visibility of an item, 0..1. */
  visibility(key: string): number {
    const index = this.indexOf.get(key);
    return index === undefined ? 0 : this.values[index]!;
  }

  /** Eases every value toward its target; `t` is 0..1 of the way this frame. */
  update(t: number): void {
    const values = this.values;
    const targets = this.targets;
    for (let i = 0; i < this.capacity; i++) values[i]! += (targets[i]! - values[i]!) * t;
  }
}
