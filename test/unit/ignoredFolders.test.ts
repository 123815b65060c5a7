/**
 * The one table of ignored folders (core/files/ignoredFolders.ts) and its consumers: in a workspace where every
 * ignored folder holds a spec, an artifacts folder and a dangling link, each walker — the workspace scan of the
 * language server and the CLI, the CLI's validate walk (dist/cli.js), its artifacts-folder search and its
 * unreadable-folder check, the emulator's seed-folder reader, and the extension's findFiles exclude — sees only the
 * files outside them. No shipped module lists an ignored folder of its own.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ignoredFoldersGlob, IGNORED_FOLDERS } from '../../core/files/ignoredFolders';
import { nodeWorkspaceFiles } from '../../core/workspace/nodeFiles';
import { scanWorkspace } from '../../core/workspace/scanWorkspace';
import { isArtifactsFolderOnDisk } from '../../core/artifacts';
import { unreadableBelow } from '../../cli/commands/unreadable';
import { artifactFolderCandidates } from '../../cli/commands/validateWorkspace';
import { readSeedDir } from '../../cli/commands/emulator';
import { tempFolders } from '../helpers/tempFolders';
import tinyglobby = require('tinyglobby');

const ROOT = join(__dirname, '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');
const ACME = join(ROOT, 'test', 'fixtures', 'valid', 'acme-crm-connectionSpec.json');
const temp = tempFolders();

describe('ignored folders: one table, every walker', () => {
  let root: string;
  /** The places a spec, an artifacts folder and a dangling link are put: one kept, the rest inside ignored folders. */
  const kept = 'specs';
  const ignored = IGNORED_FOLDERS.flatMap((name) => [name, `nested/${name}`]);

  before(() => {
    root = temp('ignored-folders-');
    for (const place of [kept, ...ignored]) {
      const dir = join(root, place);
      mkdirSync(join(dir, 'Artifacts'), { recursive: true });
      copyFileSync(ACME, join(dir, 'acme-connectionSpec.json'));
      writeFileSync(join(dir, 'Artifacts', 'acme-description.txt'), 'A source.\n');
      // A walker that entered the folder would report this link as unreadable.
      symlinkSync(join(dir, 'nowhere'), join(dir, 'dangling.json'));
    }
  });

  const relativeTo = (paths: Iterable<string>) => [...paths].map((path) => relative(root, path).replace(/\\/g, '/')).sort();

  test('the fixture is meaningful: outside an ignored folder each walker finds the spec and the artifacts folder', async () => {
    assert.ok(await isArtifactsFolderOnDisk(join(root, kept, 'Artifacts')));
    assert.ok(await isArtifactsFolderOnDisk(join(root, 'node_modules', 'Artifacts')));
    assert.equal(readdirSync(join(root, 'dist')).length, 3);
  });

  test('the workspace scan (language server and CLI) sees only the spec outside them', async () => {
    assert.deepEqual(relativeTo(await nodeWorkspaceFiles.findFiles(root, ['**/*-connectionSpec.json'])), [`${kept}/acme-connectionSpec.json`]);
    const snapshot = await scanWorkspace([root], nodeWorkspaceFiles);
    assert.deepEqual(relativeTo(snapshot.specs.map((spec) => spec.path)), [`${kept}/acme-connectionSpec.json`]);
  });

  test('the CLI: the validate walk, its artifacts-folder search and its unreadable-folder check', async () => {
    const result = spawnSync(process.execPath, [CLI, 'validate', '.', '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const files = new Set((JSON.parse(result.stdout) as Array<{ file: string }>).map((f) => f.file.replace(/\\/g, '/')));
    for (const file of files) assert.ok(file.startsWith(`${kept}/`), `${file} is inside an ignored folder`);
    assert.match(result.stderr, /2 files checked/, 'the spec and the artifact text file outside the ignored folders');
    // The dangling link outside them is reported; the ones inside are not.
    assert.deepEqual(result.stderr.match(/dangling\.json: cannot read/g)?.length, 1, result.stderr);
    assert.deepEqual(relativeTo(await artifactFolderCandidates([root], [])).filter((dir) => dir.endsWith('Artifacts')), [`${kept}/Artifacts`]);
    assert.deepEqual((await unreadableBelow(root)).map((line) => relative(root, line.split(':')[0]).replace(/\\/g, '/')), [`${kept}/dangling.json`]);
  });

  test('the emulator\'s seed-folder reader', async () => {
    const linkless = temp('ignored-seed-');
    for (const place of [kept, ...ignored]) {
      mkdirSync(join(linkless, place), { recursive: true });
      copyFileSync(ACME, join(linkless, place, 'acme-connectionSpec.json'));
    }
    assert.equal((await readSeedDir(linkless)).connectionSpecs.length, 1);
  });

  test('the extension\'s findFiles exclude (New Connection Spec from OpenAPI) is the table\'s glob', async () => {
    const found = await tinyglobby.glob(['**/*-connectionSpec.json'], { cwd: root, ignore: [ignoredFoldersGlob(['.sources-sdk'])], dot: true });
    assert.deepEqual(found.sort(), [`${kept}/acme-connectionSpec.json`]);
    assert.match(readFileSync(join(ROOT, 'client', 'commands', 'newFromOpenApi.ts'), 'utf8'), /ignoredFoldersGlob\(/);
  });

  test('no shipped module lists an ignored folder of its own', () => {
    const offending: string[] = [];
    // A list of its own names `node_modules` (every walker skips it) or two of the table's names on one line; a
    // single `dist` is the extension's own bundle folder, not a skip list.
    const names = (line: string) => IGNORED_FOLDERS.filter((name) => new RegExp(`['"\`{,/]${name.replace('.', '\\.')}['"\`},/]`).test(line));
    const lists = (line: string) => !/^\s*(\/\/|\*)/.test(line) && (line.includes('node_modules') || names(line).length >= 2);
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && readFileSync(path, 'utf8').split('\n').some(lists)) {
          offending.push(relative(ROOT, path));
        }
      }
    };
    for (const dir of ['cli', 'client', 'core', 'server', 'emulator']) walk(join(ROOT, dir));
    assert.deepEqual(offending, ['core/files/ignoredFolders.ts']);
  });
});
