// The author's studio on <crossroads-app>, as a reactive controller: it is
// idle on a kiosk and becomes active with the first `author` message (sent
// only by `crossroads author`). Then it owns one <author-panel>, placed on the
// document's root outside the body (the body is the exhibit's screen, which
// the view switch sizes and scales), the view frame, the tour and a
// once-a-second look for places hidden under an overlay; all are released
// when the host leaves the page. While active, the app takes a new pack at
// once. The switches act through the exhibit's own intents.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { AuthorProblem, BridgeMessage, Intent } from '../../firmware-bridge/api/messages.js';
import { authorText, panelName } from '../i18n/author-strings.js';
import { AuthorPanel, type AuthorStatus } from '../ui/author-panel.js';
import { AuthorFrame, VIEW_SIZES } from './author-frame.js';
import { AuthorTour, tourStepMs } from './author-tour.js';
import { hiddenPlaces, type PlaceOnScreen } from './hidden-places.js';
import { coveringRects } from './overlay-tracker.js';

export interface AuthorSource {
  language: () => string;
  pack: () => PackManifest | null;
  /** The scenario the map shows, or null (attract loop). */
  scenario: () => string | null;
  places: () => PlaceOnScreen[];
  layer: () => Element | null;
  canvas: () => HTMLCanvasElement | null;
  intent: (intent: Intent) => void;
}

/** How often the page looks again for hidden places: the camera moves, overlays grow. */
const LOOK_MS = 1000;

export class AuthorController implements ReactiveController {
  private panel: AuthorPanel | null = null;
  private status: AuthorStatus | null = null;
  private readonly frame = new AuthorFrame();
  private readonly tour: AuthorTour;
  private look: ReturnType<typeof setInterval> | null = null;
  private hiddenKey = '';
  private lastLayout = '';
  private readonly onView = (e: Event): void => this.useView((e as CustomEvent<string>).detail);
  private readonly onLanguage = (e: Event): void => this.useLanguage((e as CustomEvent<string>).detail);
  private readonly onTour = (e: Event): void => ((e as CustomEvent<string>).detail === 'stop' ? this.tour.stop() : this.tour.start());

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly source: AuthorSource,
  ) {
    this.tour = new AuthorTour({ count: () => source.pack()?.scenarios.length ?? 0, intent: (i) => source.intent(i), changed: () => this.show(), stepMs: tourStepMs(location.search) });
    host.addController(this);
  }

  /** True once the bridge said this page is an author's preview. */
  get active(): boolean {
    return this.status !== null;
  }

  take(message: BridgeMessage): void {
    if (message.type !== 'author') return;
    this.status = message;
    this.show();
  }

  hostUpdated(): void {
    if (this.panel) this.show();
  }

  hostConnected(): void {
    if (this.status) this.show();
  }

  hostDisconnected(): void {
    this.tour.stop();
    this.frame.release();
    if (this.look !== null) clearInterval(this.look);
    this.look = null;
    if (this.panel) {
      this.panel.removeEventListener('author-view', this.onView);
      this.panel.removeEventListener('author-language', this.onLanguage);
      this.panel.removeEventListener('author-tour', this.onTour);
      this.panel.remove();
    }
    this.panel = null;
  }

  private useView(id: string): void {
    this.frame.use(id);
    this.show();
  }

  /** The exhibit's language intent steps through the pack's languages: as many steps as it takes. */
  private useLanguage(code: string): void {
    const languages = this.source.pack()?.languages ?? [];
    if (!languages.includes(code)) return;
    for (let i = 0; i < languages.length && this.source.language() !== code; i++) this.source.intent({ kind: 'language' });
  }

  private show(): void {
    if (!this.host.isConnected || !this.status) return;
    if (!this.panel) {
      this.panel = document.createElement('author-panel');
      this.panel.addEventListener('author-view', this.onView);
      this.panel.addEventListener('author-language', this.onLanguage);
      this.panel.addEventListener('author-tour', this.onTour);
      document.documentElement.append(this.panel);
      this.look = setInterval(() => this.lookForHidden(), LOOK_MS);
    }
    const panel = this.panel;
    panel.status = this.status;
    panel.language = this.source.language();
    panel.languages = this.source.pack()?.languages ?? [];
    panel.views = VIEW_SIZES.map((s) => s.id);
    panel.view = this.frame.current.id;
    const count = this.source.pack()?.scenarios.length ?? 0;
    panel.tour = this.tour.running ? { step: this.tour.step, count } : null;
  }

  /** The scenario on screen: its places and route stops that sit under an overlay, as curator's warnings. */
  private lookForHidden(): void {
    const pack = this.source.pack(), scenario = this.source.scenario(), layer = this.source.layer(), canvas = this.source.canvas();
    const language = this.source.language();
    // Only a map at rest counts: while the camera moves, places pass under overlays.
    const layout = JSON.stringify(this.source.places().map((p) => [p.id, Math.round(p.x ?? -1), Math.round(p.y ?? -1)]));
    const moving = layout !== this.lastLayout;
    this.lastLayout = layout;
    if (moving) return;
    const hidden = pack && scenario && layer && canvas ? hiddenPlaces(pack, scenario, language, this.source.places(), coveringRects(layer, canvas)) : [];
    const key = JSON.stringify([language, hidden]);
    if (key === this.hiddenKey || !this.panel) return;
    this.hiddenKey = key;
    const items: AuthorProblem[] = hidden.map((h) => ({
      severity: 'warning',
      file: 'pack.json',
      line: null,
      column: null,
      field: h.index >= 0 ? `places[${h.index}].at` : '',
      message: authorText(h.role === 'place' ? 'hiddenPlace' : 'hiddenStop', language).replace('{name}', h.name).replace('{under}', panelName(h.under, language)),
      fix: authorText('hiddenFix', language),
      curator: true,
    }));
    this.panel.curatorItems = items;
  }
}
