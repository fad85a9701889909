// Sets inline styles through the CSSOM (element.style), never as a style
// attribute. The page's Content-Security-Policy blocks style attributes, and
// Lit's styleMap writes one on its first render, so positions set with it
// were lost until a second render.

import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

class CssomStyleDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssomStyle() belongs in an element position: <li ${cssomStyle({...})}>');
  }

  render(_styles: Record<string, string>): typeof noChange {
    return noChange;
  }

  override update(part: ElementPart, [styles]: [Record<string, string>]): typeof noChange {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous) if (!(name in styles)) style.removeProperty(name);
    for (const [name, value] of Object.entries(styles)) style.setProperty(name, value);
    this.previous = new Set(Object.keys(styles));
    return noChange;
  }
}

/** `<li ${cssomStyle({ left: '10%' })}>`: CSS properties (kebab-case) set through the CSSOM. */
export const cssomStyle = directive(CssomStyleDirective);
