// One thing wrong with a pack manifest, as every check reports it. Its own
// module so that the checks and the checker that gathers them do not import
// each other.

export interface ManifestProblem {
  /** The file the problem is in: always 'pack.json' here. */
  file: string;
  /** Where in the file, e.g. "scenarios[2].corridors[1]"; '' for the whole file. */
  field: string;
  /** What is wrong, in plain words. */
  message: string;
}
