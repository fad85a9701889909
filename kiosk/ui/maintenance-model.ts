// What the maintenance screen says, worked out from what the bridge sent:
// counts by reason, which pack is on screen and whether a roll-back can work,
// the last errors, an install time. Pure, so it is tested without a browser.

import type { BridgeLogLine, PackInfo } from '../../firmware-bridge/api/messages.js';
import { formatPackDate } from '../i18n/format-date.js';

/** Counts by reason, those above zero only ("crc: 3, malformed: 1"); `none` when there are none. */
export function countsText(counts: Readonly<Record<string, number>> | undefined, none: string): string {
  const some = Object.entries(counts ?? {}).filter(([, n]) => n > 0);
  return some.length === 0 ? none : some.map(([reason, n]) => `${reason}: ${n}`).join(', ');
}

export interface PackListing {
  /** Every pack the bridge has, or the one on screen when it sent no list. */
  packs: PackInfo[];
  /** A roll-back needs a previous installed version; without a list, the bridge decides. */
  canRollBack: boolean;
}

export function packListing(packs: PackInfo[] | null, current: PackInfo | null): PackListing {
  const listed = packs ?? (current ? [current] : []);
  const installed = listed.filter((p) => p.source === 'installed');
  return { packs: listed, canRollBack: packs === null || installed.length > 1 || (installed.length === 1 && current?.source === 'installed') };
}

export function isOnScreen(pack: PackInfo, current: PackInfo | null): boolean {
  return !!current && pack.id === current.id && pack.version === current.version && pack.source === current.source;
}

/** The last `count` log lines, newest first, each as the screen shows it (time of day, level, scope, message). */
export function lastErrorLines(errors: readonly BridgeLogLine[], count = 6): string[] {
  return errors
    .slice(-count)
    .reverse()
    .map((e) => `${e.at.slice(11, 19)} ${e.level} [${e.scope}] ${e.message}`);
}

/** An install time in the screen's language; the date alone where the browser cannot format the time. */
export function formatInstant(iso: string, language: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
  } catch {
    return formatPackDate(iso.slice(0, 10), language);
  }
}
