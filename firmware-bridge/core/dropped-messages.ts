// Counts the messages a boundary of the bridge dropped, by kind, and logs
// the first of each kind only: a page (or a local process) sending garbage in
// a loop must not fill the journal, but a maintainer still sees that it
// happens, and /health carries the counts.

import type { Logger } from './logger.js';

export interface DroppedCounts {
  /** Every page message dropped since the bridge started. */
  pageMessages: number;
  /** The same, by why: a message type whose fields were bad, or not-json, too-long... */
  byKind: Record<string, number>;
}

export class DroppedMessages {
  private total = 0;
  private readonly byKind = new Map<string, number>();

  constructor(private readonly log: Logger) {}

  drop(kind: string, detail: string): void {
    this.total++;
    const seen = this.byKind.get(kind) ?? 0;
    this.byKind.set(kind, seen + 1);
    if (seen === 0) this.log.warn(`dropped a malformed message from the page (${kind}): ${detail.slice(0, 200)}; further ones of this kind are only counted`);
  }

  counts(): DroppedCounts {
    return { pageMessages: this.total, byKind: Object.fromEntries(this.byKind) };
  }
}
