// The base of the overlays that show pack text: the pack and the visitor's
// language, which the app sets on all of them together. A subclass declares
// only its own properties; Lit merges them with these.

import type { PropertyDeclarations } from 'lit';
import type { PackManifest } from '../../content/schema/pack-types.js';
import { SafeElement } from './safe-element.js';

export abstract class PackElement extends SafeElement {
  static override properties: PropertyDeclarations = {
    pack: { attribute: false },
    language: {},
  };

  declare pack: PackManifest | null;
  /** A language code of the pack's (texts fall back to its first language). */
  declare language: string;

  constructor() {
    super();
    this.pack = null;
    this.language = 'en';
  }
}
