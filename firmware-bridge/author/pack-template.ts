// The pack `crossroads pack new DIR` writes: the smallest pack that passes
// every check (one scenario, one route, one source, two languages), for an
// author to grow from. Its places and route come from the built-in pack, so
// the map checks pass as they stand.

import type { PackManifest } from '../../content/schema/pack-types.js';

/** A fresh manifest with the given id; `$schema` is added by the caller (its path depends on DIR). */
export function packTemplate(id: string): PackManifest {
  const pack = structuredClone(TEMPLATE);
  pack.id = id;
  return pack;
}

const TEMPLATE = {
  "format": 1,
  "id": "ID",
  "version": "0.1.0",
  "title": {
    "en": "My pack: a first scenario",
    "es": "Mi paquete: un primer escenario"
  },
  "languages": [
    "en",
    "es"
  ],
  "files": {},
  "credits": {
    "analyst": "Your Name",
    "affiliation": {
      "en": "Your museum",
      "es": "Su museo"
    },
    "editors": "Your team"
  },
  "actors": [
    {
      "id": "azerbaijan",
      "name": {
        "en": "Azerbaijan",
        "es": "Azerbaiyán"
      },
      "kind": "country",
      "iso": "031"
    },
    {
      "id": "turkmenistan",
      "name": {
        "en": "Turkmenistan",
        "es": "Turkmenistán"
      },
      "kind": "country",
      "iso": "795"
    }
  ],
  "places": [
    {
      "id": "baku",
      "name": {
        "en": "Baku",
        "es": "Bakú"
      },
      "kind": "capital",
      "at": [
        49.867,
        40.409
      ],
      "country": "azerbaijan"
    },
    {
      "id": "alat",
      "name": {
        "en": "Alat (Port of Baku)",
        "es": "Alat (puerto de Bakú)"
      },
      "kind": "port",
      "at": [
        49.42,
        39.95
      ],
      "country": "azerbaijan"
    },
    {
      "id": "turkmenbashi",
      "name": {
        "en": "Turkmenbashi",
        "es": "Turkmenbashi"
      },
      "kind": "port",
      "at": [
        52.97,
        40.02
      ],
      "country": "turkmenistan"
    }
  ],
  "corridors": [
    {
      "id": "turkmen-route",
      "name": {
        "en": "Southern branch: ferries from Turkmenbashi",
        "es": "Ramal sur: ferris desde Turkmenbashi"
      },
      "kind": "sea",
      "status": "operating",
      "backers": [
        "turkmenistan",
        "azerbaijan"
      ],
      "route": [
        "turkmenbashi",
        "alat"
      ],
      "note": {
        "en": "Ferries from Turkmenistan's port to Alat: a possible relief for the Kazakh route",
        "es": "Ferris del puerto turkmeno a Alat: un posible alivio para la ruta kazaja"
      },
      "countries": [
        "turkmenistan",
        "azerbaijan"
      ],
      "legs": [
        "water"
      ]
    }
  ],
  "scenarios": [
    {
      "id": "first-scenario",
      "title": {
        "en": "Across the Caspian",
        "es": "A través del Caspio"
      },
      "summary": {
        "en": "A ferry links Turkmenbashi and Alat across the Caspian Sea. Replace this label with your own, at most 60 words.",
        "es": "Un ferri une Turkmenbashi y Alat a través del mar Caspio. Sustituya esta etiqueta por la suya, de 60 palabras como mucho."
      },
      "more": {
        "en": "The longer text a visitor opens with the info button, about 150 words. Say what the map shows and cite your sources.",
        "es": "El texto largo que el visitante abre con el botón de información, unas 150 palabras. Diga lo que muestra el mapa y cite sus fuentes."
      },
      "highlight": [
        "azerbaijan",
        "turkmenistan"
      ],
      "corridors": [
        "turkmen-route"
      ],
      "relations": [],
      "places": [
        "baku"
      ],
      "camera": {
        "center": [
          51.5,
          40.5
        ],
        "zoom": 1.6,
        "tilt": 30,
        "heading": 0
      },
      "sources": [
        "my-source"
      ]
    }
  ],
  "timeline": [],
  "sources": [
    {
      "id": "my-source",
      "author": "Author Name",
      "title": "Title of the work",
      "publisher": "Publisher",
      "date": "2025",
      "note": {
        "en": "What this source covers.",
        "es": "Lo que cubre esta fuente."
      }
    }
  ],
  "lessons": [],
  "asOf": "2025-07"
} as unknown as PackManifest;
