import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, DEFAULT_IMS_URL, DEFAULT_PLATFORM_URL, resolveConfig } from '../../cli/remote/config';
import { mapWithConcurrency } from '../../cli/remote/pool';
import { createRemoteContext, exitCodeFor } from '../../cli/remote/context';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { FlowServiceError } from '../../core/api/errors';

const base = { SOURCES_SDK_CLIENT_ID: 'env-id', SOURCES_SDK_CLIENT_SECRET: 'env-secret', SOURCES_SDK_ORG_ID: 'ENV@AdobeOrg' };

describe('CLI configuration', () => {
  test('defaults from the documented variables', () => {
    const { environment, clientSecret } = resolveConfig({}, base);
    assert.equal(environment.platformUrl, DEFAULT_PLATFORM_URL);
    assert.equal(environment.imsUrl, DEFAULT_IMS_URL);
    assert.equal(environment.sandbox, 'prod');
    assert.equal(environment.clientId, 'env-id');
    assert.equal(clientSecret, 'env-secret');
    assert.ok(environment.scopes.includes('openid'));
  });

  test('flags win over variables; scopes are comma-separated', () => {
    const { environment } = resolveConfig({ clientId: 'flag-id', sandbox: 'dev', scopes: 'a, b,c' }, { ...base, SOURCES_SDK_SANDBOX: 'stage', SOURCES_SDK_SCOPES: 'x' });
    assert.equal(environment.clientId, 'flag-id');
    assert.equal(environment.sandbox, 'dev');
    assert.deepEqual(environment.scopes, ['a', 'b', 'c']);
  });

  test('missing values are named; the secret only from the environment', () => {
    assert.throws(() => resolveConfig({ clientId: 'x', orgId: 'o' }, {}), (err: Error) => err instanceof ConfigError && /SOURCES_SDK_CLIENT_SECRET \(environment variable only\)/.test(err.message));
    assert.throws(() => resolveConfig({}, { SOURCES_SDK_CLIENT_SECRET: 's' }), /SOURCES_SDK_CLIENT_ID .*SOURCES_SDK_ORG_ID/);
    assert.throws(() => resolveConfig({ platformUrl: 'not a url' }, base), /SOURCES_SDK_PLATFORM_URL .* is not a valid URL/);
  });

  test('a secret read from a file with its trailing newline is trimmed; a blank one counts as missing', () => {
    assert.equal(resolveConfig({}, { ...base, SOURCES_SDK_CLIENT_SECRET: 'p8e-secret\n' }).clientSecret, 'p8e-secret');
    assert.throws(() => resolveConfig({}, { ...base, SOURCES_SDK_CLIENT_SECRET: ' \n' }), /SOURCES_SDK_CLIENT_SECRET/);
  });

  test('a relative --workspace is taken from the CLI working directory, like the file arguments', () => {
    const cwd = join(tmpdir(), 'elsewhere');
    const io = { out: () => undefined, err: () => undefined, env: base, cwd };
    const ctx = createRemoteContext({ workspace: 'ws', platformUrl: 'http://127.0.0.1:9', imsUrl: 'http://127.0.0.1:9' }, io, false);
    try {
      assert.equal(ctx.links.workspaceRoot, join(cwd, 'ws'));
      assert.equal(ctx.links.relativeKey(join(cwd, 'ws', 'a-connectionSpec.json')), 'a-connectionSpec.json');
    } finally {
      ctx.dispose();
    }
  });

  test('exit codes: config 2, remote and conflicts 1, I/O 2', () => {
    assert.equal(exitCodeFor(new ConfigError('x')), 2);
    assert.equal(exitCodeFor(new FlowServiceError('x', 'config')), 2);
    assert.equal(exitCodeFor(new FlowServiceError('x', 'conflict')), 1);
    assert.equal(exitCodeFor(new FlowServiceError('x', 'unavailable')), 1);
    assert.equal(exitCodeFor(Object.assign(new Error('nope'), { code: 'ENOENT' })), 2);
  });

  test('bounded concurrency keeps order and never exceeds the limit', async () => {
    let running = 0;
    let peak = 0;
    const results = await mapWithConcurrency(Array.from({ length: 20 }, (_, i) => i), 3, async (i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setImmediate(r));
      running--;
      return i * 2;
    });
    assert.equal(peak, 3);
    assert.deepEqual(results, Array.from({ length: 20 }, (_, i) => i * 2));
  });
});
