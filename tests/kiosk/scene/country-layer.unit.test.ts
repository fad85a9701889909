// The country layer tells the painter when its highlights have moved on too
// far from the ground picture last drawn for a reused picture to stand in,
// and while the map moves it draws the lit countries itself (the lift) over
// a ground drawn flat.
import { describe, expect, it } from 'vitest';
import { GeoProjection } from '../../../content/geo/geo-projection.js';
import { buildRegionGeo } from '../../../firmware-bridge/geo/region-geo.js';
import { CountryLayer } from '../../../kiosk/scene/country-layer.js';

describe('the country layer', () => {
  it('says when a highlight has moved on a step from the ground last drawn, however many frames that took', () => {
    const layer = new CountryLayer(buildRegionGeo(), new GeoProjection());
    try {
      layer.beforeGroundDraw(false);
      expect(layer.drifted(), 'nothing changed').toBe(false);
      layer.setHighlighted(['031']);
      expect(layer.isHighlighted('031'), 'Azerbaijan (ISO 031) is on the map').toBe(true);
      expect(layer.drifted(), 'a target alone is not a change on screen').toBe(false);
      // Small frames (a fast GPU): several pass before the highlight has moved a step.
      let frames = 0;
      for (; frames < 100 && !layer.drifted(); frames++) layer.update(0.02);
      expect(frames).toBeGreaterThan(5);
      expect(frames).toBeLessThan(12);
      layer.beforeGroundDraw(false);
      expect(layer.drifted()).toBe(false);
      // One long frame (a slow one) moves it past a step at once.
      layer.update(0.5);
      expect(layer.drifted()).toBe(true);
      layer.beforeGroundDraw(false);
      // Fading out counts the same way.
      layer.setHighlighted([]);
      layer.update(0.3);
      expect(layer.drifted()).toBe(true);
    } finally {
      layer.dispose();
    }
  });

  it('lifts exactly the countries whose highlight is not what the ground shows, and asks for the ground again only when one sinks below it', () => {
    const layer = new CountryLayer(buildRegionGeo(), new GeoProjection());
    try {
      const index = layer.fill.geometry.index!;
      const lifted = (): Set<number> => {
        const country = layer.fill.geometry.getAttribute('country');
        const out = new Set<number>();
        const { start, count } = layer.lift.fill.geometry.drawRange;
        const ids = layer.lift.fill.geometry.index!.array;
        for (let k = start; k < start + count; k++) out.add(country.getX(ids[k]!));
        return out;
      };
      const aze = layer.indexOf.get('031')!, arm = layer.indexOf.get('051')!;
      expect(lifted().size, 'nothing lit').toBe(0);
      layer.setHighlighted(['031']);
      layer.update(0.1);
      expect([...lifted()]).toEqual([aze]);
      layer.beforeGroundDraw(true);
      expect(layer.lift.group.visible, 'shown over a flat ground').toBe(true);
      layer.setHighlighted(['051']);
      layer.update(0.5);
      // Azerbaijan eases out and Armenia in: both drawn by the lift, and the flat ground never drifts.
      expect([...lifted()].sort((a, b) => a - b)).toEqual([aze, arm].sort((a, b) => a - b));
      expect(layer.drifted()).toBe(false);
      for (let i = 0; i < 200; i++) layer.update(0.5);
      expect([...lifted()], 'Azerbaijan is gone once it has eased out').toEqual([arm]);
      // Every one of Armenia's triangles, and no more.
      let armenian = 0;
      const country = layer.fill.geometry.getAttribute('country');
      for (let k = 0; k < index.count; k++) if (country.getX(index.getX(k)) === arm) armenian++;
      expect(layer.lift.fill.geometry.drawRange.count).toBe(armenian);
      // A ground drawn for the lift now: Armenia has settled, so the ground raises it and the lift has nothing to draw.
      layer.beforeGroundDraw(true);
      expect([...lifted()]).toEqual([]);
      layer.setHighlighted(['031', '051']);
      layer.update(0.1);
      expect([...lifted()], 'Azerbaijan rising over the ground').toEqual([aze]);
      expect(layer.drifted(), 'a rise is covered by the lift').toBe(false);
      layer.setHighlighted(['031']);
      layer.update(0.1);
      expect(layer.drifted(), 'Armenia sinks below its picture on the ground').toBe(true);
      layer.beforeGroundDraw(false);
      expect(layer.lift.group.visible, 'a ground drawn as it is needs no lift').toBe(false);
    } finally {
      layer.dispose();
    }
  });
});
