// The installation's display options on <crossroads-app> (high contrast,
// large text, reduced motion), as a Lit reactive controller: read from the
// URL and the system's prefers-reduced-motion when the host joins the page,
// toggled by staff keys, shown as host attributes and the text scale. It owns
// the media-query listener.

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { displayOptionsFrom, textScale, toggleDisplay, type DisplayOptions, type DisplayToggle } from './display-options.js';

export interface DisplayControllerOptions {
  /** Class mode enlarges the text too. */
  classMode: () => boolean;
  /** The options changed (the map and the attract loop follow reduced motion). */
  onChange: (options: DisplayOptions) => void;
}

export class DisplayController implements ReactiveController {
  options: DisplayOptions = { highContrast: false, largeText: false, reducedMotion: false };
  private query: MediaQueryList | null = null;
  private readonly onPreference = (event: MediaQueryListEvent): void => this.set({ ...this.options, reducedMotion: event.matches });

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly callbacks: DisplayControllerOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.query = window.matchMedia('(prefers-reduced-motion: reduce)');
    this.query.addEventListener('change', this.onPreference);
    this.set(displayOptionsFrom(location.search, this.query.matches));
  }

  hostDisconnected(): void {
    this.query?.removeEventListener('change', this.onPreference);
    this.query = null;
  }

  toggle(which: DisplayToggle): void {
    this.set(toggleDisplay(this.options, which));
  }

  /** Class mode began or ended: the text scale follows. */
  refresh(): void {
    this.set(this.options);
  }

  private set(options: DisplayOptions): void {
    this.options = options;
    const host = this.host;
    host.toggleAttribute('high-contrast', options.highContrast);
    host.toggleAttribute('large-text', options.largeText);
    host.toggleAttribute('reduced-motion', options.reducedMotion);
    host.style.setProperty('--text-scale', String(textScale(options, this.callbacks.classMode())));
    this.callbacks.onChange(options);
    host.requestUpdate();
  }
}
