// <lesson-panel>: class mode's step: the lesson, "step 3 of 8", and the
// prompt the teacher might ask, in larger type than the visitors' label.

import { css, html } from 'lit';
import type { LessonView } from '../app/lesson-plan.js';
import { pick, uiText } from '../i18n/kiosk-strings.js';
import { panelStyles } from './overlay-styles.js';
import { PackElement } from './pack-element.js';

export class LessonPanel extends PackElement {
  static override properties = {
    lesson: { attribute: false },
    step: { type: Number },
  };

  declare lesson: LessonView | null;
  declare step: number;

  constructor() {
    super();
    this.lesson = null;
    this.step = 0;
  }

  static override styles = [
    panelStyles,
    css`
      :host {
        display: block;
      }
      .panel {
        border-left: 0.25em solid var(--accent, #e8c987);
      }
      .prompt {
        font-size: 1.3em;
        line-height: 1.3;
        margin: 0.2em 0 0.3em;
      }
      .hint {
        font-size: var(--fs-small, 20px);
      }
    `,
  ];

  protected renderSafely() {
    const { pack, lesson, language } = this;
    if (!pack || !lesson || lesson.steps.length === 0) return html``;
    const fallback = pack.languages[0];
    const step = lesson.steps[Math.min(Math.max(this.step, 0), lesson.steps.length - 1)]!;
    return html`
      <section class="panel" aria-labelledby="lesson-title">
        <p class="eyebrow" id="lesson-title">
          ${uiText('classMode', language, pack)} · ${pick(lesson.title, language, fallback)} · ${uiText('step', language, pack)}
          <span data-testid="lesson-step">${this.step + 1}</span> ${uiText('of', language, pack)} ${lesson.steps.length}
        </p>
        ${step.prompt ? html`<p class="prompt" data-testid="lesson-prompt">${pick(step.prompt, language, fallback)}</p>` : ''}
        <div class="hint muted">${uiText('clickerHint', language, pack)}</div>
      </section>
    `;
  }
}

customElements.define('lesson-panel', LessonPanel);

declare global {
  interface HTMLElementTagNameMap {
    'lesson-panel': LessonPanel;
  }
}
