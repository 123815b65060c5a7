/**
 * The URL clients reach the emulator at is decided in one place, `baseUrl` in emulator/http.ts (from the request's
 * Host header, else the address the request came in on). Every `Location` header and streaming inlet URL is built
 * from it, and no other emulator file reads the Host header or the socket's address. What `baseUrl` answers is
 * checked over HTTP in test/emulator/emulatorHeaders.test.ts ("the URLs the emulator hands out").
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const EMULATOR = join(ROOT, 'emulator');
const HOME = join('emulator', 'http.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The code of a file without its comment lines. */
function code(file: string): string {
  return readFileSync(file, 'utf8').split('\n').filter((line) => !/^\s*(\*|\/\/|\/\*)/.test(line)).join('\n');
}

/** What only `baseUrl` may read: the Host header and the address a request came in on. */
const READS_ORIGIN = /headers\.host\b|headers\[['"]host['"]\]|header\([^,]+,\s*['"]host['"]\)|\blocal(Address|Port)\b/i;

/** Files of the emulator, other than emulator/http.ts, that work out the URL themselves. */
function originReaders(files: readonly string[]): string[] {
  return files.filter((file) => relative(ROOT, file) !== HOME && READS_ORIGIN.test(code(file))).map((file) => relative(ROOT, file));
}

/** `location:` headers and inlet URLs not built from `baseUrl(ctx)`. */
function urlsBuiltElsewhere(files: readonly string[]): string[] {
  return files.flatMap((file) => code(file).split('\n')
    .filter((line) => /\blocation:\s*`|inletUrl\(/.test(line) && !/^\s*export function inletUrl/.test(line) && !line.includes('baseUrl(ctx)'))
    .map((line) => `${relative(ROOT, file)}: ${line.trim()}`));
}

describe("the emulator's base URL is decided in one place", () => {
  const files = sourceFiles(EMULATOR);

  test('only emulator/http.ts reads the Host header or the socket address', () => {
    assert.deepEqual(originReaders(files), []);
    assert.ok(READS_ORIGIN.test(code(join(ROOT, HOME))), 'baseUrl itself reads them');
  });

  test('every Location header and inlet URL is built from baseUrl(ctx)', () => {
    const built = files.flatMap((file) => code(file).split('\n').filter((line) => /\blocation:\s*`|inletUrl\(baseUrl\(ctx\)/.test(line)));
    assert.ok(built.length >= 4, `Location headers and inlet URLs found: ${built.length}`);
    assert.deepEqual(urlsBuiltElsewhere(files), []);
  });

  test('the checks see a file that works the URL out itself', () => {
    const stray = join(EMULATOR, 'http.ts');
    assert.deepEqual(originReaders([stray]), [], 'the home is allowed');
    assert.ok(READS_ORIGIN.test("const host = ctx.req.headers.host;"));
    assert.ok(READS_ORIGIN.test("header(ctx, 'host')"));
    assert.ok(READS_ORIGIN.test('ctx.req.socket.localPort'));
  });
});
