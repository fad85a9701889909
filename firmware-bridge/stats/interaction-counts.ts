// How many times each scenario was opened, per day: counts only, no times of
// day, no sequence, nothing about who. Pure: parsing, counting and CSV.

export type DayCounts = Record<string, Record<string, number>>;

export interface CountsFile {
  format: 1;
  /** YYYY-MM-DD -> scenario id -> times opened. */
  days: DayCounts;
}

export class CountsFileError extends Error {}

export function parseCounts(text: string): DayCounts {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CountsFileError(`not JSON: ${(error as Error).message}`);
  }
  const file = value as Partial<CountsFile> | null;
  if (typeof file !== 'object' || file === null || file.format !== 1 || typeof file.days !== 'object' || file.days === null) {
    throw new CountsFileError('not an interaction counts file (format 1 with days)');
  }
  const days: DayCounts = {};
  for (const [day, scenarios] of Object.entries(file.days)) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new CountsFileError(`bad day ${JSON.stringify(day)}`);
    if (typeof scenarios !== 'object' || scenarios === null) throw new CountsFileError(`bad counts for ${day}`);
    days[day] = {};
    for (const [scenario, n] of Object.entries(scenarios as Record<string, unknown>)) {
      if (!Number.isInteger(n) || (n as number) < 0) throw new CountsFileError(`bad count for ${day} ${scenario}: ${JSON.stringify(n)}`);
      days[day]![scenario] = n as number;
    }
  }
  return days;
}

export function serializeCounts(days: DayCounts): string {
  const file: CountsFile = { format: 1, days };
  return JSON.stringify(file, null, 2) + '\n';
}

/** The local calendar day of a moment (a museum's day, not UTC's). */
export function localDay(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

export function addOpen(days: DayCounts, day: string, scenario: string): void {
  const counts = (days[day] ??= {});
  counts[scenario] = (counts[scenario] ?? 0) + 1;
}

/** `date,scenario,opened`, one row per day and scenario, sorted; ids are quoted when they need it. */
export function countsToCsv(days: DayCounts): string {
  const quote = (field: string) => (/[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field);
  const rows = ['date,scenario,opened'];
  for (const day of Object.keys(days).sort()) {
    for (const scenario of Object.keys(days[day]!).sort()) rows.push(`${day},${quote(scenario)},${days[day]![scenario]}`);
  }
  return rows.join('\r\n') + '\r\n';
}
