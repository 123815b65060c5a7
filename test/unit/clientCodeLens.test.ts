/** The CodeLens line atop spec files (client/codeLens.ts), through the fake `vscode` API. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeVscode, Uri } from './clientHarness/fakeVscode';

installFakeVscode();
// Loaded after the fake is installed, so the client's `require('vscode')` gets it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { specCodeLenses } = require('../../client/codeLens') as typeof import('../../client/codeLens');

const doc = (text: string, languageId = 'sources-sdk-connection-spec') => ({ uri: Uri.file('/ws/a-connectionSpec.json'), languageId, getText: () => text }) as never;

test('no CodeLens on an empty or blank spec file; the full line once it has text', () => {
  assert.deepEqual(specCodeLenses(doc('')), []);
  assert.deepEqual(specCodeLenses(doc(' \n\t\r\n')), []);
  assert.deepEqual(specCodeLenses(doc('{}')).map((lens) => lens.command?.title), ['Upload', 'Compare with Remote', 'Register in Flow Spec', 'Preview Source']);
  assert.deepEqual(specCodeLenses(doc('{}', 'sources-sdk-flow-spec')).map((lens) => lens.command?.title), ['Upload', 'Compare with Remote']);
});

test('a streaming connection spec has no Preview Source lens (it has no request to preview)', () => {
  const streaming = '{\n  "name": "events",\n  "type": "generic-streaming",\n  "authSpec": []\n}';
  assert.deepEqual(specCodeLenses(doc(streaming)).map((lens) => lens.command?.title), ['Upload', 'Compare with Remote', 'Register in Flow Spec']);
  const batch = '{\n  "name": "contacts",\n  "type": "generic-rest"\n}';
  assert.ok(specCodeLenses(doc(batch)).some((lens) => lens.command?.title === 'Preview Source'));
});
