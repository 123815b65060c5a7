/** Text helpers for files read from disk (spec files, the links file). */

/**
 * Removes a leading UTF-8 byte order mark. Editors on Windows may write one; VS Code hides it from the language
 * server, but `fs.readFile(…, 'utf8')` keeps it and `JSON.parse` then rejects the whole file.
 */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
