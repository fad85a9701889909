// One thing wrong with a pack manifest, as every check reports it. Its own
// module so that the checks and the checker that gathers them do not import
// each other.

/**
 * What kind of problem it is, for a reader that words it itself (the author
 * panel, in the page's language). Only kinds someone words are coded; the
 * message stays the English every tool prints.
 */
export interface ProblemKind {
  code?: string;
  /** The values the message names (a language, a count), by name. */
  params?: Record<string, string | number>;
}

export interface ManifestProblem extends ProblemKind {
  /** The file the problem is in: always 'pack.json' here. */
  file: string;
  /** Where in the file, e.g. "scenarios[2].corridors[1]"; '' for the whole file. */
  field: string;
  /** What is wrong, in plain words. */
  message: string;
}

export type ReportProblem = (field: string, message: string, kind?: ProblemKind) => void;

/** Problem codes the checks give, so that readers and checks agree on the names. */
export const PROBLEM_CODES = {
  textMissingLanguage: 'text-missing-language',
  textBlank: 'text-blank',
  textExtraLanguage: 'text-extra-language',
  summaryTooLong: 'summary-too-long',
  fieldRequired: 'field-required',
  fieldUnknown: 'field-unknown',
} as const;
