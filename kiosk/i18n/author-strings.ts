// The author panel's own words (`crossroads author`), in the kiosk's two
// languages. Problem texts come from the bridge's checks, in English.

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
} as const;

export type AuthorStringKey = keyof typeof AUTHOR_STRINGS;

export function authorText(key: AuthorStringKey, language: string): string {
  const entry = AUTHOR_STRINGS[key] as Record<string, string>;
  return entry[language] ?? entry.en!;
}
