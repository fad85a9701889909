// How the installation wants the page drawn: high contrast, large text,
// reduced motion. Set by the URL (?contrast=high&text=large&motion=reduced,
// for the kiosk's start-up command), by the system's prefers-reduced-motion,
// and toggled from the keyboard by staff.

export interface DisplayOptions {
  highContrast: boolean;
  largeText: boolean;
  reducedMotion: boolean;
}

export type DisplayToggle = 'contrast' | 'text' | 'motion';

export function displayOptionsFrom(search: string, prefersReducedMotion: boolean): DisplayOptions {
  const query = new URLSearchParams(search);
  return {
    highContrast: query.get('contrast') === 'high',
    largeText: query.get('text') === 'large',
    reducedMotion: query.get('motion') === 'reduced' || prefersReducedMotion,
  };
}

export function toggleDisplay(options: DisplayOptions, which: DisplayToggle): DisplayOptions {
  switch (which) {
    case 'contrast':
      return { ...options, highContrast: !options.highContrast };
    case 'text':
      return { ...options, largeText: !options.largeText };
    case 'motion':
      return { ...options, reducedMotion: !options.reducedMotion };
  }
}

/** Text scale for the page: large text and class mode both enlarge, and stack. */
export function textScale(options: DisplayOptions, classMode: boolean): number {
  return (options.largeText ? 1.3 : 1) * (classMode ? 1.15 : 1);
}
