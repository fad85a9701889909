// The author panel's own words (`crossroads author`), in the kiosk's two
// languages. Problem texts come from the bridge's checks, in English, and
// are worded in the page's language by problem-strings.ts.

export const AUTHOR_STRINGS = {
  studio: { en: 'Author preview', es: 'Vista previa del autor' },
  allGood: { en: 'The pack checks out: what you see is your last save.', es: 'El paquete es válido: lo que ve es su último guardado.' },
  stale: { en: 'Not shown: your last save has errors. The screen shows the last good save.', es: 'No se muestra: su último guardado tiene errores. La pantalla muestra el último guardado válido.' },
  errors: { en: 'errors', es: 'errores' },
  warnings: { en: 'warnings', es: 'avisos' },
  error: { en: 'Error', es: 'Error' },
  warning: { en: 'Warning', es: 'Aviso' },
  line: { en: 'line', es: 'línea' },
  column: { en: 'column', es: 'columna' },
  fix: { en: 'Fix', es: 'Solución' },
  more: { en: 'more', es: 'más' },
  view: { en: 'Screen', es: 'Pantalla' },
  window: { en: 'This window', es: 'Esta ventana' },
  kiosk: { en: 'Kiosk 1920×1080', es: 'Quiosco 1920×1080' },
  portrait: { en: 'Portrait 1080×1920', es: 'Vertical 1080×1920' },
  projector: { en: 'Projector 1280×800', es: 'Proyector 1280×800' },
  language: { en: 'Language', es: 'Idioma' },
  tour: { en: 'Tour every scenario', es: 'Recorrer los escenarios' },
  stopTour: { en: 'Stop the tour', es: 'Detener el recorrido' },
  touring: { en: 'Tour: scenario', es: 'Recorrido: escenario' },
  of: { en: 'of', es: 'de' },
  curator: { en: 'For the curator', es: 'Para el conservador' },
  hiddenPlace: { en: 'the place "{name}" is hidden under the {under} in this scenario on this screen', es: 'el lugar «{name}» queda oculto bajo {under} en este escenario y esta pantalla' },
  hiddenStop: { en: 'the route stop "{name}" is hidden under the {under} in this scenario on this screen', es: 'la parada «{name}» queda oculta bajo {under} en este escenario y esta pantalla' },
  hiddenFix: { en: 'move the camera (the scenario\'s "camera") so the map frames it in the free space, or drop it from the scenario', es: 'mueva la cámara («camera» del escenario) para que el mapa lo encuadre en el espacio libre, o quítelo del escenario' },
} as const;

export type AuthorStringKey = keyof typeof AUTHOR_STRINGS;

/** The overlays' names, as a curator calls them. */
export const PANEL_NAMES: Record<string, { en: string; es: string }> = {
  'scenario-card': { en: 'scenario card', es: 'la tarjeta del escenario' },
  'timeline-strip': { en: 'timeline', es: 'la línea de tiempo' },
  'map-legend': { en: 'legend', es: 'la leyenda' },
  'control-hints': { en: 'panel hints', es: 'las indicaciones del panel' },
  'scenario-strip': { en: 'scenario strip', es: 'la tira de escenarios' },
  'info-panel': { en: 'info panel', es: 'el panel de información' },
  'lesson-panel': { en: 'lesson panel', es: 'el panel de la lección' },
};

export function panelName(tag: string, language: string): string {
  const entry = PANEL_NAMES[tag];
  return entry ? (language === 'es' ? entry.es : entry.en) : tag;
}

export function authorText(key: AuthorStringKey, language: string): string {
  const entry = AUTHOR_STRINGS[key] as Record<string, string>;
  return entry[language] ?? entry.en!;
}
