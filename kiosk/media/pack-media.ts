// Which of a pack's pictures and narrations belong on screen, and where the
// page fetches them: the bridge serves the current pack's files at
// /pack/<version>/<path>, same origin. A pack without media has none of this,
// and everything here then says "nothing".

import type { NarrationTrack, PackImage, PackManifest, Scenario } from '../../content/schema/pack-types.js';

/** A pack file's URL; null for a path that is not a plain relative one inside the pack (the validator refuses those too). */
export function packFileUrl(pack: PackManifest, path: string): string | null {
  const parts = path.split('/');
  if (path === '' || parts.some((part) => part === '' || part === '.' || part === '..' || part.includes('\\'))) return null;
  return `/pack/${encodeURIComponent(pack.version)}/${parts.map(encodeURIComponent).join('/')}`;
}

/**
 * The picture the info panel shows: the timeline moment's, while a moment of
 * this scenario is shown and has one, else the scenario's first; null when
 * there is none or its id is not in the manifest.
 */
export function shownImage(pack: PackManifest | null, scenario: Scenario | null, timelineIndex: number): PackImage | null {
  if (!pack || !scenario || !pack.images) return null;
  const event = timelineIndex >= 0 ? pack.timeline[timelineIndex] : undefined;
  const id = event?.scenario === scenario.id && event.image ? event.image : scenario.images?.[0];
  return (id !== undefined && pack.images.find((image) => image.id === id)) || null;
}

/** A narration ready to play: its files' URLs and what to show while it plays. */
export interface NarrationSource {
  /** Which scenario and language it speaks, so the page can tell when it no longer applies. */
  key: string;
  audioUrl: string;
  captionsUrl: string;
  credit: string;
  draft: boolean;
}

/** The scenario's narration in this language (no other language stands in), or null. */
export function narrationFor(pack: PackManifest | null, scenario: Scenario | null, language: string): NarrationSource | null {
  if (!pack || !scenario) return null;
  const track: NarrationTrack | undefined = scenario.narration?.[language];
  if (!track) return null;
  const audioUrl = packFileUrl(pack, track.audio);
  const captionsUrl = packFileUrl(pack, track.captions);
  if (!audioUrl || !captionsUrl) return null;
  return { key: `${pack.id}@${pack.version}/${scenario.id}/${language}`, audioUrl, captionsUrl, credit: track.credit, draft: track.draft === true };
}
