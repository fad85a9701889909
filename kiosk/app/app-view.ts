// What <crossroads-app> draws, as a function of what it shows: the map's
// canvas under the overlay layer, and which overlays apply in each mode (the
// attract banner, the countdown, the class-mode lesson, the visitor's panels,
// the maintenance screen, the narration's captions). Pure: the element passes
// everything in.

import { html, type TemplateResult } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { SceneStats } from '../scene/map-scene.js';
import '../ui/attract-overlay.js';
import '../ui/control-hints.js';
import '../ui/idle-countdown.js';
import '../ui/info-panel.js';
import '../ui/install-banner.js';
import '../ui/lesson-panel.js';
import '../ui/maintenance-screen.js';
import '../ui/map-legend.js';
import '../ui/narration-captions.js';
import '../ui/scenario-card.js';
import '../ui/scenario-strip.js';
import '../ui/timeline-strip.js';
import type { ExhibitSnapshot } from './exhibit-state.js';
import type { LessonView } from './lesson-plan.js';
import type { MaintenanceFeed } from './maintenance-feed.js';

/** The narration as the overlays show it. */
export interface NarrationOnScreen {
  /** None for this scenario and language, one ready to play, or one playing. */
  state: 'none' | 'ready' | 'playing';
  cue: string | null;
  credit: string;
  draft: boolean;
}

export interface AppView {
  snapshot: ExhibitSnapshot;
  pack: PackManifest | null;
  lesson: LessonView | null;
  feed: MaintenanceFeed;
  /** Seconds left on the idle countdown, null when none shows. */
  countdown: number | null;
  /** A fleet operator's identify: this kiosk's id, or null. */
  kioskId: string | null;
  reducedMotion: boolean;
  narration: NarrationOnScreen;
  healthUrl: string;
  stats: () => SceneStats | null;
}

/** Whether a visitor (or a class) is looking at a scenario: the panels that explain it show. */
export function visitorMode(s: ExhibitSnapshot): boolean {
  return s.mode === 'scenario' || s.mode === 'class';
}

export function appView(v: AppView): TemplateResult {
  const { snapshot: s, pack, feed } = v;
  const lang = s.language;
  const visitor = visitorMode(s);
  return html`
    <canvas aria-hidden="true"></canvas>
    <div class="layer" lang=${lang}>
      ${visitor ? html`<timeline-strip class="top" .pack=${pack} .language=${lang} .index=${s.timelineIndex}></timeline-strip>` : ''}
      ${s.mode === 'attract' ? html`<attract-overlay class="banner" .pack=${pack} ?reduced=${v.reducedMotion}></attract-overlay>` : ''}
      ${v.countdown !== null && s.mode === 'scenario'
        ? html`<idle-countdown class="banner" .pack=${pack} .language=${lang} .seconds=${v.countdown}></idle-countdown>`
        : ''}
      ${s.mode === 'class' ? html`<lesson-panel .pack=${pack} .lesson=${v.lesson} .step=${s.lessonStep} .language=${lang}></lesson-panel>` : ''}
      <div class="left">
        <scenario-card .pack=${pack} .scenario=${s.scenario} .language=${lang} .index=${s.scenarioIndex} .narration=${v.narration.state} lang=${lang}></scenario-card>
      </div>
      ${visitor && s.infoOpen
        ? html`<info-panel .pack=${pack} .scenario=${s.scenario} .language=${lang} .timelineIndex=${s.timelineIndex} ?large=${s.pictureLarge}></info-panel>`
        : ''}
      ${visitor && v.narration.state === 'playing'
        ? html`<narration-captions class="captions" .pack=${pack} .language=${lang} .cue=${v.narration.cue} .credit=${v.narration.credit} ?draft=${v.narration.draft}></narration-captions>`
        : ''}
      ${visitor ? html`<map-legend .pack=${pack} .scenario=${s.scenario} .language=${lang}></map-legend>` : ''}
      <control-hints .controls=${feed.controls} .pack=${pack} .language=${lang} .mode=${s.mode}></control-hints>
      <scenario-strip .pack=${pack} .language=${lang} .index=${s.mode === 'attract' ? -1 : s.scenarioIndex}></scenario-strip>
    </div>
    ${v.kioskId ? html`<div class="fleet-identify" role="status">${v.kioskId}</div>` : ''}
    ${s.mode !== 'maintenance' ? html`<install-banner .pack=${pack} .install=${feed.install} .language=${lang}></install-banner>` : ''}
    ${s.mode === 'maintenance'
      ? html`<maintenance-screen
          .pack=${pack}
          .language=${lang}
          .board=${feed.board}
          .controls=${feed.controls}
          .packInfo=${feed.packInfo}
          .packs=${feed.packs}
          .errors=${feed.errors}
          .install=${feed.install}
          .stats=${v.stats}
          .healthUrl=${v.healthUrl}
        ></maintenance-screen>`
      : ''}
  `;
}
