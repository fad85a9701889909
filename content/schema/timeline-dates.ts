// Timeline dates: real calendar dates, and events kept in date order. Dates
// of different precision compare on what they share, so "2025-07" may sit
// before or after "2025-07-10".
import { isRecord, joinField } from './field-path.js';

const DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** The parts of a "YYYY", "YYYY-MM" or "YYYY-MM-DD" date, or undefined when it is no real date. */
export function parseDate(text: string): number[] | undefined {
  const m = DATE.exec(text);
  if (!m) return undefined;
  const parts = m.slice(1).filter((p): p is string => p !== undefined).map(Number);
  const [year, month, day] = parts as [number, number | undefined, number | undefined];
  if (month !== undefined && (month < 1 || month > 12)) return undefined;
  if (month !== undefined && day !== undefined) {
    const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
    if (day < 1 || day > daysInMonth) return undefined;
  }
  return parts;
}

/** Negative when a is earlier, 0 when equal at their shared precision. */
export function compareDates(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

export function checkTimelineOrder(timeline: unknown, report: (field: string, message: string) => void): void {
  if (!Array.isArray(timeline)) return;
  // Every earlier event, not just the previous one: with mixed precision,
  // neighbours can agree while the sequence as a whole goes backwards.
  const earlier: Array<{ parts: number[]; text: string; at: string }> = [];
  timeline.forEach((event, i) => {
    if (!isRecord(event) || typeof event.date !== 'string') return;
    const at = joinField('timeline', i);
    const parts = parseDate(event.date);
    if (!parts) {
      // A well-formed but impossible date; the schema reports malformed ones.
      if (DATE.test(event.date)) report(joinField(at, 'date'), `'${event.date}' is not a real calendar date`);
      return;
    }
    const later = earlier.find((e) => compareDates(e.parts, parts) > 0);
    if (later) {
      report(joinField(at, 'date'), `is ${event.date}, earlier than ${later.at} (${later.text}) above it; keep the timeline in date order`);
    }
    earlier.push({ parts, text: event.date, at });
  });
}
