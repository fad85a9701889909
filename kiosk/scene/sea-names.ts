// The seas the map names. Their names are part of the map, not of a pack, so
// they come in the exhibit's languages here; other languages fall back to
// English.

import type { LocalText } from '../../content/schema/pack-types.js';

export interface SeaName {
  id: string;
  name: LocalText;
  /** Where the name is written, lon/lat. */
  at: [number, number];
}

export const SEA_NAMES: readonly SeaName[] = [
  { id: 'caspian', name: { en: 'Caspian Sea', es: 'Mar Caspio', fr: 'Mer Caspienne', de: 'Kaspisches Meer', ru: 'Каспийское море' }, at: [50.6, 42.3] },
  { id: 'black', name: { en: 'Black Sea', es: 'Mar Negro', fr: 'Mer Noire', de: 'Schwarzes Meer', ru: 'Чёрное море' }, at: [34.2, 43.3] },
  { id: 'mediterranean', name: { en: 'Mediterranean Sea', es: 'Mar Mediterráneo', fr: 'Mer Méditerranée', de: 'Mittelmeer', ru: 'Средиземное море' }, at: [25.5, 34.2] },
  { id: 'persian-gulf', name: { en: 'Persian Gulf', es: 'Golfo Pérsico', fr: 'Golfe Persique', de: 'Persischer Golf', ru: 'Персидский залив' }, at: [51.5, 27.3] },
];
