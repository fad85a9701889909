// The kiosk's own interface words. A pack may add languages or override any
// of these through its `strings`; pack texts themselves come from the pack.

import type { LocalText, PackManifest } from '../../content/schema/pack-types.js';

export const KIOSK_STRINGS = {
  invite: { en: 'Press any button or turn a knob', es: 'Pulse cualquier botón o gire un mando' },
  scenario: { en: 'Scenario', es: 'Escenario' },
  of: { en: 'of', es: 'de' },
  more: { en: 'More', es: 'Más' },
  sources: { en: 'Sources', es: 'Fuentes' },
  analysisBy: { en: 'Analysis by', es: 'Análisis de' },
  // {date} is the pack's asOf, written the visitor's way ("July 2025").
  asOf: { en: 'as of {date}', es: 'hasta {date}' },
  asOfNote: { en: 'The analysis reflects events up to {date}; later developments are not covered.', es: 'El análisis refleja los hechos hasta {date}; no recoge lo ocurrido después.' },
  untitledWork: { en: 'untitled analysis', es: 'análisis sin título' },
  editorsContext: { en: 'Editors’ context', es: 'Contexto de los editores' },
  loading: { en: 'Preparing the map…', es: 'Preparando el mapa…' },
  legend: { en: 'On the map', es: 'En el mapa' },
  highlighted: { en: 'Countries in this story', es: 'Países de esta historia' },
  languageName: { en: 'English', es: 'Español' },
  // Idle reset
  stillThere: { en: 'Still there?', es: '¿Sigue ahí?' },
  keepExploring: { en: 'Press any button to keep exploring', es: 'Pulse cualquier botón para seguir explorando' },
  startingOver: { en: 'Starting over in', es: 'Volvemos al inicio en' },
  seconds: { en: 's', es: 's' },
  // Legend
  corridors: { en: 'Corridors', es: 'Corredores' },
  relations: { en: 'Relations', es: 'Relaciones' },
  kindRail: { en: 'Railway', es: 'Ferrocarril' },
  kindSea: { en: 'Sea route', es: 'Ruta marítima' },
  kindRoad: { en: 'Road', es: 'Carretera' },
  kindPipeline: { en: 'Pipeline', es: 'Gasoducto u oleoducto' },
  kindMultimodal: { en: 'Multimodal route', es: 'Ruta multimodal' },
  statusOperating: { en: 'in operation', es: 'en funcionamiento' },
  statusPlanned: { en: 'planned', es: 'planificado' },
  statusProposed: { en: 'proposed', es: 'propuesto' },
  relAlliance: { en: 'Alliance', es: 'Alianza' },
  relPartnership: { en: 'Partnership', es: 'Asociación' },
  relMediation: { en: 'Mediation', es: 'Mediación' },
  relRivalry: { en: 'Rivalry', es: 'Rivalidad' },
  relTension: { en: 'Tension', es: 'Tensión' },
  // Timeline, hints, touch
  timeline: { en: 'Timeline', es: 'Cronología' },
  timelineHint: { en: 'Turn the timeline knob to travel through time', es: 'Gire el mando de la cronología para viajar en el tiempo' },
  panel: { en: 'Control panel', es: 'Panel de control' },
  ctlScenario: { en: 'Scenarios', es: 'Escenarios' },
  ctlNext: { en: 'Next', es: 'Siguiente' },
  ctlPrevious: { en: 'Back', es: 'Anterior' },
  ctlLanguage: { en: 'Language', es: 'Idioma' },
  ctlInfo: { en: 'More', es: 'Más' },
  ctlTimeline: { en: 'Timeline', es: 'Cronología' },
  ctlOrbit: { en: 'Turn the map', es: 'Girar el mapa' },
  ctlZoom: { en: 'Zoom', es: 'Acercar' },
  ctlClass: { en: 'Class mode', es: 'Modo clase' },
  ctlMaintenance: { en: 'Maintenance', es: 'Mantenimiento' },
  ctlNarration: { en: 'Listen', es: 'Escuchar' },
  ctlPicture: { en: 'Picture', es: 'Imagen' },
  ctlVolume: { en: 'Volume', es: 'Volumen' },
  hold: { en: 'hold', es: 'mantener' },
  chooseScenario: { en: 'Choose a scenario', es: 'Elija un escenario' },
  closeInfo: { en: 'Press again to close', es: 'Pulse de nuevo para cerrar' },
  // Pictures and narration
  listen: { en: 'Listen', es: 'Escuchar' },
  stopListening: { en: 'Stop', es: 'Detener' },
  narration: { en: 'Narration', es: 'Narración' },
  draftVoice: { en: 'Draft', es: 'Borrador' },
  // Class mode
  classMode: { en: 'Class mode', es: 'Modo clase' },
  step: { en: 'Step', es: 'Paso' },
  clickerHint: { en: 'Clicker: next and back step through the lesson', es: 'Mando: siguiente y anterior recorren la lección' },
  // Maintenance (for the staff, still translated)
  maintenance: { en: 'Maintenance', es: 'Mantenimiento' },
  board: { en: 'Control panel board', es: 'Placa del panel' },
  status: { en: 'Status', es: 'Estado' },
  connected: { en: 'connected', es: 'conectada' },
  notConnected: { en: 'not connected', es: 'no conectada' },
  simulated: { en: 'simulated', es: 'simulada' },
  boardId: { en: 'Board id', es: 'Id de la placa' },
  firmware: { en: 'Firmware', es: 'Firmware' },
  port: { en: 'Port', es: 'Puerto' },
  framesDropped: { en: 'Frames dropped', es: 'Tramas descartadas' },
  boardLosses: { en: 'Board lost since start', es: 'Placa perdida desde el arranque' },
  none: { en: 'none', es: 'ninguna' },
  inputTester: { en: 'Input tester: press each button, turn each knob', es: 'Prueba de controles: pulse cada botón, gire cada mando' },
  button: { en: 'Button', es: 'Botón' },
  knob: { en: 'Knob', es: 'Mando' },
  packs: { en: 'Content packs', es: 'Paquetes de contenido' },
  onScreen: { en: 'on screen', es: 'en pantalla' },
  builtIn: { en: 'built-in', es: 'incluido' },
  installedAt: { en: 'installed', es: 'instalado' },
  rollback: { en: 'Roll back to the previous pack', es: 'Volver al paquete anterior' },
  confirmRollback: { en: 'Press again to confirm the roll-back', es: 'Pulse de nuevo para confirmar' },
  rollbackSent: { en: 'Roll-back requested', es: 'Vuelta atrás solicitada' },
  performance: { en: 'Rendering', es: 'Dibujo' },
  frameRate: { en: 'Frame rate', es: 'Imágenes por segundo' },
  mapStill: { en: 'still: nothing to draw', es: 'quieto: nada que dibujar' },
  drawCalls: { en: 'Draw calls', es: 'Llamadas de dibujo' },
  uptime: { en: 'Bridge uptime', es: 'Tiempo en marcha del puente' },
  unknown: { en: 'unknown', es: 'desconocido' },
  lastErrors: { en: 'Last errors', es: 'Últimos errores' },
  noErrors: { en: 'No errors', es: 'Sin errores' },
  usbInstall: { en: 'USB stick', es: 'Memoria USB' },
  leavesIn: { en: 'Closes by itself after a minute without input', es: 'Se cierra sola tras un minuto sin uso' },
  somethingWrong: { en: 'One moment…', es: 'Un momento…' },
} satisfies Record<string, LocalText>;

export type KioskStringKey = keyof typeof KIOSK_STRINGS;

/** Picks a text in the language, else the pack's default, else any. */
export function pick(text: LocalText | undefined, language: string, fallback?: string): string {
  if (!text) return '';
  return text[language] ?? (fallback ? text[fallback] : undefined) ?? Object.values(text)[0] ?? '';
}

/** An interface string, the pack's override first. */
export function uiText(key: KioskStringKey, language: string, pack: PackManifest | null): string {
  const override = pack?.strings?.[key];
  const fallback = pack?.languages[0] ?? 'en';
  return (override && override[language]) ?? pick(KIOSK_STRINGS[key], language, 'en') ?? pick(override, fallback);
}
