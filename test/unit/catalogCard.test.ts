/** The catalog card and forms model (core/catalogCard/model.ts) built from a connection spec and its artifacts. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildCatalogPreview, categoryDisplayName } from '../../core/catalogCard/model';
import { acmeSpec, CLEAN_ICON } from './artifacts/folders';

describe('catalog card and forms model', () => {
  test('card: label/description from spec text, category display name, badges, icon as a data: URI', () => {
    const spec = acmeSpec((s) => { s.sourceSpec.attributes.uiAttributes.isBeta = true; });
    const { card } = buildCatalogPreview(spec, { iconSvg: CLEAN_ICON });
    assert.deepEqual(card.label, { text: 'Acme CRM', source: 'spec text' });
    assert.deepEqual(card.description, { text: 'Contacts from Acme CRM lists.', source: 'spec text' });
    assert.deepEqual(card.category, { key: 'crm', display: 'CRM' });
    assert.deepEqual(card.badges, ['Beta', 'Preview']);
    assert.ok(card.iconDataUri?.startsWith('data:image/svg+xml;base64,'));
    assert.equal(Buffer.from(card.iconDataUri!.split(',')[1], 'base64').toString('utf8'), CLEAN_ICON);
  });

  test('card: keys are resolved through the artifact files; a refused icon is not shown', () => {
    const spec = acmeSpec((s) => {
      s.sourceSpec.attributes.uiAttributes.label = { key: 'acmeLabel' };
      s.sourceSpec.attributes.uiAttributes.description = { key: 'acmeDescription' };
    });
    const { card } = buildCatalogPreview(spec, { label: 'Acme from file\n', iconSvg: '<svg/>', iconRefused: 'unsafe' });
    assert.deepEqual(card.label, { text: 'Acme from file', source: 'artifact file' });
    assert.deepEqual(card.description, { text: 'acmeDescription', source: 'key only' });
    assert.equal(card.iconDataUri, undefined);
    assert.equal(card.iconNote, 'unsafe');
    assert.equal(categoryDisplayName('marketingAutomation'), 'Marketing Automation');
  });

  test('forms: one per auth spec then source parameters, in declaration order, with controls and required marks', () => {
    const spec = acmeSpec();
    const { forms } = buildCatalogPreview(spec);
    assert.deepEqual(forms.map((f) => [f.kind, f.title]), [
      ['auth', 'Connect account: OAuth2 Refresh Code'], ['auth', 'Connect account: Basic Authentication'], ['source', 'Source parameters']]);
    const parsed = JSON.parse(spec);
    const oauth = forms[0];
    assert.deepEqual(oauth.fields.map((f) => f.name), Object.keys(parsed.authSpec[0].spec.properties));
    const byName = new Map(oauth.fields.map((f) => [f.name, f]));
    assert.equal(byName.get('accessToken')?.control, 'password');
    assert.equal(byName.get('accessToken')?.required, true);
    assert.equal(byName.get('expirationDate')?.hidden, true);
    const region = byName.get('region');
    if (parsed.authSpec[0].spec.properties.region.enum) assert.equal(region?.control, 'select');
    // The declaration range covers the property key in the file.
    const line = spec.split('\n')[byName.get('accessToken')!.declaration.start.line];
    assert.match(line, /"accessToken"/);
    const source = forms[2];
    assert.deepEqual(source.fields.map((f) => f.name), Object.keys(parsed.sourceSpec.spec.properties));
  });

  test('enums become choices, nested objects groups, booleans checkboxes; a broken spec says so', () => {
    const spec = JSON.stringify({
      name: 'x', authSpec: [{ name: 'API Key', type: 'KeyBased', spec: { type: 'object', required: ['authKey1'], properties: {
        authKey1: { type: 'string', format: 'password', title: 'API key' },
        tier: { type: 'string', enum: ['free', 'pro'], default: 'pro' },
        verbose: { type: 'boolean' },
        override: { type: 'object', properties: { a: { type: 'integer' } } },
      } } }],
    }, null, 2);
    const [form] = buildCatalogPreview(spec).forms;
    assert.deepEqual(form.fields.map((f) => [f.name, f.title, f.control, f.required]), [
      ['authKey1', 'API key', 'password', true], ['tier', 'tier', 'select', false], ['verbose', 'verbose', 'checkbox', false],
      ['override', 'override', 'group', false]]);
    assert.deepEqual(form.fields[1].choices, ['free', 'pro']);
    assert.equal(form.fields[1].defaultValue, 'pro');
    assert.deepEqual(form.fields[3].fields?.map((f) => [f.name, f.control]), [['a', 'number']]);
    assert.match(buildCatalogPreview('[').problem ?? '', /not a JSON object/);
  });
});
