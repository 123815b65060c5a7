/**
 * docs/architecture.md names the files that hold each decision; these tests keep it true. Every repository path a
 * page of docs/ (or the README) writes in backticks exists, and the architecture page names every top folder and
 * every folder of core/, so a folder added without a word in the map fails here.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const ARCHITECTURE = join(ROOT, 'docs', 'architecture.md');

/** Top folders of the repository (what .gitignore leaves out is built or installed, not ours). */
function topFolders(): string[] {
  const ignored = readFileSync(join(ROOT, '.gitignore'), 'utf8').split('\n')
    .map((line) => line.trim().replace(/\/$/, ''))
    .filter((line) => line !== '' && !line.includes('*'));
  return readdirSync(ROOT).filter((name) => name !== '.git' && !ignored.includes(name) && statSync(join(ROOT, name)).isDirectory());
}

/** The backticked spans of a Markdown text outside fenced blocks. */
function backticked(markdown: string): string[] {
  return [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((match) => match[1]!);
}

/**
 * The repository paths among `spans`: a span whose first segment is one of `roots` and that holds a `/`. Globs are cut
 * at the first `*`; templates (`<name>`, `{source}`) and spans with spaces are not paths. `.vscode/` is the users'
 * folder as often as ours, so only the bare folder counts.
 */
function repositoryPaths(spans: readonly string[], roots: readonly string[]): string[] {
  return spans
    .map((span) => span.split('*')[0]!.replace(/#.*$/, ''))
    .filter((span) => span.includes('/') && !/[<>{}\s…]/.test(span) && roots.includes(span.split('/')[0]!))
    .filter((span) => !span.startsWith('.vscode/') || span === '.vscode/');
}

/** A path exists as written, or as a TypeScript module named without its extension. */
function exists(path: string): boolean {
  return existsSync(join(ROOT, path)) || existsSync(join(ROOT, `${path}.ts`));
}

describe('docs/architecture.md tells the truth', () => {
  const text = readFileSync(ARCHITECTURE, 'utf8');
  const spans = backticked(text);

  test('every file and folder it names exists', () => {
    const named = repositoryPaths(spans, topFolders());
    assert.ok(named.length > 100, `the page names files (${named.length} found)`);
    assert.deepEqual(named.filter((path) => !exists(path)), [], 'paths named in docs/architecture.md that do not exist');
  });

  test('it names every top folder and every folder of core/', () => {
    const mentioned = new Set(spans.map((span) => span.replace(/\/$/, '')));
    const folders = [...topFolders(), ...readdirSync(join(ROOT, 'core')).filter((name) => statSync(join(ROOT, 'core', name)).isDirectory()).map((name) => `core/${name}`)];
    assert.deepEqual(folders.filter((folder) => !mentioned.has(folder)), [], 'folders docs/architecture.md does not describe (add them to its tables)');
  });

  test('the path check sees a missing file', () => {
    const named = repositoryPaths(['core/spec/kinds.ts', 'core/spec/noSuchTable.ts', 'core/analysis/**', '`x`', 'core/analysis/rules/<name>.ts', '.sources-sdk/links.json'], ['core']);
    assert.deepEqual(named, ['core/spec/kinds.ts', 'core/spec/noSuchTable.ts', 'core/analysis/']);
    assert.deepEqual(named.filter((path) => !exists(path)), ['core/spec/noSuchTable.ts']);
  });
});

describe('the other pages name files that exist', () => {
  test('every repository path in the other docs/*.md pages and README.md exists', () => {
    const pages = [...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md') && name !== 'architecture.md').map((name) => join('docs', name)), 'README.md'];
    const missing = pages.flatMap((page) =>
      repositoryPaths(backticked(readFileSync(join(ROOT, page), 'utf8')), topFolders()).filter((path) => !exists(path)).map((path) => `${page}: ${path}`));
    assert.deepEqual(missing, []);
  });
});
