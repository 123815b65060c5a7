/**
 * The one kind resolver (core/spec/kindResolver.ts) and its consumers: the language server, the extension's
 * commands and content detection, the CLI and sync all ask it, and give the same answer for the same document.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Connection } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { SETTINGS } from '../../core/config/settings';
import { kindFromContent, resolveKind, specKindOf, type KindQuestion } from '../../core/spec/kindResolver';
import { SPEC_KIND_LIST, type SpecKind } from '../../core/spec/kinds';
import { kindForFile } from '../../core/sync/specFile';
import { DocumentKinds } from '../../server/documentKinds';
import { installFakeVscode, state, Uri } from './clientHarness/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const client = require('../../client/commands/common') as typeof import('../../client/commands/common');

const ROOT = join(__dirname, '..', '..');
const CONNECTION = '{"name": "x", "authSpec": [], "sourceSpec": {}}';
const FLOW = '{"name": "f", "sourceConnectionSpecIds": []}';

describe('resolveKind', () => {
  test('the four file name patterns, with paths and URIs; other names say nothing', () => {
    assert.deepEqual(resolveKind({ fileName: 'acme-connectionSpec.json' }), { kind: 'connectionSpec', by: 'fileName' });
    assert.equal(specKindOf({ fileName: '/a/b/acme.connectionSpec.json' }), 'connectionSpec');
    assert.equal(specKindOf({ fileName: 'C:\\specs\\rest-flowSpec.json' }), 'flowSpec');
    assert.equal(specKindOf({ fileName: 'file:///w/REST.FLOWSPEC.JSON' }), 'flowSpec');
    for (const name of ['connectionSpec.json', 'acmeconnectionSpec.json', 'acme-connectionSpec.jsonc', 'package.json', 'flowSpec-acme.json']) {
      assert.equal(specKindOf({ fileName: name, detectByContent: false }), undefined, name);
    }
  });

  test('language id first, then file name, then content — content only when detection is on', () => {
    assert.deepEqual(resolveKind({ languageId: 'sources-sdk-flow-spec', fileName: 'x-connectionSpec.json', text: CONNECTION }), { kind: 'flowSpec', by: 'language' });
    assert.deepEqual(resolveKind({ languageId: 'json', fileName: 'x-connectionSpec.json', text: FLOW }), { kind: 'connectionSpec', by: 'fileName' });
    assert.deepEqual(resolveKind({ languageId: 'json', fileName: 'x.json', text: FLOW }), { kind: 'flowSpec', by: 'content' });
    assert.equal(specKindOf({ languageId: 'json', fileName: 'x.json', text: FLOW, detectByContent: false }), undefined);
    assert.equal(specKindOf({ fileName: 'x.json', text: FLOW }), SETTINGS.detectByContent.default ? 'flowSpec' : undefined);
  });

  test('the text is read only when the language id and the name leave the question open', () => {
    let reads = 0;
    const text = () => { reads++; return CONNECTION; };
    assert.equal(specKindOf({ languageId: 'sources-sdk-connection-spec', text }), 'connectionSpec');
    assert.equal(specKindOf({ fileName: 'a-flowSpec.json', text }), 'flowSpec');
    assert.equal(reads, 0);
    assert.equal(specKindOf({ fileName: 'a.json', text }), 'connectionSpec');
    assert.equal(reads, 1);
  });

  test('content: decisive top-level keys only; responses, arrays and garbage are not specs', () => {
    assert.equal(kindFromContent('{"providerId": "p", "authSpec": [{"name": "a"}]}'), 'connectionSpec');
    assert.equal(kindFromContent('{"sourceSpec": {}, "exploreSpec": {"type": "StreamingConnection"}}'), 'connectionSpec');
    assert.equal(kindFromContent('{"targetConnectionSpecIds": ["c"]}'), 'flowSpec');
    assert.equal(kindFromContent('{"transformationSpec": []}'), 'flowSpec');
    assert.equal(kindFromContent('{"wrapper": {"authSpec": [], "sourceSpec": {}}}'), undefined);
    assert.equal(kindFromContent('{"a": "authSpec", "b": "sourceSpec"}'), undefined);
    assert.equal(kindFromContent('{"items": [{"authSpec": [], "sourceSpec": {}}]}'), undefined);
    assert.equal(kindFromContent('[{"authSpec": [], "sourceSpec": {}}]'), undefined);
    assert.equal(kindFromContent('\u0000\u0001 not json'), undefined);
    assert.equal(kindFromContent(''), undefined);
    assert.equal(kindFromContent('{ // hi\n "authSpec": [], "providerId": "x", "oops'), 'connectionSpec');
  });
});

describe('the consumers give the resolver\'s answer', () => {
  /** Documents as an editor, a generic LSP client, the CLI and sync see them. */
  const cases: Array<{ question: Required<Pick<KindQuestion, 'fileName' | 'languageId'>> & { text: string; detectByContent: boolean } }> = [];
  for (const detectByContent of [true, false]) {
    for (const [fileName, text] of [['/w/a-connectionSpec.json', FLOW], ['/w/b.json', FLOW], ['/w/c.json', CONNECTION], ['/w/d.json', '{"a": 1}'], ['/w/e.flowSpec.json', '{}']]) {
      for (const languageId of ['json', 'plaintext', ...SPEC_KIND_LIST.map((k) => k.languageId)]) cases.push({ question: { fileName, languageId, text, detectByContent } });
    }
  }

  test('the language server (DocumentKinds, with the client\'s setting pulled)', async () => {
    for (const { question } of cases) {
      const connection = { workspace: { getConfiguration: async () => ({ detectByContent: question.detectByContent }) } } as unknown as Connection;
      const kinds = new DocumentKinds(connection, () => true);
      const document = TextDocument.create(`file://${question.fileName}`, question.languageId, 1, question.text);
      assert.equal(await kinds.kindOf(document), specKindOf(question), JSON.stringify(question));
    }
  });

  test('the extension\'s commands (kindOfDocument, with the workspace setting)', () => {
    for (const { question } of cases) {
      state.defaults = { 'sourcesSdk.detectByContent': question.detectByContent };
      const document = { languageId: question.languageId, uri: Uri.file(question.fileName), getText: () => question.text };
      assert.equal(client.kindOfDocument(document as never), specKindOf(question), JSON.stringify(question));
    }
  });

  test('the CLI and sync (no editor: file name and content, the default setting)', () => {
    for (const { question } of cases) {
      const expected: SpecKind | undefined = specKindOf({ fileName: question.fileName, text: question.text });
      if (expected) assert.equal(kindForFile(question.fileName, question.text), expected);
      else assert.throws(() => kindForFile(question.fileName, question.text), /neither a connection spec nor a flow spec \(name it \*-connectionSpec\.json or \*-flowSpec\.json\)/);
    }
  });

  test('no shipped module decides a kind another way', () => {
    const offending: string[] = [];
    const lowLevel = /\b(kindOfFileName|kindOfLanguage|kindFromContent)\(/;
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (path.endsWith('.ts') && lowLevel.test(readFileSync(path, 'utf8'))) offending.push(relative(ROOT, path));
      }
    };
    for (const dir of ['client', 'server', 'cli', 'core', 'emulator']) walk(join(ROOT, dir));
    assert.deepEqual(offending.sort(), ['core/spec/kindResolver.ts', 'core/spec/kinds.ts']);
    for (const consumer of ['server/documentKinds.ts', 'client/commands/basics.ts', 'client/contentDetection.ts', 'cli/commands/validate.ts', 'cli/commands/docs.ts', 'cli/commands/new.ts', 'core/sync/specFile.ts']) {
      assert.match(readFileSync(join(ROOT, consumer), 'utf8'), /from '[./]+core\/spec\/kindResolver'|from '\.\.\/spec\/kindResolver'/, consumer);
    }
  });

  test('without the setting the resolver uses the settings table\'s default (tied to package.json by settings.test.ts)', () => {
    assert.equal(specKindOf({ fileName: 'x.json', text: FLOW }), specKindOf({ fileName: 'x.json', text: FLOW, detectByContent: SETTINGS.detectByContent.default }));
  });
});
