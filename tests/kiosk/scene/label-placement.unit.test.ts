// Where labels go on screen: in priority order, none overlapping another, an
// overlay or the screen's edge; a place's name tries the sides of its dot, a
// country in focus steps aside round a named place's dot, an unlit country is
// named only when its name fits inside it, and nothing behind the camera shows.

import { describe, expect, it } from 'vitest';
import type { LabelItem } from '../../../kiosk/scene/label-items.js';
import { LabelPlacement } from '../../../kiosk/scene/label-placement.js';
import { CLUSTER_LEADER, INSET } from '../../../kiosk/scene/label-screen.js';
import { LabelPlacer, segmentHitsRect, segmentsCross } from '../../../kiosk/scene/label-placer.js';

interface Spec {
  item: Partial<LabelItem> & Pick<LabelItem, 'kind' | 'id'>;
  /** Anchor on screen, pixels, y up; null: behind the camera. */
  at: [number, number] | null;
  priority: number;
  /** The letters' width and height (the atlas adds INSET each side). */
  letters?: [number, number];
  /** A lit country's other label points on screen, best first. */
  alternates?: [number, number][];
}

const W = 400;
const H = 300;

function layout(specs: Spec[], blocked: [number, number, number, number][] = []) {
  const items = specs.map((s): LabelItem => ({ style: 'place', names: null, fallback: s.item.id, area: 0, marker: 0, ...s.item }));
  const n = items.length;
  const sizes = new Float32Array(n * 2);
  specs.forEach((s, i) => sizes.set([(s.letters?.[0] ?? 60) + 2 * INSET, (s.letters?.[1] ?? 20) + 2 * INSET], i * 2));
  const placement = new LabelPlacement(items, sizes, 4);
  const at = new Float64Array(n * 3);
  const seen = new Uint8Array(n);
  specs.forEach((s, i) => {
    if (!s.at) return;
    at.set([s.at[0], s.at[1], 100], i * 3);
    seen[i] = 1;
  });
  const priority = Float32Array.from(specs.map((s) => s.priority));
  const active = Uint8Array.from(specs.map((s) => (s.priority > 0 ? 1 : 0)));
  const order = items.map((_, i) => i).sort((a, b) => priority[b]! - priority[a]!);
  const out = { targets: new Float32Array(n), markerTargets: new Float32Array(n), offsets: new Float32Array(n * 2), leaders: new Float32Array(n), leaderFrom: new Float32Array(n * 2) };
  const altStart = new Int32Array(n), altCount = new Int32Array(n);
  const points: number[] = [];
  specs.forEach((s, i) => {
    altStart[i] = points.length / 2;
    altCount[i] = s.alternates?.length ?? 0;
    points.push(...(s.alternates ?? []).flat());
  });
  const screen = { width: W, height: H, unitsToPx: 1000, at, seen, blocked: Float32Array.from(blocked.flat()), blockedCount: blocked.length, alternates: Float64Array.from(points), altStart, altCount };
  placement.layout(screen, { order, priority, active }, out);
  const shown = (id: string) => out.targets[items.findIndex((i) => i.id === id)] === 1;
  const dot = (id: string) => out.markerTargets[items.findIndex((i) => i.id === id)] === 1;
  const offset = (id: string) => {
    const i = items.findIndex((item) => item.id === id);
    return [out.offsets[i * 2], out.offsets[i * 2 + 1]];
  };
  const leader = (id: string) => out.leaders[items.findIndex((i) => i.id === id)] === 1;
  const from = (id: string) => {
    const i = items.findIndex((item) => item.id === id);
    return [out.leaderFrom[i * 2], out.leaderFrom[i * 2 + 1]];
  };
  const clusterLeader = (id: string) => out.leaders[items.findIndex((i) => i.id === id)] === CLUSTER_LEADER;
  const rects = placement.labels().map(({ item, rect }) => ({ id: items[item]!.id, rect }));
  return { shown, dot, offset, leader, from, clusterLeader, rects, active, index: (id: string) => items.findIndex((i) => i.id === id), again: () => placement.layout(screen, { order, priority, active }, out) };
}

const overlaps = (a: number[], b: number[]) => a[0]! < b[0]! + b[2]! && b[0]! < a[0]! + a[2]! && a[1]! < b[1]! + b[3]! && b[1]! < a[1]! + a[3]!;

describe('label placement', () => {
  it('gives a contested spot to the higher priority and never lets two labels overlap', () => {
    const { shown, rects } = layout([
      { item: { kind: 'sea', id: 'low' }, at: [200, 150], priority: 300 },
      { item: { kind: 'sea', id: 'high' }, at: [210, 155], priority: 700 },
      { item: { kind: 'sea', id: 'apart' }, at: [80, 60], priority: 100 },
    ]);
    expect([shown('high'), shown('low'), shown('apart')]).toEqual([true, false, true]);
    for (const a of rects) for (const b of rects) if (a !== b) expect(overlaps(a.rect, b.rect), `${a.id} / ${b.id}`).toBe(false);
  });

  it('puts a place to the right of its dot, and on its left when the right is taken or runs off the screen', () => {
    const { shown, dot, offset } = layout([
      { item: { kind: 'place', id: 'first', marker: 1 }, at: [150, 150], priority: 1300 },
      { item: { kind: 'place', id: 'at-edge', marker: 1 }, at: [350, 150], priority: 800 },
      { item: { kind: 'sea', id: 'sea' }, at: [200, 80], priority: 900 },
      { item: { kind: 'place', id: 'crowded', marker: 1 }, at: [150, 80], priority: 800 },
    ]);
    const right = 10 - INSET, left = -10 - (60 + 2 * INSET) + INSET;
    expect([dot('first'), shown('first')]).toEqual([true, true]);
    expect(offset('first')).toEqual([right, -(20 + 2 * INSET) / 2]);
    expect([dot('at-edge'), shown('at-edge'), offset('at-edge')[0]]).toEqual([true, true, left]);
    expect([shown('sea'), dot('crowded'), shown('crowded'), offset('crowded')[0]]).toEqual([true, true, true, left]);
  });

  it('keeps whole labels on screen and out from under the overlays', () => {
    const { shown } = layout(
      [
        { item: { kind: 'sea', id: 'edge' }, at: [20, 150], priority: 300 },
        { item: { kind: 'sea', id: 'covered' }, at: [300, 250], priority: 300 },
        { item: { kind: 'sea', id: 'clear' }, at: [200, 100], priority: 300 },
      ],
      [[250, 200, 150, 100]],
    );
    expect([shown('edge'), shown('covered'), shown('clear')]).toEqual([false, false, true]);
  });

  it('names an unlit country only when its name fits inside it, and a lit one anyway', () => {
    const { shown } = layout([
      // 60 px of letters; at 100 units away and 1000 px per unit, 1.5 sqrt(area) px per unit must cover them.
      { item: { kind: 'country', id: 'tiny', area: 1e-6 }, at: [100, 80], priority: 101 },
      { item: { kind: 'country', id: 'wide', area: 25 }, at: [300, 80], priority: 101 },
      { item: { kind: 'country', id: 'lit', area: 1e-6 }, at: [200, 220], priority: 1200 },
    ]);
    expect([shown('tiny'), shown('wide'), shown('lit')]).toEqual([false, true, true]);
  });

  it('lays the named places’ dots first: a country in focus steps aside round them', () => {
    const { shown, dot, offset } = layout([
      { item: { kind: 'country', id: 'lit', area: 1 }, at: [200, 150], priority: 1200 },
      { item: { kind: 'place', id: 'named', marker: 1 }, at: [200, 150], priority: 1100 },
    ]);
    expect(dot('named')).toBe(true);
    expect(shown('lit')).toBe(true);
    expect(offset('lit')[1]).toBe(-(20 + 2 * INSET) / 2 - 48);
  });

  it('names a lit country at another of its points when its own is off screen or covered, and an unlit one never', () => {
    const { shown, offset, rects } = layout(
      [
        // Its own point far below the screen; its first other point is under the overlay, its second free.
        { item: { kind: 'country', id: 'lit-away', area: 1 }, at: [200, -400], priority: 1250, alternates: [[320, 250], [120, 60]] },
        // Its own point under the overlay, and every candidate beside it too.
        { item: { kind: 'country', id: 'lit-covered', area: 1 }, at: [320, 260], priority: 1250, alternates: [[60, 240]] },
        { item: { kind: 'country', id: 'unlit-away', area: 25 }, at: [200, -400], priority: 101, alternates: [[200, 150]] },
      ],
      [[240, 200, 160, 100]],
    );
    expect([shown('lit-away'), shown('lit-covered'), shown('unlit-away')]).toEqual([true, true, false]);
    // The label is centred on the other point: offsets are from the country's own point.
    expect(offset('lit-away')).toEqual([120 - 200 - (60 + 2 * INSET) / 2, 60 + 400 - (20 + 2 * INSET) / 2]);
    const [x, y, w, h] = rects.find((r) => r.id === 'lit-covered')!.rect;
    expect(x + w / 2).toBeCloseTo(60, 0);
    expect(y + h / 2).toBeCloseTo(240, 0);
  });

  it('moves a crowded lit country to another point inside it before stepping off its own point', () => {
    const { shown, offset } = layout([
      { item: { kind: 'place', id: 'named', marker: 1 }, at: [200, 150], priority: 1300 },
      { item: { kind: 'country', id: 'lit', area: 1 }, at: [200, 150], priority: 1250, alternates: [[300, 60]] },
    ]);
    expect(shown('lit')).toBe(true);
    expect(offset('lit')).toEqual([100 - (60 + 2 * INSET) / 2, -90 - (20 + 2 * INSET) / 2]);
  });

  it('shows nothing behind the camera or ranked 0, and lays out the same twice', () => {
    const run = layout([
      { item: { kind: 'place', id: 'behind', marker: 1 }, at: null, priority: 1300 },
      { item: { kind: 'place', id: 'unranked', marker: 1 }, at: [200, 150], priority: 0 },
      { item: { kind: 'place', id: 'shown', marker: 1 }, at: [100, 150], priority: 800 },
    ]);
    expect([run.dot('behind'), run.shown('behind'), run.dot('unranked'), run.shown('unranked')]).toEqual([false, false, false, false]);
    const first = run.rects;
    run.again();
    expect(run.shown('shown')).toBe(true);
    expect(first).toEqual([{ id: 'shown', rect: expect.any(Array) }]);
  });

  it('names every stop of a tight cluster, the crowded ones further off on a leader line that crosses no other name or dot', () => {
    // Five stops within 40 px (a terminal, a port and a border post beside a city), all in focus.
    const cluster: [string, [number, number]][] = [['city', [200, 150]], ['port', [218, 160]], ['terminal', [184, 136]], ['post', [206, 130]], ['pass', [226, 142]]];
    const { shown, dot, leader, rects, offset } = layout(cluster.map(([id, at], k) => ({ item: { kind: 'place', id, marker: 1 }, at, priority: 1300 - k, letters: [50, 16] })));
    for (const [id] of cluster) expect([id, shown(id), dot(id)]).toEqual([id, true, true]);
    // The dots go down first and crowd each other's sides: most names hang off leaders.
    expect(cluster.filter(([id]) => leader(id)).length).toBeGreaterThanOrEqual(3);
    for (const a of rects) for (const b of rects) if (a !== b) expect(overlaps(a.rect, b.rect), `${a.id} / ${b.id}`).toBe(false);
    // Each leader, from its dot to its letters, passes through no other name's rectangle and no other dot.
    for (const [id, [x, y]] of cluster) {
      if (!leader(id)) continue;
      const [ox, oy] = offset(id) as [number, number];
      const box = rects.find((r) => r.id === id)!.rect;
      const ex = Math.min(Math.max(x, box[0] + 4), box[0] + box[2] - 4), ey = Math.min(Math.max(y, box[1] + 4), box[1] + box[3] - 4);
      expect(Math.hypot(ex - x, ey - y), id).toBeGreaterThan(20);
      expect(Math.hypot(ox, oy), id).toBeLessThan(200);
      for (const other of rects) if (other.id !== id) expect(segmentHitsRect(x, y, ex, ey, ...other.rect), `${id} crosses ${other.id}`).toBe(false);
      for (const [o, [px, py]] of cluster) if (o !== id) expect(segmentHitsRect(x, y, ex, ey, px - 7, py - 7, 14, 14), `${id} crosses the dot of ${o}`).toBe(false);
    }
  });

  it('names the stops packed closer than their dots on lines into the cluster, their own dots hidden, each line crossing no name and no dot outside the cluster', () => {
    // A port city with two terminals a few pixels off, and a town further along the coast, all in focus.
    const stops: [string, [number, number]][] = [['city', [200, 150]], ['terminal', [206, 153]], ['port', [195, 146]], ['town', [240, 150]]];
    const { shown, dot, leader, clusterLeader, rects, offset } = layout(stops.map(([id, at], k) => ({ item: { kind: 'place', id, marker: 1 }, at, priority: 1300 - k, letters: [50, 16] })));
    expect(stops.map(([id]) => [id, dot(id)])).toEqual([['city', true], ['terminal', false], ['port', false], ['town', true]]);
    for (const [id] of stops) expect([id, shown(id)]).toEqual([id, true]);
    expect([clusterLeader('terminal'), clusterLeader('port'), leader('terminal'), clusterLeader('city'), clusterLeader('town')]).toEqual([true, true, false, false, false]);
    for (const a of rects) for (const b of rects) if (a !== b) expect(overlaps(a.rect, b.rect), `${a.id} / ${b.id}`).toBe(false);
    for (const id of ['terminal', 'port']) {
      const [x, y] = stops.find(([s]) => s === id)![1];
      const [ox, oy] = offset(id) as [number, number];
      const box = rects.find((r) => r.id === id)!.rect;
      const ex = Math.min(Math.max(x, box[0] + 4), box[0] + box[2] - 4), ey = Math.min(Math.max(y, box[1] + 4), box[1] + box[3] - 4);
      expect(Math.hypot(ox, oy), id).toBeLessThan(200);
      // From 2 px off its spot (inside the city's dot) to its letters.
      const length = Math.hypot(ex - x, ey - y);
      const sx = x + ((ex - x) / length) * 2, sy = y + ((ey - y) / length) * 2;
      for (const other of rects) if (other.id !== id) expect(segmentHitsRect(sx, sy, ex, ey, ...other.rect), `${id} crosses ${other.id}`).toBe(false);
      expect(segmentHitsRect(sx, sy, ex, ey, 240 - 7, 150 - 7, 14, 14), `${id} crosses the town's dot`).toBe(false);
    }
  });

  it('names a lit country crowded off its land on a leader line into it, after the stops in focus have their places', () => {
    // A panel just east of the country's label point leaves no room on or beside it for its long name.
    const specs: Spec[] = [
      { item: { kind: 'country', id: 'lit', area: 1 }, at: [200, 150], priority: 1300, letters: [120, 20] },
      // A stop whose name, right of its dot, lies where the country's name would go first on a line (west of its point).
      { item: { kind: 'place', id: 'stop', marker: 1 }, at: [30, 150], priority: 1100, letters: [50, 16] },
    ];
    const placed = layout(specs, [[205, 100, 195, 100]]);
    expect([placed.shown('lit'), placed.leader('lit'), placed.shown('stop'), placed.leader('stop')]).toEqual([true, true, true, false]);
    // The stop keeps the first side it tries, right of its dot, which the country (first in priority) would have taken.
    expect(placed.offset('stop')[0]).toBe(10 - INSET);
    const [country, stop, panel] = [placed.rects.find((r) => r.id === 'lit')!.rect, placed.rects.find((r) => r.id === 'stop')!.rect, [205, 100, 195, 100]];
    expect([overlaps(country, stop), overlaps(country, panel)]).toEqual([false, false]);
    // Without the panel it is named on its land, with no line.
    const open = layout(specs);
    expect([open.shown('lit'), open.leader('lit')]).toEqual([true, false]);
  });

  it('keeps a crowded country’s name beside its land: no further than a short line reaches', () => {
    // Panels leave a thin corridor west from the country's point, and room for its name only where the corridor ends.
    const country: Spec = { item: { kind: 'country', id: 'lit', area: 1 }, at: [200, 150], priority: 1300, letters: [40, 20] };
    const room = (x: number): [number, number, number, number][] => [[x, 0, 205 - x, 140], [x, 160, 205 - x, 140], [205, 0, 195, 300]];
    const near = layout([country], room(150));
    expect([near.shown('lit'), near.leader('lit')]).toEqual([true, true]);
    // The room 120 px off: a line could reach it, but the name would sit far from the land it names.
    const far = layout([country], room(80));
    expect(far.shown('lit')).toBe(false);
  });

  it('starts a crowded country’s line at another point of its land when its own point is under a panel', () => {
    const placed = layout(
      [
        { item: { kind: 'country', id: 'lit', area: 1 }, at: [300, 150], priority: 1300, letters: [120, 20], alternates: [[100, 150]] },
        // A stop just below the other point leaves no room for the name centred on it.
        { item: { kind: 'place', id: 'stop', marker: 1 }, at: [100, 165], priority: 1100, letters: [50, 16] },
      ],
      [[250, 100, 150, 100]],
    );
    expect([placed.shown('lit'), placed.leader('lit'), placed.from('lit')]).toEqual([true, true, [-200, 0]]);
    const country = placed.rects.find((r) => r.id === 'lit')!.rect;
    expect([overlaps(country, [250, 100, 150, 100]), overlaps(country, placed.rects.find((r) => r.id === 'stop')!.rect)]).toEqual([false, false]);
    // Its offset is still from its own point: the letters sit near the other one.
    const middle = 300 + (placed.offset('lit')[0] as number) + (120 + 2 * INSET) / 2;
    expect(Math.abs(middle - 100), `letters' middle at x ${middle}`).toBeLessThan(Math.abs(middle - 300));
  });

  it('names a hidden stop on its own side of the cluster: a town north of the city to the north, one south to the south, and elsewhere when that side is taken', () => {
    const stops: [string, [number, number]][] = [['city', [200, 150]], ['north', [201, 157]], ['south', [199, 143]]];
    const specs = stops.map(([id, at], k): Spec => ({ item: { kind: 'place', id, marker: 1 }, at, priority: 1300 - k, letters: [50, 16] }));
    const open = layout(specs);
    // An offset is from the spot to the name's lower left corner (y up): this is the name's middle against the spot.
    const middleY = (placed: typeof open, id: string) => (placed.offset(id)[1] as number) + (16 + 2 * INSET) / 2;
    expect([open.clusterLeader('north'), open.clusterLeader('south')]).toEqual([true, true]);
    expect(middleY(open, 'north'), 'north is named above its spot').toBeGreaterThan(0);
    expect(middleY(open, 'south'), 'south is named below its spot').toBeLessThan(0);
    // A panel over everything north of the cluster: the northern town is still named, below.
    const covered = layout(specs, [[0, 175, 400, 125]]);
    expect([covered.shown('north'), covered.clusterLeader('north')]).toEqual([true, true]);
    expect(middleY(covered, 'north')).toBeLessThanOrEqual(0);
  });

  it('leaves a stop unnamed whose spot lies under a panel, and a context place hidden by a dot', () => {
    const { shown, dot } = layout(
      [
        { item: { kind: 'place', id: 'under', marker: 1 }, at: [302, 151], priority: 1300, letters: [50, 16] },
        { item: { kind: 'place', id: 'city', marker: 1 }, at: [100, 150], priority: 1290, letters: [50, 16] },
        { item: { kind: 'place', id: 'village', marker: 1 }, at: [104, 152], priority: 800, letters: [50, 16] },
      ],
      [[300, 100, 100, 100]],
    );
    expect([dot('under'), shown('under'), dot('city'), shown('city'), dot('village'), shown('village')]).toEqual([false, false, true, true, false, false]);
  });

  it('keeps a leader and its offset on a name that is no longer shown, so the two fade out together', () => {
    const cluster: [string, [number, number]][] = [['city', [200, 150]], ['port', [218, 160]], ['terminal', [184, 136]], ['post', [206, 130]], ['pass', [226, 142]]];
    const placed = layout(cluster.map(([id, at], k) => ({ item: { kind: 'place', id, marker: 1 }, at, priority: 1300 - k, letters: [50, 16] })));
    const led = cluster.map(([id]) => id).find((id) => placed.leader(id))!;
    const before = placed.offset(led);
    placed.active[placed.index(led)] = 0;
    placed.again();
    expect([placed.shown(led), placed.leader(led), placed.offset(led)]).toEqual([false, true, before]);
  });

  it('gives a leader only to a place in focus: an unnamed context place whose sides are taken stays unnamed', () => {
    const { shown, leader } = layout([
      { item: { kind: 'place', id: 'city', marker: 1 }, at: [200, 150], priority: 1300, letters: [50, 16] },
      { item: { kind: 'place', id: 'context', marker: 1 }, at: [212, 152], priority: 800, letters: [50, 16] },
    ]);
    expect([shown('city'), shown('context'), leader('context')]).toEqual([true, false, false]);
  });

  it('clips a segment against a rectangle: through, beside, ending short of it, and along its edge', () => {
    expect(segmentHitsRect(0, 5, 20, 5, 8, 0, 4, 10)).toBe(true);
    expect(segmentHitsRect(0, 15, 20, 15, 8, 0, 4, 10)).toBe(false);
    expect(segmentHitsRect(0, 5, 6, 5, 8, 0, 4, 10)).toBe(false);
    expect(segmentHitsRect(0, 0, 20, 20, 8, 0, 4, 10)).toBe(true);
    expect(segmentHitsRect(0, 10, 20, 10, 8, 0, 4, 10)).toBe(false);
  });

  it('tells two leader lines that cross from lines that only meet at an end or lie apart, and keeps a new line off a crossing', () => {
    expect(segmentsCross(0, 0, 10, 10, 0, 10, 10, 0)).toBe(true);
    expect(segmentsCross(0, 0, 10, 10, 10, 10, 20, 0)).toBe(false);
    expect(segmentsCross(0, 0, 10, 0, 0, 5, 10, 5)).toBe(false);
    expect(segmentsCross(0, 0, 10, 0, 5, 0, 15, 0)).toBe(false);
    expect(segmentsCross(0, 0, 10, 10, 6, 4, 20, -10)).toBe(false);
    const placer = new LabelPlacer(4, 4);
    placer.takeSegment(100, 100, 160, 160);
    expect(placer.crossesLeader(100, 160, 160, 100)).toBe(true);
    expect(placer.crossesLeader(100, 170, 160, 230)).toBe(false);
  });
});
