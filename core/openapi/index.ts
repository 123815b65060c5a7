/**
 * The OpenAPI import, for the CLI's `new --from-openapi` and the editor's *New Connection Spec from OpenAPI…*:
 * read a description, list its operations, and write a connection spec for one of them together with its guesses
 * file (docs/openapi.md).
 */
import { formatGuessFile, type GuessFile } from '../spec/guessFile';
import { formatSpecFile } from '../sync/normalize';
import { ApiDescription, parseDescription } from './document';
import { generateSpec } from './generate';
import { operationKey, type Operation } from './operations';

export { ApiDescription, OpenApiError, parseDescription } from './document';
export { findOperation, listOperations, operationKey, type OperationSummary } from './operations';

export interface SpecFiles {
  /** `<api title>-connectionSpec.json`. */
  fileName: string;
  specText: string;
  guesses: GuessFile;
  guessText: string;
  operation: Operation;
}

/**
 * The spec file and guesses file for the operation `selector` (`"GET /path"` or an operationId) of the
 * description (its text, or the description already parsed, e.g. after listing its operations);
 * `descriptionName` is how the guesses file names where it came from. Throws `OpenApiError`.
 */
export function specFilesFromDescription(description: string | ApiDescription, selector: string, descriptionName: string): SpecFiles {
  const generated = generateSpec(typeof description === 'string' ? parseDescription(description) : description, selector);
  const guesses: GuessFile = {
    generatedBy: 'sources-sdk new --from-openapi',
    from: descriptionName,
    operation: operationKey(generated.operation),
    guesses: generated.guesses,
  };
  return {
    fileName: generated.fileName,
    specText: formatSpecFile(generated.spec),
    guesses,
    guessText: formatGuessFile(guesses),
    operation: generated.operation,
  };
}
