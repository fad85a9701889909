// Checks a pack folder being authored with the same validator as
// `crossroads pack validate` (signature not required), and says each problem
// where the author looks: file, line and column, the field, what is wrong and
// how to fix it. On top come a curator's warnings. The map checks, which take
// about a second, run again only when the map data changed.
// A text missing in one language and a summary over 60 words stay refused by
// `pack validate` and a stick install; while authoring they are a curator's
// warnings, the pack still on screen, as the page falls back to the pack's
// first language and a long label still shows.

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ManifestProblem } from '../../content/schema/check-manifest.js';
import { PROBLEM_CODES } from '../../content/schema/manifest-problem.js';
import type { PackManifest } from '../../content/schema/pack-types.js';
import type { AuthorProblem } from '../api/bridge-messages.js';
import { checkPackGeography } from '../geo/pack-geography.js';
import { describeError, type PackProblem } from '../packs/pack-problem.js';
import { MANIFEST, validatePack } from '../packs/pack-validator.js';
import { curatorWarnings } from './curator-warnings.js';
import { JsonPositions } from './json-positions.js';

export interface AuthorCheck {
  /** The pack to show, or null when an error keeps the last good one on screen. */
  pack: PackManifest | null;
  problems: AuthorProblem[];
}

/** Problems about the `files` list: authoring changes files all the time, and `pack build` rewrites the list. */
function isListing(p: PackProblem): boolean {
  return p.file !== MANIFEST && p.field === '' && p.message.includes('pack.json "files"');
}

/** Codes of the author's own problems (the validator's are in PROBLEM_CODES). */
export const AUTHOR_CODES = { jsonSyntax: 'json-syntax', filesUnlisted: 'files-unlisted', filesMissing: 'files-missing' } as const;

/** Refused on a stick, a curator's warning here: the fix, and that the build refuses it until then. */
const CURATOR_FIXES: Record<string, string> = {
  [PROBLEM_CODES.textMissingLanguage]: 'write the text in that language; until then `pack validate`, `pack build` and a stick refuse the pack',
  [PROBLEM_CODES.summaryTooLong]: 'shorten the summary to 60 words or move detail to "more"; until then `pack validate`, `pack build` and a stick refuse the pack',
};

function fixFor(message: string): string {
  if (/has no text|is missing|blank|empty/.test(message)) return 'write the missing text, in every language the pack lists';
  if (/words/.test(message)) return 'shorten the label: a visitor reads it standing';
  if (/does not exist|unknown|not found/.test(message)) return 'use an id that the pack defines, or add it';
  return '';
}

export class AuthorChecks {
  private geographyKey = '';
  private geography: ManifestProblem[] = [];

  constructor(
    private readonly dir: string,
    private readonly kioskVersion: string,
  ) {}

  async check(): Promise<AuthorCheck> {
    const result = await validatePack(this.dir, {
      requireSignature: false,
      trustedKeys: { dir: '', keys: [], skipped: [] },
      kioskVersion: this.kioskVersion,
      geography: false,
    });
    let text: string | null = null;
    try {
      text = (await readFile(join(this.dir, MANIFEST), 'utf8')).replace(/^\uFEFF/, '');
    } catch (error) {
      if (result.problems.length === 0) result.problems.push({ file: MANIFEST, field: '', message: `cannot be read (${describeError(error)})` });
    }
    const positions = text === null ? null : new JsonPositions(text);
    const problems: AuthorProblem[] = [];
    const place = (p: PackProblem & { code?: string }, severity: AuthorProblem['severity'], fix: string, curator = false): void => {
      const at = p.file === MANIFEST && positions ? positions.find(p.field) : null;
      const kind = p.code ? { code: p.code, ...(p.params ? { params: p.params } : {}) } : {};
      problems.push({ severity, file: p.file, line: at?.line ?? null, column: at?.column ?? null, field: p.field, message: p.message, fix, ...(curator ? { curator } : {}), ...kind });
    };
    for (const p of result.problems) {
      const curatorFix = p.code ? CURATOR_FIXES[p.code] : undefined;
      if (p.file === MANIFEST && p.message.startsWith('is not valid JSON') && positions?.syntax) {
        const { line, column, message } = positions.syntax;
        problems.push({ severity: 'error', file: MANIFEST, line, column, field: '', message: `is not valid JSON: ${message}`, fix: 'look at this line and the one before it: a missing comma or quote often shows only on the next line', code: AUTHOR_CODES.jsonSyntax, params: { detail: message } });
      } else if (isListing(p)) {
        place({ ...p, code: p.message.startsWith('is listed') ? AUTHOR_CODES.filesMissing : AUTHOR_CODES.filesUnlisted }, 'warning', 'fine while authoring: `crossroads pack build` writes the files list');
      } else if (curatorFix) {
        place(p, 'warning', curatorFix, true);
      } else {
        place(p, 'error', fixFor(p.message));
      }
    }
    const errors = problems.some((p) => p.severity === 'error');
    const manifest = result.manifest ?? (!errors && text !== null ? (JSON.parse(text) as PackManifest) : null);
    if (!manifest) return { pack: null, problems };
    // A route through a country the pack does not declare is refused, and it is also the curator's call: listed apart.
    for (const p of this.mapProblems(manifest)) place(p, 'error', 'move the dot or add a waypoint, or declare the country the route crosses', /crosses|drawn through/.test(p.message));
    for (const p of curatorWarnings(manifest)) place(p, 'warning', p.fix, true);
    return { pack: problems.some((p) => p.severity === 'error') ? null : manifest, problems };
  }

  private mapProblems(pack: PackManifest): ManifestProblem[] {
    const key = JSON.stringify([pack.languages, pack.actors, pack.places, pack.corridors]);
    if (key !== this.geographyKey) {
      this.geography = checkPackGeography(pack);
      this.geographyKey = key;
    }
    return this.geography;
  }
}
