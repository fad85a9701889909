// Decodes `vcgencmd get_throttled` (e.g. "throttled=0x50005"): the low bits
// say what is happening now, the same bits shifted by 16 what happened since boot.

export interface ThrottleState {
  raw: number;
  now: string[];
  sinceBoot: string[];
}

const BITS: [number, string][] = [
  [0, 'under-voltage'],
  [1, 'ARM frequency capped'],
  [2, 'throttled'],
  [3, 'soft temperature limit'],
];

/** Parses the command's output; null when it is not a throttled= line. */
export function parseThrottled(output: string): ThrottleState | null {
  const match = /throttled=(0x[0-9a-f]+|\d+)/i.exec(output);
  if (!match) return null;
  const raw = Number(match[1]);
  if (!Number.isSafeInteger(raw) || raw < 0) return null;
  return decodeThrottled(raw);
}

export function decodeThrottled(raw: number): ThrottleState {
  const now: string[] = [];
  const sinceBoot: string[] = [];
  for (const [bit, label] of BITS) {
    if (raw & (1 << bit)) now.push(label);
    if (raw & (1 << (bit + 16))) sinceBoot.push(label);
  }
  return { raw, now, sinceBoot };
}
