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
