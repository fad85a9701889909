// Turns JSON pointers into the field paths a maintainer reads in problem
// reports, e.g. "/scenarios/2/corridors/1" -> "scenarios[2].corridors[1]".

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** Appends one step to a field path: an index for arrays, a name otherwise. */
export function joinField(base: string, step: string | number): string {
  if (typeof step === 'number') return `${base}[${step}]`;
  if (IDENTIFIER.test(step)) return base === '' ? step : `${base}.${step}`;
  return `${base}[${JSON.stringify(step)}]`;
}

/**
 * Converts a JSON pointer into a field path, walking the value so that a
 * numeric step is written as an index only when it really indexes a list.
 */
export function pointerToField(pointer: string, root: unknown): string {
  if (pointer === '') return '';
  const steps = pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let field = '';
  let node: unknown = root;
  for (const step of steps) {
    if (Array.isArray(node) && /^\d+$/.test(step)) {
      const index = Number(step);
      field = joinField(field, index);
      node = node[index];
    } else {
      field = joinField(field, step);
      node = isRecord(node) ? node[step] : undefined;
    }
  }
  return field;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The objects of a list with their field paths; anything else is skipped. */
export function entries(list: unknown, at: string): Array<[Record<string, unknown>, string]> {
  if (!Array.isArray(list)) return [];
  const out: Array<[Record<string, unknown>, string]> = [];
  list.forEach((item, i) => { if (isRecord(item)) out.push([item, joinField(at, i)]); });
  return out;
}
