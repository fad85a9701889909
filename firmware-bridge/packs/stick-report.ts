// What a USB stick is told: the result lines shown on screen and written to
// crossroads/report-YYYYMMDD-HHMMSS.txt on the stick.

import type { PackInfo } from '../api/messages.js';
import { formatProblem, type PackProblem } from './pack-problem.js';

export interface StickResult {
  zip: string;
  outcome: 'installed' | 'skipped' | 'refused';
  /** For installed packs. */
  info?: PackInfo;
  problems: PackProblem[];
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** report-YYYYMMDD-HHMMSS.txt in local time, as the maintainer's watch shows it. */
export function reportName(at: Date): string {
  const date = `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}`;
  const time = `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`;
  return `report-${date}-${time}.txt`;
}

/** Plain lines: one per pack, then one indented line per reason. */
export function resultLines(results: StickResult[]): string[] {
  const lines: string[] = [];
  for (const result of results) {
    if (result.outcome === 'installed' && result.info) {
      lines.push(`installed ${result.info.id} ${result.info.version} from ${result.zip}`);
    } else if (result.outcome === 'skipped') {
      lines.push(`skipped ${result.zip}: ${result.problems.map((p) => p.message).join('; ')}`);
    } else {
      lines.push(`refused ${result.zip}:`);
      for (const problem of result.problems) lines.push(`  ${formatProblem(problem)}`);
    }
  }
  return lines;
}

export function reportText(options: { at: Date; kioskVersion: string; lines: string[]; current: PackInfo | null }): string {
  const current = options.current ? `${options.current.id} ${options.current.version} (${options.current.source})` : 'unknown';
  return [
    'Caspian Crossroads: content pack report',
    `written ${options.at.toISOString()} by kiosk ${options.kioskVersion}`,
    '',
    ...options.lines,
    '',
    `pack on screen from the next idle moment: ${current}`,
    '',
  ].join('\n');
}
