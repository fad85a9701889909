// What the exhibit shows, apart from how: the pack, the scenario, the mode and
// the language, and how a visitor's intent changes them. Pure and synchronous,
// so it is tested without a browser or a GPU.

import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { Intent, PageMode } from '../../firmware-bridge/api/messages.js';

export interface ExhibitSnapshot {
  mode: PageMode;
  scenarioIndex: number;
  scenario: Scenario | null;
  language: string;
  infoOpen: boolean;
  orbit: number;
  zoom: number;
  timelineIndex: number;
}

export type StateListener = (snapshot: ExhibitSnapshot) => void;

const ORBIT_LIMIT = 6;
const ZOOM_LIMIT = 4;

export class ExhibitState {
  private pack: PackManifest | null = null;
  private snapshot: ExhibitSnapshot = {
    mode: 'attract',
    scenarioIndex: 0,
    scenario: null,
    language: 'en',
    infoOpen: false,
    orbit: 0,
    zoom: 0,
    timelineIndex: -1,
  };
  private readonly listeners = new Set<StateListener>();

  get current(): ExhibitSnapshot {
    return this.snapshot;
  }

  get manifest(): PackManifest | null {
    return this.pack;
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a pack; keeps the scenario by id when the new pack still has it. */
  setPack(pack: PackManifest): void {
    const previousId = this.snapshot.scenario?.id;
    this.pack = pack;
    const kept = previousId ? pack.scenarios.findIndex((s) => s.id === previousId) : -1;
    const index = kept >= 0 ? kept : 0;
    const language = pack.languages.includes(this.snapshot.language) ? this.snapshot.language : pack.languages[0]!;
    this.update({ scenarioIndex: index, scenario: pack.scenarios[index] ?? null, language, timelineIndex: -1 });
  }

  apply(intent: Intent): void {
    const pack = this.pack;
    if (!pack) return;
    const count = pack.scenarios.length;
    const s = this.snapshot;
    // Any input wakes the exhibit from its attract loop.
    const mode = s.mode === 'attract' ? 'scenario' : s.mode;
    switch (intent.kind) {
      case 'scenario':
        if (intent.index >= 0 && intent.index < count) this.goTo(intent.index, mode);
        else this.update({ mode });
        return;
      case 'next':
        this.goTo((s.scenarioIndex + 1) % count, mode);
        return;
      case 'previous':
        this.goTo((s.scenarioIndex - 1 + count) % count, mode);
        return;
      case 'language': {
        const languages = pack.languages;
        const next = languages[(languages.indexOf(s.language) + 1) % languages.length]!;
        this.update({ mode, language: next });
        return;
      }
      case 'info':
        this.update({ mode, infoOpen: !s.infoOpen });
        return;
      case 'orbit':
        this.update({ mode, orbit: clamp(s.orbit + intent.delta, -ORBIT_LIMIT, ORBIT_LIMIT) });
        return;
      case 'zoom':
        this.update({ mode, zoom: clamp(s.zoom + intent.delta, 0, ZOOM_LIMIT) });
        return;
      case 'timeline': {
        const events = pack.timeline;
        if (events.length === 0) return;
        const index = clamp(s.timelineIndex + intent.delta, 0, events.length - 1);
        const target = pack.scenarios.findIndex((sc) => sc.id === events[index]!.scenario);
        const scenarioIndex = target >= 0 ? target : s.scenarioIndex;
        this.update({ mode, timelineIndex: index, scenarioIndex, scenario: pack.scenarios[scenarioIndex] ?? null });
        return;
      }
      case 'class-mode':
        this.update({ mode: s.mode === 'class' ? 'scenario' : 'class' });
        return;
      case 'maintenance':
        this.update({ mode: s.mode === 'maintenance' ? 'scenario' : 'maintenance' });
        return;
    }
  }

  /** Back to the attract loop and the default language (idle reset). */
  reset(): void {
    this.update({
      mode: 'attract',
      language: this.pack?.languages[0] ?? 'en',
      infoOpen: false,
      orbit: 0,
      zoom: 0,
      timelineIndex: -1,
    });
  }

  private goTo(index: number, mode: PageMode): void {
    const scenario = this.pack?.scenarios[index] ?? null;
    this.update({ mode, scenarioIndex: index, scenario, infoOpen: false, orbit: 0, zoom: 0 });
  }

  private update(change: Partial<ExhibitSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
