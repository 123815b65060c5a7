/**
 * Where a Flow Service refusal belongs in the pushed file, printed the way compilers print errors
 * (`file:line:column: error: message`) so terminals and editors link to the place.
 */
import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
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

/**
 * Where a refused registration (the flow spec PUT) belongs: in the local flow spec file linked to that flow spec when
 * there is one (`flowSpecFile`, absolute), else in the connection spec file (`connectionFile`, as typed; a message
 * naming nothing there goes on its first line). Undefined when the error is not a body refusal or no file is readable.
 */
export function registrationRefusalLine(connectionFile: string | undefined, cwd: string, error: unknown, flowSpecFile?: string): string | undefined {
  const flowLine = flowSpecFile ? refusalLine(relative(cwd, flowSpecFile) || flowSpecFile, cwd, error) : undefined;
  return flowLine ?? (connectionFile ? refusalLine(connectionFile, cwd, error) : undefined);
}
