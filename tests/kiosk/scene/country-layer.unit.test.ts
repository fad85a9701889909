// The country layer tells the painter when its highlights have moved on too
// far from the ground picture last drawn for a reused picture to stand in.
import { describe, expect, it } from 'vitest';
import { GeoProjection } from '../../../content/geo/geo-projection.js';
import { buildRegionGeo } from '../../../firmware-bridge/geo/region-geo.js';
import { CountryLayer } from '../../../kiosk/scene/country-layer.js';

describe('the country layer', () => {
  it('says when a highlight has moved on a step from the ground last drawn, however many frames that took', () => {
    const layer = new CountryLayer(buildRegionGeo(), new GeoProjection());
    try {
      layer.markDrawn();
      expect(layer.drifted(), 'nothing changed').toBe(false);
      layer.setHighlighted(['031']);
      expect(layer.isHighlighted('031'), 'Azerbaijan (ISO 031) is on the map').toBe(true);
      expect(layer.drifted(), 'a target alone is not a change on screen').toBe(false);
      // Small frames (a fast GPU): several pass before the highlight has moved a step.
      let frames = 0;
      for (; frames < 100 && !layer.drifted(); frames++) layer.update(0.02);
      expect(frames).toBeGreaterThan(5);
      expect(frames).toBeLessThan(12);
      layer.markDrawn();
      expect(layer.drifted()).toBe(false);
      // One long frame (a slow one) moves it past a step at once.
      layer.update(0.5);
      expect(layer.drifted()).toBe(true);
      layer.markDrawn();
      // Fading out counts the same way.
      layer.setHighlighted([]);
      layer.update(0.3);
      expect(layer.drifted()).toBe(true);
    } finally {
      layer.dispose();
    }
  });
});
