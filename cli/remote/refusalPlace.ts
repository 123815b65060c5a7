/**
 * Where a Flow Service refusal belongs in the pushed file, printed the way compilers print errors
 * (`file:line:column: error: message`) so terminals and editors link to the place.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isBodyRefusal, locateRefusal } from '../../core/refusals/locate';

/** `file:line:column: error: message` for a refusal of `file` (relative to `cwd`), or undefined when not one. */
export function refusalLine(file: string, cwd: string, error: unknown): string | undefined {
  if (!isBodyRefusal(error)) return undefined;
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
  const { range } = locateRefusal(error.message, text);
  return `${file}:${range.start.line + 1}:${range.start.character + 1}: error: ${error.message.replace(/\s*\n\s*/g, ' ')}`;
}
