// Issue 18, item 8: a trailing dot passed the Adobe-host refusal (`https://platform.adobe.io.`, `https://adobe.io.`,
// `https://ims-na1.adobelogin.com.`, and a redirect to one). Hosts are now normalised (trailing dots, case, IDNA:
// full-width letters and ideographic full stops fold to ASCII) in one place, core/transport/host.ts, and both
// decisions read it: the engine refuses to send a source's request to an Adobe host, the API client sends Flow
// Service credentials only to Adobe hosts over https or to loopback. Each host below goes through both real code
// paths; `fetch`/`transport` seams record what would have been sent, so nothing leaves the machine.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runSpec } from '../../core/run';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { isAdobeHost, isLoopbackHost, normalizeHost } from '../../core/transport/host';
import { AUTH, GOOD_AUTH_VALUES, previewSpec } from '../helpers/fakeSourceSpecs';

const json = (value: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json', ...headers } });

/** Runs a preview against `url` with a recording fetch; answers `{items: []}` (or `answer` when given). */
async function preview(url: string, answer?: (called: string) => Response) {
  const called: string[] = [];
  const result = await runSpec({
    spec: previewSpec(url, { urlParams: { path: '/items', method: 'GET' }, contentPath: '$.items', paginationParams: { type: 'NONE' } }),
    authSpecName: AUTH.key, authValues: GOOD_AUTH_VALUES[AUTH.key], sourceValues: {},
    fetch: (async (input: string | URL | Request) => { called.push(String(input)); return answer ? answer(String(input)) : json({ items: [] }); }) as typeof fetch,
  });
  return { result, called };
}

/** Whether the API client sends credentials to `platformUrl` (the call reaches the transport) or refuses (config). */
async function apiSends(platformUrl: string): Promise<boolean> {
  const called: string[] = [];
  const client = createFlowServiceClient({
    environment: { name: 'hosts', platformUrl, imsUrl: platformUrl, orgId: 'O@AdobeOrg', clientId: 'c', sandbox: 'dev', scopes: [] },
    clientSecret: 's', tokenProvider: { getToken: async () => 'tok-hosts', invalidate: () => undefined, currentToken: () => 'tok-hosts' },
    transport: async (url) => { called.push(url); return json({ items: [] }); },
  });
  try {
    await client.list('connectionSpecs');
  } catch (err) {
    assert.ok(err instanceof FlowServiceError && err.kind === 'config', String(err));
    assert.equal(called.length, 0, 'refused before any request');
    return false;
  }
  return called.length > 0;
}

const ADOBE = ['platform.adobe.io.', 'ims-na1.adobelogin.com.', 'adobe.io.', 'adobelogin.com', 'PLATFORM.ADOBE.IO', 'Platform.Adobe.Io..',
  'platform\u3002adobe\u3002io', '\uff50latform.adobe.io', 'ims-na1.adobelogin.com'];
const NOT_ADOBE = ['adobe.io.evil.example', 'evil-adobe.io', 'platform.adobe.io-evil.example', 'adobelogin.com.evil.example', 'notadobe.io.'];

describe('one host normalisation for both callers', () => {
  for (const host of ADOBE) {
    test(`${JSON.stringify(host)} is an Adobe host: preview refuses it, the API client sends credentials there`, async () => {
      assert.equal(isAdobeHost(host), true, normalizeHost(host));
      const { result, called } = await preview(`https://${host}`);
      assert.equal(result.error?.code, 'policy', JSON.stringify(result.error));
      assert.match(result.error!.message, /Refusing to send the source's request to the Adobe host (platform\.adobe\.io|ims-na1\.adobelogin\.com|adobe\.io|adobelogin\.com):/);
      assert.deepEqual(called, []);
      assert.equal(await apiSends(`https://${host}`), true);
    });
  }
  for (const host of NOT_ADOBE) {
    test(`${JSON.stringify(host)} is not: preview reads it, the API client refuses`, async () => {
      assert.equal(isAdobeHost(host), false);
      const { result, called } = await preview(`https://${host}`);
      assert.equal(result.error, undefined, JSON.stringify(result.error));
      assert.equal(called.length, 1);
      assert.equal(await apiSends(`https://${host}`), false);
    });
  }

  test('a redirect to an Adobe host with a trailing dot is refused before it is followed', async () => {
    const { result, called } = await preview('https://source.example', (url) =>
      url.startsWith('https://source.example') ? json({}, 302, { location: 'https://PLATFORM.adobe.io./steal' }) : json({ items: [] }));
    assert.equal(result.error?.code, 'policy', JSON.stringify(result.error));
    assert.match(result.error!.message, /Adobe host platform\.adobe\.io/);
    assert.equal(called.length, 1, 'only the source was asked');
    assert.match(called[0], /^https:\/\/source\.example\/items/);
  });

  test('loopback after normalisation (trailing dot, case, IPv4 shorthand); look-alikes are not', async () => {
    for (const host of ['localhost', 'LOCALHOST.', '127.0.0.1.', '127.1.2.3', '2130706433', '0x7f.1', '[::1]', '::1']) assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['localhost.evil.example', 'evil.localhost', '127.0.0.1.evil.example', '[::ffff:7f00:1]', '10.0.0.1']) assert.equal(isLoopbackHost(host), false, host);
    assert.equal(await apiSends('http://LOCALHOST.:4141'), true, 'plain http is allowed to this machine only');
    assert.equal(await apiSends('http://localhost.evil.example:4141'), false);
  });
});
