// Dates from a pack ("YYYY", "YYYY-MM", "YYYY-MM-DD") written the way the
// visitor's language writes them, to the precision the pack gives: never a
// made-up day for a month-only date.

export function formatPackDate(date: string, language: string): string {
  const match = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(date);
  if (!match) return date;
  const [, y, m, d] = match;
  if (!m) return y!;
  // Noon UTC keeps the day the same in every time zone.
  const at = new Date(Date.UTC(Number(y), Number(m) - 1, d ? Number(d) : 1, 12));
  const options: Intl.DateTimeFormatOptions = d
    ? { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }
    : { year: 'numeric', month: 'long', timeZone: 'UTC' };
  try {
    return new Intl.DateTimeFormat(language, options).format(at);
  } catch {
    return date;
  }
}

/** The year of a pack date, for the timeline's ticks. */
export function packYear(date: string): string {
  return date.slice(0, 4);
}

/**
 * Each timeline event's short label, to the precision that tells it apart:
 * the year when it is the only event that year; else the month ("Jun"), and
 * the day too ("Jun 27") when another event shares its month and it has one.
 */
export function timelineLabels(dates: readonly string[], language: string): string[] {
  const year = (d: string) => d.slice(0, 4);
  const month = (d: string) => d.slice(0, 7);
  return dates.map((date) => {
    const sameYear = dates.filter((d) => year(d) === year(date)).length;
    const match = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(date);
    if (sameYear === 1 || !match) return year(date);
    const [, y, m, d] = match;
    const at = new Date(Date.UTC(Number(y), Number(m) - 1, d ? Number(d) : 1, 12));
    const sameMonth = dates.filter((other) => month(other) === month(date)).length;
    const options: Intl.DateTimeFormatOptions = d && sameMonth > 1 ? { day: 'numeric', month: 'short', timeZone: 'UTC' } : { month: 'short', timeZone: 'UTC' };
    try {
      return new Intl.DateTimeFormat(language, options).format(at).replace(/\.$/, '');
    } catch {
      return date;
    }
  });
}
