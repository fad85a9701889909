// The studio's tour pace from its address: ?tour=SECONDS within 1 to 60 s, else the default.

import { describe, expect, it } from 'vitest';
import { TOUR_STEP_MS, tourStepMs } from '../../../kiosk/app/author-tour.js';

describe('tourStepMs', () => {
  it('takes the author pace in seconds, and the default for none or a pace out of range', () => {
    expect(tourStepMs('?tour=2.5')).toBe(2500);
    expect(tourStepMs('?layers=ground&tour=60')).toBe(60_000);
    for (const search of ['', '?tour=', '?tour=0.5', '?tour=61', '?tour=fast']) expect(tourStepMs(search), search).toBe(TOUR_STEP_MS);
  });
});
