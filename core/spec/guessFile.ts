/**
 * The guesses file beside a generated spec: `acme-connectionSpec.json` → `acme-connectionSpec.guesses.json`.
 * It lists what a generator guessed (a spec location, the value written there, what to check). The analysis shows
 * each guess as an information finding (SSDK530) on that location for as long as the value there is still the one
 * guessed: the spec itself carries no marker, so it stays exactly what the Flow Service accepts. Deleting an entry
 * (the quick fix *Mark as checked*) or the whole file, or changing the value, ends the finding.
 */

/** One guess: the location (property names and array indexes from the spec's root), the value written, the advice. */
export interface SpecGuess {
  path: Array<string | number>;
  value: unknown;
  message: string;
}

export interface GuessFile {
  /** What wrote the file, e.g. `sources-sdk new --from-openapi`. */
  generatedBy?: string;
  /** The description it was generated from and the operation. */
  from?: string;
  operation?: string;
  guesses: SpecGuess[];
}

const SPEC_SUFFIX = /\.json$/i;
export const GUESS_FILE_SUFFIX = '.guesses.json';

/** The guesses file of a spec file (a path or a URI; only the last `.json` is replaced). */
export function guessFileOf(specFile: string): string {
  return SPEC_SUFFIX.test(specFile) ? specFile.replace(SPEC_SUFFIX, GUESS_FILE_SUFFIX) : `${specFile}${GUESS_FILE_SUFFIX}`;
}

/** The spec file a guesses file belongs to, or undefined when `file` is not a guesses file. */
export function specFileOfGuessFile(file: string): string | undefined {
  return file.endsWith(GUESS_FILE_SUFFIX) ? `${file.slice(0, -GUESS_FILE_SUFFIX.length)}.json` : undefined;
}

function isGuess(value: unknown): value is SpecGuess {
  const g = value as Partial<SpecGuess> | null;
  return !!g && typeof g === 'object' && Array.isArray(g.path) && g.path.every((p) => typeof p === 'string' || typeof p === 'number')
    && typeof g.message === 'string' && 'value' in g;
}

/** The file's guesses; a file of another shape (or not JSON) has none: it then only stops telling, never breaks analysis. */
export function parseGuessFile(text: string): GuessFile | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch {
    return undefined;
  }
  const file = parsed as Partial<GuessFile> | null;
  if (!file || typeof file !== 'object' || !Array.isArray(file.guesses)) return undefined;
  return { ...file, guesses: file.guesses.filter(isGuess) };
}

/** The file's text (two-space JSON, final newline). */
export function formatGuessFile(file: GuessFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}
