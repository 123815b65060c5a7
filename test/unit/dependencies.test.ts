/**
 * Every package the shipped code imports at run time is in `dependencies` (not `devDependencies`), and every
 * dependency is imported by shipped code. Type-only imports do not count: they vanish at build time.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOT = join(__dirname, '..', '..');
/** The folders bundled into dist/ (extension, browser flavour, language server, CLI with its emulator). */
const SHIPPED = ['client', 'server', 'core', 'cli', 'emulator'];
/** Provided by the editor that hosts the extension, never installed. */
const HOST_PROVIDED = new Set(['vscode']);

interface Manifest { dependencies: Record<string, string>; devDependencies: Record<string, string> }
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The package a bare specifier names (`@scope/name/sub` → `@scope/name`); undefined for relative paths. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Specifiers a file loads at run time: value imports and re-exports, `import x = require(…)`, `require(…)`, `import(…)`. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && !node.importClause?.isTypeOnly && ts.isStringLiteral(node.moduleSpecifier)) {
      const bindings = node.importClause?.namedBindings;
      const allTypes = !node.importClause?.name && bindings && ts.isNamedImports(bindings)
        && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
      if (!allTypes) found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isExportDeclaration(node) && !node.isTypeOnly && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const builtins = new Set(builtinModules);
const usedBy = new Map<string, string[]>();
for (const folder of SHIPPED) {
  for (const file of sourceFiles(join(ROOT, folder))) {
    for (const specifier of runtimeSpecifiers(file)) {
      const name = packageOf(specifier);
      if (!name || specifier.startsWith('node:') || builtins.has(name) || HOST_PROVIDED.has(name)) continue;
      usedBy.set(name, [...(usedBy.get(name) ?? []), relative(ROOT, file)]);
    }
  }
}

test('every package the shipped code imports at run time is a dependency, not a devDependency', () => {
  assert.ok(usedBy.size > 5, `found only ${[...usedBy.keys()].join(', ')}`);
  const missing = [...usedBy].filter(([name]) => !(name in manifest.dependencies)).map(([name, files]) => `${name} (${files.join(', ')})`);
  assert.deepEqual(missing, [], 'move these to "dependencies" in package.json');
  assert.ok(usedBy.has('ajv'), 'emulator/resources/paramSchemas.ts validates parameters with ajv');
});

test('every dependency is imported by shipped code (nothing stale is installed for users)', () => {
  const unused = Object.keys(manifest.dependencies).filter((name) => !usedBy.has(name));
  assert.deepEqual(unused, [], 'remove these from "dependencies", or move them to "devDependencies" if only tests use them');
});
