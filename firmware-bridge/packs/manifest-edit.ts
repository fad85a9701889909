// Sets one member of an object in a pack.json text and leaves every other
// byte as the author wrote it: their line breaks, their indentation, their
// arrays on one line. A tool that re-serialised the whole manifest would turn
// a two-line change into a diff of the whole file.

import { findNodeAtLocation, parseTree, type JSONPath, type Node } from 'jsonc-parser';

/** The text with `object[key] = value`, where `object` is the object at `path` (which must exist). */
export function setMember(text: string, path: JSONPath, key: string, value: unknown): string {
  const root = parseTree(text);
  const object = root ? findNodeAtLocation(root, path) : undefined;
  if (!object || object.type !== 'object') throw new Error(`pack.json has no object at ${path.join('.') || 'the top'}`);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const unit = indentUnit(text);
  const members = object.children ?? [];
  const existing = members.find((m) => m.children?.[0]?.value === key);
  if (existing?.children?.[1]) {
    const old = existing.children[1];
    return splice(text, old.offset, old.length, format(value, indentAt(text, existing.offset), unit, eol));
  }
  const last = members[members.length - 1];
  if (last) {
    const indent = indentAt(text, last.offset);
    const member = `${JSON.stringify(key)}: ${format(value, indent, unit, eol)}`;
    return splice(text, last.offset + last.length, 0, `,${eol}${indent}${member}`);
  }
  const outer = indentAt(text, object.offset);
  const inner = outer + unit;
  const member = `${JSON.stringify(key)}: ${format(value, inner, unit, eol)}`;
  return splice(text, object.offset, object.length, `{${eol}${inner}${member}${eol}${outer}}`);
}

/** The value at `path`, or undefined. */
export function valueAt(text: string, path: JSONPath): Node | undefined {
  const root = parseTree(text);
  return root ? findNodeAtLocation(root, path) : undefined;
}

function format(value: unknown, indent: string, unit: string, eol: string): string {
  return JSON.stringify(value, null, unit).split('\n').join(eol + indent);
}

function splice(text: string, offset: number, length: number, insert: string): string {
  return text.slice(0, offset) + insert + text.slice(offset + length);
}

/** The whitespace that starts the line holding `offset`. */
function indentAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))![0];
}

/** The author's indentation step: that of the first indented line; two spaces when none is. */
function indentUnit(text: string): string {
  return /\n([ \t]+)\S/.exec(text)?.[1] ?? '  ';
}
