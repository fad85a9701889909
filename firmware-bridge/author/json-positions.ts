// Where in pack.json a problem is: the validator names a field path
// ("scenarios[2].corridors[1]"); an author needs a line and a column. The
// text is parsed once with jsonc-parser (strict JSON: no comments, no
// trailing commas), which keeps every node's offset.

import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';

export interface TextPosition {
  /** 1-based, as editors count. */
  line: number;
  column: number;
}

export interface SyntaxProblem extends TextPosition {
  message: string;
}

const STEP = /\.?([A-Za-z_$][A-Za-z0-9_$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/y;

/** "scenarios[2].title.en" -> ["scenarios", 2, "title", "en"]; null when it is not a field path. */
export function parseFieldPath(field: string): Array<string | number> | null {
  const steps: Array<string | number> = [];
  STEP.lastIndex = 0;
  while (STEP.lastIndex < field.length) {
    const at = STEP.lastIndex;
    const match = STEP.exec(field);
    if (!match || match.index !== at) return null;
    if (match[1] !== undefined) steps.push(match[1]);
    else if (match[2] !== undefined) steps.push(Number(match[2]));
    else steps.push(JSON.parse(match[3]!) as string);
  }
  return steps;
}

const WORDS: Record<string, string> = {
  InvalidSymbol: 'an unexpected character',
  InvalidNumberFormat: 'a number written wrongly',
  PropertyNameExpected: 'a field name in double quotes was expected',
  ValueExpected: 'a value was expected',
  ColonExpected: 'a colon ":" was expected after the field name',
  CommaExpected: 'a comma "," was expected between two entries',
  CloseBraceExpected: 'a closing "}" was expected',
  CloseBracketExpected: 'a closing "]" was expected',
  EndOfFileExpected: 'the text goes on after the end of the pack object',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'a text is not closed with a double quote',
  UnexpectedEndOfNumber: 'a number ends too early',
  InvalidUnicode: 'a \\u escape is not four hex digits',
  InvalidEscapeCharacter: 'a backslash escape that JSON does not know',
  InvalidCharacter: 'a control character (such as a tab or line break) inside a text',
};

/** A manifest text with its node tree, for looking up positions. */
export class JsonPositions {
  private readonly lineStarts: number[] = [0];
  private readonly root: Node | undefined;
  /** The first syntax error, or null when the text is valid JSON. */
  readonly syntax: SyntaxProblem | null;

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    const errors: ParseError[] = [];
    this.root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true, allowEmptyContent: false });
    const first = errors[0];
    this.syntax = first ? { ...this.at(first.offset), message: WORDS[printParseErrorCode(first.error)] ?? printParseErrorCode(first.error) } : null;
    if (!first && this.root === undefined) this.syntax = { line: 1, column: 1, message: 'the file is empty' };
  }

  /** Line and column of an offset in the text. */
  at(offset: number): TextPosition {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - this.lineStarts[low]! + 1 };
  }

  /**
   * Where a field is: its name when it is an object's field, else its value.
   * A field that is missing (a translation not written yet) is placed at the
   * deepest part of its path that exists.
   */
  find(field: string): TextPosition | null {
    if (!this.root) return null;
    const steps = parseFieldPath(field);
    if (!steps) return null;
    for (let n = steps.length; n >= 0; n--) {
      const node = findNodeAtLocation(this.root, steps.slice(0, n));
      if (!node) continue;
      const target = node.parent?.type === 'property' ? node.parent : node;
      return this.at(target.offset);
    }
    return null;
  }

  get source(): string {
    return this.text;
  }
}
