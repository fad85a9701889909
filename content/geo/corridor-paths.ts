// Where each corridor of a pack is drawn, in scene units: every leg planned
// over land or water, and legs that several corridors share set side by side
// in lanes that taper to the shared stops. The map draws exactly these lines,
// and the pack's map checks read them back, so what is checked is what shows.

import type { Corridor, LegSurface, PackManifest, Place } from '../schema/pack-types.js';
import type { GeoProjection } from './geo-projection.js';
import type { RoutePlanner } from './route-planner.js';

/** Side-by-side spacing of corridors sharing a leg, scene units. */
const LANE = 0.5;
/** Stops closer than this (Baku, Alat, Sangachal) count as one for lanes. */
const NEAR_DEGREES = 0.8;
/** Lanes reach full width this far (fraction of the leg) from each end. */
const TAPER = 0.15;

export interface DrawnLeg {
  /** Index of the leg in the corridor's route (route[index] to route[index + 1]). */
  index: number;
  from: string;
  to: string;
  surface: LegSurface;
  /** The leg's points in the path: point numbers first..last, both included. */
  first: number;
  last: number;
}

export interface DrawnCorridor {
  id: string;
  /** Flat x, y pairs in scene units, the whole route in travel order. */
  points: number[];
  legs: DrawnLeg[];
}

type PackRoutes = Pick<PackManifest, 'places' | 'corridors'>;

export class CorridorPaths {
  private readonly places: Map<string, Place>;
  private readonly cluster = new Map<string, string>();
  private readonly lanes = new Map<string, string[]>();

  constructor(
    pack: PackRoutes,
    private readonly planner: RoutePlanner,
    private readonly projection: GeoProjection,
  ) {
    this.places = new Map(pack.places.map((place) => [place.id, place]));
    for (const place of pack.places) {
      const near = pack.places.find(
        (other) => this.cluster.get(other.id) === other.id && Math.hypot(other.at[0] - place.at[0], other.at[1] - place.at[1]) < NEAR_DEGREES,
      );
      this.cluster.set(place.id, near ? near.id : place.id);
    }
    for (const corridor of pack.corridors) {
      for (let i = 1; i < corridor.route.length; i++) {
        const key = this.legKey(corridor.route[i - 1]!, corridor.route[i]!);
        const list = this.lanes.get(key) ?? [];
        if (!list.includes(corridor.id)) list.push(corridor.id);
        this.lanes.set(key, list);
      }
    }
  }

  /** Whether a leg runs over land or water: as the pack declares it, else as most of its line lies. */
  surface(corridor: Corridor, index: number): LegSurface {
    const declared = corridor.legs?.[index];
    if (declared === 'land' || declared === 'water') return declared;
    return this.guess(corridor, this.places.get(corridor.route[index] ?? ''), this.places.get(corridor.route[index + 1] ?? ''));
  }

  /** The corridor's whole line; stops the pack does not define are passed over. */
  draw(corridor: Corridor): DrawnCorridor {
    const points: number[] = [];
    const legs: DrawnLeg[] = [];
    const xy: [number, number] = [0, 0];
    const stops = corridor.route.map((id, index) => ({ id, index })).filter((stop) => this.places.has(stop.id));
    for (let i = 1; i < stops.length; i++) {
      const a = stops[i - 1]!, b = stops[i]!;
      const from = this.places.get(a.id)!, to = this.places.get(b.id)!;
      const surface = b.index === a.index + 1 ? this.surface(corridor, a.index) : this.guess(corridor, from, to);
      const ll = this.planner.leg(from.at, to.at, surface === 'water');
      const sharing = this.lanes.get(this.legKey(a.id, b.id)) ?? [corridor.id];
      const lane = sharing.indexOf(corridor.id) - (sharing.length - 1) / 2;
      const shift = lane * LANE * (this.rep(a.id) < this.rep(b.id) ? 1 : -1);
      const count = ll.length / 2;
      const leg: number[] = [];
      for (let k = 0; k < count; k++) {
        this.projection.projectInto(ll[k * 2]!, ll[k * 2 + 1]!, xy, 0);
        leg.push(xy[0], xy[1]);
      }
      const first = i === 1 ? 0 : points.length / 2 - 1;
      for (let k = i === 1 ? 0 : 1; k < count; k++) {
        const p = Math.max(0, k - 1), q = Math.min(count - 1, k + 1);
        const dx = leg[q * 2]! - leg[p * 2]!, dy = leg[q * 2 + 1]! - leg[p * 2 + 1]!;
        const l = Math.hypot(dx, dy) || 1;
        // Lanes taper to the shared stop at both ends so legs join up.
        const t = k / (count - 1);
        const s = shift * Math.min(1, t / TAPER, (1 - t) / TAPER);
        points.push(leg[k * 2]! - (dy / l) * s, leg[k * 2 + 1]! + (dx / l) * s);
      }
      legs.push({ index: a.index, from: a.id, to: b.id, surface, first, last: points.length / 2 - 1 });
    }
    return { id: corridor.id, points, legs };
  }

  private guess(corridor: Corridor, from: Place | undefined, to: Place | undefined): LegSurface {
    if (corridor.kind === 'sea') return 'water';
    if (corridor.kind === 'rail' || corridor.kind === 'road' || !from || !to) return 'land';
    return this.planner.mostlySea(from.at, to.at) ? 'water' : 'land';
  }

  private rep(id: string): string {
    return this.cluster.get(id) ?? id;
  }

  private legKey(a: string, b: string): string {
    const ra = this.rep(a), rb = this.rep(b);
    return ra < rb ? `${ra}|${rb}` : `${rb}|${ra}`;
  }
}
