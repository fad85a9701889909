import { describe, expect, it } from 'vitest';
import { formatPackDate, timelineLabels } from '../../../kiosk/i18n/format-date.js';

describe('formatPackDate', () => {
  it('writes a date to the precision the pack gives, in the visitor’s language', () => {
    expect(formatPackDate('2025', 'en')).toBe('2025');
    expect(formatPackDate('2025-07', 'en')).toBe('July 2025');
    expect(formatPackDate('2022-02-24', 'es')).toBe('24 de febrero de 2022');
  });
});

describe('timelineLabels', () => {
  const dates = ['2013-09', '2022-02-24', '2022-03', '2025-06', '2025-06-27', '2025-07', '2025-07-10', '2025'];

  it('gives the year alone to an event alone in its year, the month to those that share one, and the day where the month is shared too', () => {
    expect(timelineLabels(dates, 'en')).toEqual(['2013', 'Feb', 'Mar', 'Jun', 'Jun 27', 'Jul', 'Jul 10', '2025']);
    expect(timelineLabels(dates, 'es')).toEqual(['2013', 'feb', 'mar', 'jun', '27 jun', 'jul', '10 jul', '2025']);
  });

  it('labels every event of the built-in pack', async () => {
    const { readFile } = await import('node:fs/promises');
    const pack = JSON.parse(await readFile(new URL('../../../content/packs/caspian-2025/pack.json', import.meta.url), 'utf8')) as { timeline: { date: string }[] };
    const labels = timelineLabels(pack.timeline.map((e) => e.date), 'en');
    expect(labels).toHaveLength(pack.timeline.length);
    for (const label of labels) expect(label.trim()).not.toBe('');
  });
});
