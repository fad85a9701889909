// The curator's "hidden under an overlay" warning: a place under the
// scenario card is named (with its dot drawn or, as the map does there,
// dropped), one in the open or off the scenario is not.

import { describe, expect, it } from 'vitest';
import { packTemplate } from '../../../firmware-bridge/author/pack-template.js';
import { hiddenPlaces } from '../../../kiosk/app/hidden-places.js';

describe('hiddenPlaces', () => {
  it('names a place whose dot sits under an overlay, and a route stop as a stop', () => {
    const pack = packTemplate('test-pack');
    const card = { name: 'scenario-card', left: 0, top: 500, width: 400, height: 300 };
    const views = [
      { id: 'baku', x: 100, y: 600, dot: true },
      { id: 'alat', x: 900, y: 300, dot: true },
      { id: 'turkmenbashi', x: 350, y: 790, dot: true },
    ];
    const hidden = hiddenPlaces(pack, 'first-scenario', 'es', views, [card]);
    expect(hidden).toEqual([
      { id: 'baku', index: 0, name: 'Bakú', role: 'place', under: 'scenario-card' },
      { id: 'turkmenbashi', index: 2, name: 'Turkmenbashi', role: 'stop', under: 'scenario-card' },
    ]);
    expect(hiddenPlaces(pack, 'first-scenario', 'en', [{ id: 'baku', x: 100, y: 600, dot: false }], [card]).map((h) => h.id)).toEqual(['baku']);
    expect(hiddenPlaces(pack, 'first-scenario', 'en', [{ id: 'elsewhere', x: 100, y: 600, dot: true }, { id: 'baku', x: null, y: null, dot: false }], [card])).toEqual([]);
  });
});
