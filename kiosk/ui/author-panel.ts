// <author-panel>: in `crossroads author` only, what the bridge's checks say
// about the pack folder after each save: every problem with its file, line
// and column, field, what is wrong and how to fix it; and, when the last save
// had errors, that the screen shows the last good pack (stale). Set its
// `status` property; nothing renders until the first status arrives.

import { css, html } from 'lit';
import type { AuthorProblem, BridgeMessage } from '../../firmware-bridge/api/messages.js';
import { authorText } from '../i18n/author-strings.js';
import { panelStyles } from './overlay-styles.js';
import { SafeElement } from './safe-element.js';

export type AuthorStatus = Extract<BridgeMessage, { type: 'author' }>;

/** More would not fit at 1.5 m; the terminal has them all. */
const SHOWN = 6;

export class AuthorPanel extends SafeElement {
  static override properties = {
    status: { attribute: false },
    language: {},
  };

  declare status: AuthorStatus | null;
  declare language: string;

  constructor() {
    super();
    this.status = null;
    this.language = 'en';
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
    `,
  ];

  private where(p: AuthorProblem): string {
    const place = p.line ? `${p.file} ${authorText('line', this.language)} ${p.line}, ${authorText('column', this.language)} ${p.column ?? 1}` : p.file;
    return p.field ? `${place} · ${p.field}` : place;
  }

  protected renderSafely() {
    const status = this.status;
    if (!status) return html``;
    const t = (key: Parameters<typeof authorText>[0]): string => authorText(key, this.language);
    const errors = status.problems.filter((p) => p.severity === 'error').length;
    const warnings = status.problems.length - errors;
    const stale = status.state === 'stale';
    return html`<section class="panel ${stale ? 'stale' : 'ok'}" role="status" aria-live="polite" data-state=${status.state} data-seq=${String(status.seq)}>
      <p class="eyebrow">${t('studio')} · ${errors} ${t('errors')} · ${warnings} ${t('warnings')}</p>
      <p class="state">${stale ? t('stale') : t('allGood')}</p>
      <ol>
        ${status.problems.slice(0, SHOWN).map(
          (p) => html`<li class=${p.severity}>
            <span class="kind">${t(p.severity)}</span> <span class="where">${this.where(p)}</span>: ${p.message}${p.fix ? html`<br /><span class="muted">${t('fix')}: ${p.fix}</span>` : ''}
          </li>`,
        )}
      </ol>
      ${status.problems.length > SHOWN ? html`<p class="muted">+${status.problems.length - SHOWN} ${t('more')}</p>` : ''}
    </section>`;
  }
}

customElements.define('author-panel', AuthorPanel);

declare global {
  interface HTMLElementTagNameMap {
    'author-panel': AuthorPanel;
  }
}
