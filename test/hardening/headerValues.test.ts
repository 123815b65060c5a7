// Issue 18, item 13 (first part): a CRLF or non-Latin-1 header value was reported as "Could not reach" (fetch throws a
// bare TypeError). Now the message says what is wrong with the value and names the header and the parameter that
// fills it, without showing the value; the same for the API client's headers (org id, sandbox, client id).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../core/run';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { startFakeSource, type FakeSource } from '../helpers/fakeSource';
import { AUTH, previewSpec } from '../helpers/fakeSourceSpecs';

let source: FakeSource;
before(async () => { source = await startFakeSource(); });
after(async () => { await source.close(); });

const BAD_VALUES: Array<[string, string, RegExp]> = [
  ['a CRLF', 'abc\r\nX-Injected: 1', /contains a line break \(CR or LF\)/],
  ['a lone LF', 'abc\ndef', /contains a line break/],
  ['a character outside Latin-1', 'caf\u00e9 \u2713 ok', /contains the character U\+2713, outside Latin-1/],
];

describe('preview: a header value that cannot be sent', () => {
  for (const [what, value, problem] of BAD_VALUES) {
    test(`${what} in a headerParams value: an input error naming the header and the parameter`, async () => {
      const spec = previewSpec(source.url, { urlParams: { path: '/echo', method: 'GET' }, headerParams: { 'X-Tag': 'tag ${tag}' }, contentPath: '$.items', paginationParams: { type: 'NONE' } },
        { tag: { type: 'string' } });
      const before = source.requests.length;
      const result = await runSpec({ spec, authSpecName: AUTH.basic, authValues: { username: 'u', password: 'pw-header-test' }, sourceValues: { tag: value } });
      assert.equal(result.error?.code, 'input', JSON.stringify(result.error));
      assert.match(result.error!.message, problem);
      assert.match(result.error!.message, /header X-Tag/);
      assert.match(result.error!.message, /check the value of tag/);
      assert.equal(result.error!.specPath, 'sourceSpec.attributes.headerParams.X-Tag');
      assert.doesNotMatch(result.error!.message, /Could not reach/);
      assert.equal(source.requests.length, before, 'nothing was sent');
    });
  }

  test('a secret with a line break (a bearer token) is named, never shown', async () => {
    const token = 'tok-line\r\nbreak-secret';
    const result = await runSpec({ spec: previewSpec(source.url), authSpecName: AUTH.oauth, authValues: { accessToken: token }, sourceValues: {} });
    assert.equal(result.error?.code, 'input', JSON.stringify(result.error));
    assert.match(result.error!.message, /header Authorization contains a line break.*check the value of accessToken/);
    assert.ok(!JSON.stringify(result).includes('break-secret'), 'the value is not shown');
  });
});

describe('the API client: a setting that cannot be a header value', () => {
  for (const [field, header, setting] of [['orgId', 'x-gw-ims-org-id', 'org id'], ['sandbox', 'x-sandbox-name', 'sandbox'], ['clientId', 'x-api-key', 'client id']] as const) {
    test(`${field} with a line break: a config error naming ${header} and the ${setting}`, async () => {
      const environment = { name: 'bad header', platformUrl: source.url, imsUrl: source.url, orgId: 'O@AdobeOrg', clientId: 'c', sandbox: 'dev', scopes: [] };
      const client = createFlowServiceClient({
        environment: { ...environment, [field]: 'value\r\nX-Injected: 1' }, clientSecret: 's',
        tokenProvider: { getToken: async () => 'tok', invalidate: () => undefined, currentToken: () => 'tok' },
      });
      await assert.rejects(client.list('connectionSpecs'), (err: FlowServiceError) => {
        assert.equal(err.kind, 'config', err.message);
        assert.match(err.message, new RegExp(`header ${header} contains a line break`));
        assert.match(err.message, new RegExp(`Check the environment's ${setting}`));
        assert.doesNotMatch(err.message, /Could not reach|failed before an answer/);
        return true;
      });
    });
  }
});
