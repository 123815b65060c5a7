import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  defaultSpecFileName, isSpecResource, kindInfoOfResource, kindOfArgument, kindOfFileName, kindOfLanguage, SPEC_FILE_GLOB,
  SPEC_KIND_LIST, SPEC_KINDS,
} from '../../core/spec/kinds';
import { SPEC_SCHEMAS } from '../../core/schemas';

const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { languages: Array<{ id: string; filenamePatterns: string[] }>; jsonValidation?: Array<{ fileMatch: string | string[]; url: string }> };
};

describe('the kind table', () => {
  test('package.json contributes exactly the table\'s language ids and file suffixes', () => {
    for (const info of SPEC_KIND_LIST) {
      const language = manifest.contributes.languages.find((l) => l.id === info.languageId);
      assert.ok(language, `package.json contributes ${info.languageId}`);
      assert.deepEqual([...language.filenamePatterns].sort(), info.fileSuffixes.map((s) => `*${s}`).sort());
      assert.ok(manifest.activationEvents.includes(`onLanguage:${info.languageId}`), `activates on ${info.languageId}`);
    }
    assert.ok(manifest.activationEvents.some((e) => e === `workspaceContains:${SPEC_FILE_GLOB}`), 'workspaceContains uses the table glob');
  });

  test('each kind\'s schema file exists and is the schema core bundles', () => {
    for (const info of SPEC_KIND_LIST) {
      const file = join(__dirname, '..', '..', 'schemas', info.schema.file);
      assert.ok(existsSync(file), file);
      assert.equal(SPEC_SCHEMAS[info.kind].uri, info.schema.uri);
      assert.deepEqual(SPEC_SCHEMAS[info.kind].schema, JSON.parse(readFileSync(file, 'utf8')));
    }
  });

  test('lookups by resource, language, file name and CLI argument agree', () => {
    for (const info of SPEC_KIND_LIST) {
      assert.equal(kindInfoOfResource(info.resource), info);
      assert.equal(kindOfLanguage(info.languageId), info.kind);
      assert.ok(isSpecResource(info.resource));
      assert.equal(kindOfArgument(info.cliName), info.kind);
      assert.equal(kindOfArgument(info.resource), info.kind);
      for (const suffix of info.fileSuffixes) assert.equal(kindOfFileName(`dir/acme${suffix.toUpperCase()}`), info.kind);
      assert.equal(kindOfFileName(defaultSpecFileName('Acme CRM, "v2"', info.kind)), info.kind);
      assert.equal(info.emulatorRoute, `/${info.resource}`);
    }
    assert.equal(kindOfLanguage('json'), undefined);
    assert.equal(kindOfFileName('acmeconnectionSpec.json'), undefined);
    assert.equal(kindOfArgument('flows'), undefined);
    assert.equal(isSpecResource('flows'), false);
    assert.equal(defaultSpecFileName('Acme CRM, "v2"', 'connectionSpec'), 'Acme-CRM-v2-connectionSpec.json');
    assert.equal(SPEC_KINDS.flowSpec.label, 'flow spec');
  });
});
