// The nonces of accepted commands, so a captured command cannot be played
// again. Bounded in time (an entry goes once its command would be expired
// anyway) and in size (when full of live entries it refuses rather than
// forgets, since forgetting would let a replay through).

export type Remembered = 'new' | 'seen' | 'full';

export interface NonceEntry {
  nonce: string;
  /** Epoch ms after which the command is expired and the nonce can go. */
  until: number;
}

export class NonceMemory {
  private readonly entries = new Map<string, number>();

  constructor(readonly maxEntries = 1000) {}

  get size(): number {
    return this.entries.size;
  }

  remember(nonce: string, until: number, now: number): Remembered {
    this.prune(now);
    if (this.entries.has(nonce)) return 'seen';
    if (this.entries.size >= this.maxEntries) return 'full';
    this.entries.set(nonce, until);
    return 'new';
  }

  /** Drops every entry whose command is expired by now. */
  prune(now: number): void {
    for (const [nonce, until] of this.entries) if (until < now) this.entries.delete(nonce);
  }

  /** Live entries, for keeping across a restart. */
  toJSON(now: number): NonceEntry[] {
    this.prune(now);
    return [...this.entries].map(([nonce, until]) => ({ nonce, until }));
  }

  /** Takes entries saved by toJSON; anything malformed or expired is skipped. */
  load(value: unknown, now: number): void {
    if (!Array.isArray(value)) return;
    for (const entry of value as Partial<NonceEntry>[]) {
      if (this.entries.size >= this.maxEntries) break;
      if (typeof entry?.nonce === 'string' && typeof entry.until === 'number' && entry.until >= now) this.entries.set(entry.nonce, entry.until);
    }
  }
}
