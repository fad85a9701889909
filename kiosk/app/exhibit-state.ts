// What the exhibit shows, apart from how: the pack, the scenario, the mode and
// the language, and how a visitor's intent changes them. Pure and synchronous,
// so it is tested without a browser or a GPU. Class mode steps through the
// pack's lesson; maintenance ignores everything but its own way out, so a
// maintainer testing buttons does not move the exhibit behind the screen.

import type { PackManifest, Scenario } from '../../content/schema/pack-types.js';
import type { Intent, PageMode } from '../../firmware-bridge/api/messages.js';
import { shownImage } from '../media/pack-media.js';
import { lessonPlan, type LessonView } from './lesson-plan.js';

export interface ExhibitSnapshot {
  mode: PageMode;
  scenarioIndex: number;
  scenario: Scenario | null;
  language: string;
  infoOpen: boolean;
  /** The info panel's picture shown large (only with the panel open and a picture to show). */
  pictureLarge: boolean;
  orbit: number;
  zoom: number;
  timelineIndex: number;
  /** The class-mode lesson step on screen, -1 outside class mode. */
  lessonStep: number;
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
    pictureLarge: false,
    orbit: 0,
    zoom: 0,
    timelineIndex: -1,
    lessonStep: -1,
  };
  private lessonView: LessonView | null = null;
  /** Where leaving maintenance returns to. */
  private beforeMaintenance: PageMode = 'scenario';
  private readonly listeners = new Set<StateListener>();

  get current(): ExhibitSnapshot {
    return this.snapshot;
  }

  get manifest(): PackManifest | null {
    return this.pack;
  }

  /** The lesson class mode steps through (null before a pack). */
  get lesson(): LessonView | null {
    return this.lessonView;
  }

  subscribe(listener: StateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes a pack; keeps the scenario by id when the new pack still has it. */
  setPack(pack: PackManifest): void {
    const previousId = this.snapshot.scenario?.id;
    this.pack = pack;
    this.lessonView = lessonPlan(pack);
    const kept = previousId ? pack.scenarios.findIndex((s) => s.id === previousId) : -1;
    const index = kept >= 0 ? kept : 0;
    const language = pack.languages.includes(this.snapshot.language) ? this.snapshot.language : pack.languages[0]!;
    const lessonStep = this.snapshot.lessonStep >= 0 ? Math.min(this.snapshot.lessonStep, this.lessonView.steps.length - 1) : -1;
    this.update({ scenarioIndex: index, scenario: pack.scenarios[index] ?? null, language, timelineIndex: -1, lessonStep });
  }

  apply(intent: Intent): void {
    const pack = this.pack;
    if (!pack) return;
    const count = pack.scenarios.length;
    const s = this.snapshot;
    if (s.mode === 'maintenance') {
      if (intent.kind === 'maintenance') this.update({ mode: this.beforeMaintenance });
      return;
    }
    // Any input wakes the exhibit from its attract loop.
    const mode = s.mode === 'attract' ? 'scenario' : s.mode;
    if (mode === 'class' && (intent.kind === 'next' || intent.kind === 'previous')) {
      // A clicker steps like slides: it stops at the first and the last.
      this.showStep(s.lessonStep + (intent.kind === 'next' ? 1 : -1));
      return;
    }
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
        this.update({ mode, infoOpen: !s.infoOpen, pictureLarge: false });
        return;
      case 'picture':
        // Large opens the panel with it; again, back to the panel's own size.
        if (shownImage(pack, s.scenario, s.timelineIndex)) this.update({ mode, infoOpen: true, pictureLarge: !(s.infoOpen && s.pictureLarge) });
        else if (mode !== s.mode) this.update({ mode });
        return;
      case 'narration':
      case 'volume':
        // The narration controller plays and turns; the exhibit only wakes.
        if (mode !== s.mode) this.update({ mode });
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
        const pictureLarge = s.pictureLarge && scenarioIndex === s.scenarioIndex;
        this.update({ mode, timelineIndex: index, scenarioIndex, scenario: pack.scenarios[scenarioIndex] ?? null, pictureLarge });
        return;
      }
      case 'class-mode':
        if (s.mode === 'class') this.update({ mode: 'scenario', lessonStep: -1 });
        else this.showStep(0);
        return;
      case 'maintenance':
        this.beforeMaintenance = mode;
        this.update({ mode: 'maintenance' });
        return;
    }
  }

  /** Leaves the attract loop without doing anything else (a raw panel input). */
  wake(): void {
    if (this.snapshot.mode === 'attract' && this.pack) this.update({ mode: 'scenario' });
  }

  /** The attract loop's drift: the next scenario, still attracting. */
  drift(): void {
    const pack = this.pack;
    if (!pack || this.snapshot.mode !== 'attract' || pack.scenarios.length === 0) return;
    this.goTo((this.snapshot.scenarioIndex + 1) % pack.scenarios.length, 'attract');
  }

  /** Back to the attract loop and the default language (idle reset). */
  reset(): void {
    this.update({
      mode: 'attract',
      language: this.pack?.languages[0] ?? 'en',
      infoOpen: false,
      pictureLarge: false,
      orbit: 0,
      zoom: 0,
      timelineIndex: -1,
      lessonStep: -1,
    });
  }

  private showStep(step: number): void {
    const lesson = this.lessonView;
    if (!lesson || lesson.steps.length === 0) return;
    const lessonStep = clamp(step, 0, lesson.steps.length - 1);
    const view = lesson.steps[lessonStep]!;
    this.update({
      mode: 'class',
      lessonStep,
      scenarioIndex: view.scenarioIndex,
      scenario: this.pack?.scenarios[view.scenarioIndex] ?? null,
      timelineIndex: view.timelineIndex,
      infoOpen: false,
      pictureLarge: false,
      orbit: 0,
      zoom: 0,
    });
  }

  private goTo(index: number, mode: PageMode): void {
    const scenario = this.pack?.scenarios[index] ?? null;
    this.update({ mode, scenarioIndex: index, scenario, infoOpen: false, pictureLarge: false, orbit: 0, zoom: 0 });
  }

  private update(change: Partial<ExhibitSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener(this.snapshot);
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
