// <maintenance-screen>: what a maintainer needs at a glance: the board, a live
// input tester, the packs with roll-back, rendering speed, the bridge's
// uptime and last errors, and a USB install while a stick is in. It covers
// the whole screen; the app closes it after a minute without input.

import { html } from 'lit';
import type { BoardStatus, BridgeLogLine, ControlMap, InstallStatus, Intent, PackInfo, PanelInput } from '../../firmware-bridge/api/messages.js';
import { uiText } from '../i18n/kiosk-strings.js';
import type { SceneStats } from '../scene/map-scene.js';
import { FrameMeter, formatDuration, type FrameRate } from './frame-meter.js';
import './input-tester.js';
import type { InputTester } from './input-tester.js';
import { countsText, formatInstant, isOnScreen, lastErrorLines, packListing } from './maintenance-model.js';
import { maintenanceStyles } from './maintenance-styles.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

const HEALTH_EVERY_MS = 5_000;
const CONFIRM_MS = 6_000;

export class MaintenanceScreen extends PackElement {
  static override properties = {
    board: { attribute: false },
    controls: { attribute: false },
    packInfo: { attribute: false },
    packs: { attribute: false },
    errors: { attribute: false },
    install: { attribute: false },
    stats: { attribute: false },
    healthUrl: { attribute: 'health-url' },
    fps: { state: true },
    uptimeS: { state: true },
    confirming: { state: true },
    rollbackSent: { state: true },
  };

  declare board: BoardStatus | null;
  declare controls: ControlMap | null;
  declare packInfo: PackInfo | null;
  declare packs: PackInfo[] | null;
  declare errors: BridgeLogLine[];
  declare install: InstallStatus | null;
  declare stats: (() => SceneStats) | null;
  /** '' does not ask (component tests). */
  declare healthUrl: string;
  declare fps: FrameRate | null;
  declare uptimeS: number | null;
  declare confirming: boolean;
  declare rollbackSent: boolean;
  private readonly meter = new FrameMeter();
  private timers: ReturnType<typeof setInterval>[] = [];
  private confirmTimer: ReturnType<typeof setTimeout> | null = null;
  private aborter: AbortController | null = null;

  constructor() {
    super();
    this.board = null;
    this.controls = null;
    this.packInfo = null;
    this.packs = null;
    this.errors = [];
    this.install = null;
    this.stats = null;
    this.healthUrl = '/health';
    this.fps = null;
    this.uptimeS = null;
    this.confirming = false;
    this.rollbackSent = false;
  }

  static override styles = [panelStyles, maintenanceStyles];

  override connectedCallback(): void {
    super.connectedCallback();
    this.timers.push(setInterval(() => this.sampleStats(), 1000));
    this.timers.push(setInterval(() => void this.fetchHealth(), HEALTH_EVERY_MS));
    this.sampleStats();
    void this.fetchHealth();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirmTimer = null;
    this.aborter?.abort();
    this.aborter = null;
  }

  /** A raw panel input for the tester. */
  recordInput(input: PanelInput): void {
    const tester = this.tester();
    tester?.activity.record(input, Date.now());
    tester?.refresh();
  }

  /** A keyboard intent for the tester (lights the control bound to it). */
  recordIntent(intent: Intent): void {
    const tester = this.tester();
    if (!tester || !this.controls) return;
    tester.activity.recordIntent(intent, this.controls, Date.now());
    tester.refresh();
  }

  private tester(): InputTester | null {
    return this.renderRoot.querySelector('input-tester');
  }

  private sampleStats(): void {
    const stats = this.stats?.();
    if (stats) this.fps = this.meter.sample(stats.frames, stats.checks, performance.now());
  }

  private async fetchHealth(): Promise<void> {
    if (!this.healthUrl) return;
    this.aborter?.abort();
    this.aborter = new AbortController();
    try {
      const response = await fetch(this.healthUrl, { signal: this.aborter.signal, cache: 'no-store' });
      const body = response.ok ? ((await response.json()) as { uptimeS?: unknown }) : null;
      this.uptimeS = typeof body?.uptimeS === 'number' ? body.uptimeS : null;
    } catch {
      // The bridge restarting is what uptime would show anyway: unknown for now.
      this.uptimeS = null;
    }
  }

  private onRollback(): void {
    if (!this.confirming) {
      this.confirming = true;
      this.confirmTimer = setTimeout(() => (this.confirming = false), CONFIRM_MS);
      return;
    }
    if (this.confirmTimer) clearTimeout(this.confirmTimer);
    this.confirming = false;
    this.rollbackSent = true;
    this.dispatchEvent(new CustomEvent('kiosk-rollback', { bubbles: true, composed: true }));
  }

  private t(key: Parameters<typeof uiText>[0]): string {
    return uiText(key, this.language, this.pack);
  }

  private renderBoard() {
    const b = this.board;
    return html`<section class="panel" aria-labelledby="m-board">
      <h2 class="eyebrow" id="m-board">${this.t('board')}</h2>
      <dl>
        <dt>${this.t('status')}</dt>
        <dd data-testid="board-connected">${b?.connected ? this.t('connected') : this.t('notConnected')}${b?.simulated ? ` (${this.t('simulated')})` : ''}</dd>
        <dt>${this.t('boardId')}</dt>
        <dd>${b?.boardId ?? '—'}</dd>
        <dt>${this.t('firmware')}</dt>
        <dd>${b?.firmware ?? '—'}</dd>
        <dt>${this.t('port')}</dt>
        <dd>${b?.port ?? '—'}</dd>
        <dt>${this.t('framesDropped')}</dt>
        <dd data-testid="frames-dropped">${countsText(b?.framesDropped, this.t('none'))}</dd>
        <dt>${this.t('boardLosses')}</dt>
        <dd data-testid="board-losses">${countsText(b?.losses, this.t('none'))}</dd>
      </dl>
    </section>`;
  }

  private renderPacks() {
    const current = this.packInfo;
    const { packs, canRollBack } = packListing(this.packs, current);
    return html`<section class="panel" aria-labelledby="m-packs">
      <h2 class="eyebrow" id="m-packs">${this.t('packs')}</h2>
      <ul data-testid="packs">
        ${packs.map(
          (p) => html`<li>
            ${p.id} ${p.version} · ${p.source === 'built-in' ? this.t('builtIn') : `${this.t('installedAt')} ${p.installedAt ? formatInstant(p.installedAt, this.language) : '—'}`}
            ${isOnScreen(p, current) ? html` · <strong>${this.t('onScreen')}</strong>` : ''}
          </li>`,
        )}
      </ul>
      <button class=${this.confirming ? 'confirm' : ''} ?disabled=${!canRollBack || this.rollbackSent} @click=${() => this.onRollback()}>
        ${this.rollbackSent ? this.t('rollbackSent') : this.confirming ? this.t('confirmRollback') : this.t('rollback')}
      </button>
    </section>`;
  }

  private renderRuntime() {
    const stats = this.stats?.();
    return html`<section class="panel" aria-labelledby="m-perf">
      <h2 class="eyebrow" id="m-perf">${this.t('performance')}</h2>
      <dl>
        <dt>${this.t('frameRate')}</dt>
        <dd data-testid="fps">${this.fps === null ? '…' : this.fps.kind === 'still' ? this.t('mapStill') : this.fps.fps.toFixed(0)}</dd>
        <dt>${this.t('drawCalls')}</dt>
        <dd data-testid="draw-calls">${stats ? stats.drawCalls : '—'}</dd>
        <dt>${this.t('uptime')}</dt>
        <dd data-testid="uptime">${this.uptimeS === null ? this.t('unknown') : formatDuration(this.uptimeS)}</dd>
      </dl>
    </section>`;
  }

  private renderErrors() {
    const last = lastErrorLines(this.errors);
    return html`<section class="panel wide" aria-labelledby="m-errors">
      <h2 class="eyebrow" id="m-errors">${this.t('lastErrors')}</h2>
      ${last.length === 0
        ? html`<div class="muted">${this.t('noErrors')}</div>`
        : html`<ul class="errors" data-testid="errors">
            ${last.map((line) => html`<li>${line}</li>`)}
          </ul>`}
    </section>`;
  }

  private renderInstall() {
    const install = this.install;
    if (!install || install.phase === 'idle') return '';
    return html`<section class="panel wide" aria-labelledby="m-usb" data-testid="install">
      <h2 class="eyebrow" id="m-usb">${this.t('usbInstall')}: ${install.phase}</h2>
      ${install.phase === 'reading' || install.phase === 'installing'
        ? html`<progress max="1" value=${install.progress} aria-labelledby="m-usb"></progress>`
        : ''}
      <ul>
        ${install.lines.map((line) => html`<li>${line}</li>`)}
      </ul>
    </section>`;
  }

  protected renderSafely() {
    return html`
      <header>
        <h1>${this.t('maintenance')}</h1>
        <span class="muted">${this.t('leavesIn')}</span>
      </header>
      <div class="grid">
        ${this.renderInstall()}
        <section class="panel wide"><input-tester .controls=${this.controls} .pack=${this.pack} .language=${this.language}></input-tester></section>
        ${this.renderBoard()} ${this.renderPacks()} ${this.renderRuntime()} ${this.renderErrors()}
      </div>
    `;
  }
}

customElements.define('maintenance-screen', MaintenanceScreen);

declare global {
  interface HTMLElementTagNameMap {
    'maintenance-screen': MaintenanceScreen;
  }
}
