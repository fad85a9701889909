// <author-panel>: in `crossroads author` only, what the bridge's checks say
// about the pack folder after each save: every problem with its file, line
// and column, field, what is wrong and how to fix it; and, when the last save
// had errors, that the screen shows the last good pack (stale). Set its
// `status` property; nothing renders until the first status arrives.
// Above them, the studio's switches: the screen the exhibit is laid out for,
// the language, and a tour of every scenario; each asks the author controller
// with an event (`author-view`, `author-language`, `author-tour`). Points a
// curator signs off (the bridge's and the page's own: a place hidden under an
// overlay) are listed apart, always in full. Problems are worded in the
// page's language where the problem's code has words (problem-strings.ts).

import { css, html } from 'lit';
import type { AuthorProblem, BridgeMessage } from '../../firmware-bridge/api/messages.js';
import { authorText, type AuthorStringKey } from '../i18n/author-strings.js';
import { problemWords } from '../i18n/problem-strings.js';
import { panelStyles } from './overlay-styles.js';
import { SafeElement } from './safe-element.js';

export type AuthorStatus = Extract<BridgeMessage, { type: 'author' }>;

/** More would not fit at 1.5 m; the terminal has them all. */
const SHOWN = 6;

export class AuthorPanel extends SafeElement {
  static override properties = {
    status: { attribute: false },
    language: {},
    languages: { attribute: false },
    view: {},
    views: { attribute: false },
    tour: { attribute: false },
    curatorItems: { attribute: false },
  };

  declare status: AuthorStatus | null;
  declare language: string;
  /** The pack's languages, for the language switch. */
  declare languages: string[];
  /** The view on screen, one of `views` (ids of VIEW_SIZES). */
  declare view: string;
  declare views: string[];
  /** The tour's step and length, or null when no tour runs. */
  declare tour: { step: number; count: number } | null;
  /** The page's own curator warnings (a place under an overlay), already worded. */
  declare curatorItems: AuthorProblem[];

  constructor() {
    super();
    this.status = null;
    this.language = 'en';
    this.languages = [];
    this.view = 'window';
    this.views = [];
    this.tour = null;
    this.curatorItems = [];
  }

  private ask(type: string, detail: string): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        position: fixed;
        left: 2vw;
        bottom: 2.2vh;
        max-width: min(34em, 46vw);
        max-height: 60vh;
        overflow: auto;
        z-index: 6;
      }
      .panel.stale {
        border-color: #f2a65a;
      }
      .state {
        margin: 0 0 0.4em;
      }
      ol {
        margin: 0;
        padding-left: 1.2em;
      }
      li {
        margin: 0.3em 0;
      }
      .where {
        font-family: 'DejaVu Sans Mono', monospace;
        color: var(--accent, #e8c987);
      }
      .error .kind {
        color: #ff9b8a;
      }
      .warning .kind {
        color: #f2d28a;
      }
      .switches {
        display: flex;
        flex-wrap: wrap;
        gap: 0.3em;
        align-items: center;
        margin: 0 0 0.5em;
        font-size: var(--fs-small, 20px);
      }
      .switches .label {
        color: var(--accent, #e8c987);
        margin-right: 0.2em;
      }
      button {
        font: inherit;
        color: inherit;
        background: transparent;
        border: 0.08em solid rgba(232, 201, 135, 0.5);
        border-radius: 0.3em;
        padding: 0.1em 0.5em;
        cursor: pointer;
      }
      button[aria-pressed='true'] {
        background: var(--accent, #e8c987);
        color: var(--on-accent, #10202c);
      }
      h3 {
        margin: 0.6em 0 0.2em;
        font-size: inherit;
        color: var(--accent, #e8c987);
      }
    `,
  ];

  private where(p: AuthorProblem): string {
    const place = p.line ? `${p.file} ${authorText('line', this.language)} ${p.line}, ${authorText('column', this.language)} ${p.column ?? 1}` : p.file;
    return p.field ? `${place} · ${p.field}` : place;
  }

  private item(p: AuthorProblem, t: (key: AuthorStringKey) => string) {
    const { message, fix } = problemWords(p, this.language);
    return html`<li class=${p.severity} data-code=${p.code ?? ''}>
      <span class="kind">${t(p.severity)}</span> <span class="where">${this.where(p)}</span>: ${message}${fix ? html`<br /><span class="muted">${t('fix')}: ${fix}</span>` : ''}
    </li>`;
  }

  private switches(t: (key: AuthorStringKey) => string) {
    const pressed = (on: boolean): string => (on ? 'true' : 'false');
    const tour = this.tour;
    return html`<div class="switches" role="group" aria-label=${t('view')}>
        <span class="label">${t('view')}</span>
        ${this.views.map((id) => html`<button type="button" data-view=${id} aria-pressed=${pressed(id === this.view)} @click=${() => this.ask('author-view', id)}>${t(id as AuthorStringKey)}</button>`)}
      </div>
      <div class="switches">
        <span class="label">${t('language')}</span>
        ${this.languages.map((code) => html`<button type="button" data-language=${code} aria-pressed=${pressed(code === this.language)} @click=${() => this.ask('author-language', code)}>${code.toUpperCase()}</button>`)}
        <button type="button" class="tour" data-touring=${tour ? 'yes' : 'no'} @click=${() => this.ask('author-tour', tour ? 'stop' : 'start')}>${tour ? t('stopTour') : t('tour')}</button>
        ${tour ? html`<span class="muted tour-step">${t('touring')} ${tour.step + 1} ${t('of')} ${tour.count}</span>` : ''}
      </div>`;
  }

  protected renderSafely() {
    const status = this.status;
    if (!status) return html``;
    const t = (key: AuthorStringKey): string => authorText(key, this.language);
    const errors = status.problems.filter((p) => p.severity === 'error').length;
    const warnings = status.problems.length - errors + this.curatorItems.length;
    const stale = status.state === 'stale';
    const curator = [...status.problems.filter((p) => p.curator), ...this.curatorItems];
    const rest = status.problems.filter((p) => !p.curator);
    return html`<section class="panel ${stale ? 'stale' : 'ok'}" role="status" aria-live="polite" data-state=${status.state} data-seq=${String(status.seq)}>
      <p class="eyebrow">${t('studio')} · ${errors} ${t('errors')} · ${warnings} ${t('warnings')}</p>
      ${this.switches(t)}
      <p class="state">${stale ? t('stale') : t('allGood')}</p>
      <ol>
        ${rest.slice(0, SHOWN).map((p) => this.item(p, t))}
      </ol>
      ${rest.length > SHOWN ? html`<p class="muted">+${rest.length - SHOWN} ${t('more')}</p>` : ''}
      ${curator.length ? html`<h3>${t('curator')}</h3><ol class="curator">${curator.map((p) => this.item(p, t))}</ol>` : ''}
    </section>`;
  }
}

customElements.define('author-panel', AuthorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'author-panel': AuthorPanel;
  }
}
