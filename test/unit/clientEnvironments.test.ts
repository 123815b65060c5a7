import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  LOCAL_EMULATOR_NAME, clientSecretKey, defaultSpecFileName, environmentTemplate, externalEmulatorUrl,
  isLoopbackUrl, pickActiveEnvironment, resolveEnvironmentSetting, resolveEnvironments, statusBarPresentation,
  userValue,
} from '../../client/environments';

const stage = { name: 'ACME stage', platform: 'stage', orgId: 'ACME@AdobeOrg', clientId: 'abc', sandbox: 'Dev' };

describe('client environments', () => {
  test('prod and stage map to Adobe gateway and IMS roots', () => {
    const prod = resolveEnvironmentSetting({ ...stage, name: 'p', platform: 'prod', sandbox: undefined });
    assert.ok(typeof prod !== 'string');
    assert.equal(prod.config.platformUrl, 'https://platform.adobe.io');
    assert.equal(prod.config.imsUrl, 'https://ims-na1.adobelogin.com');
    assert.equal(prod.config.sandbox, 'prod', 'sandbox defaults to prod');
    const st = resolveEnvironmentSetting(stage);
    assert.ok(typeof st !== 'string');
    assert.equal(st.config.platformUrl, 'https://platform-stage.adobe.io');
    assert.equal(st.config.sandbox, 'dev', 'sandbox names are lower-cased');
    assert.ok(st.config.scopes.length > 0);
  });

  test('a loopback URL is used for both the platform and IMS', () => {
    const env = resolveEnvironmentSetting({ ...stage, platform: 'http://127.0.0.1:4141/' });
    assert.ok(typeof env !== 'string');
    assert.equal(env.config.platformUrl, 'http://127.0.0.1:4141');
    assert.equal(env.config.imsUrl, 'http://127.0.0.1:4141');
  });

  test('non-Adobe, non-loopback endpoints are refused', () => {
    assert.match(String(resolveEnvironmentSetting({ ...stage, platform: 'https://evil.example.com' })), /platform must be/);
    assert.match(String(resolveEnvironmentSetting({ ...stage, imsUrl: 'https://ims.evil.example' })), /refused/);
    assert.match(String(resolveEnvironmentSetting({ ...stage, clientId: '' })), /clientId/);
    assert.match(String(resolveEnvironmentSetting({ ...stage, name: LOCAL_EMULATOR_NAME })), /reserved/);
  });

  test('workspace values are ignored with a warning; user values are used', () => {
    const result = resolveEnvironments({
      globalValue: [stage, { name: 'broken' }, stage],
      workspaceValue: [{ ...stage, name: 'from workspace', platform: 'http://127.0.0.1:1' }],
    }, 'dev');
    const names = result.environments.map((e) => e.config.name);
    assert.deepEqual(names, [LOCAL_EMULATOR_NAME, 'ACME stage']);
    assert.ok(result.warnings.some((w) => /workspace settings is ignored/.test(w)));
    assert.ok(result.warnings.some((w) => /broken/.test(w)));
    assert.ok(result.warnings.some((w) => /defined twice/.test(w)));
  });

  test('no settings → only the local emulator, active by default', () => {
    const result = resolveEnvironments(undefined, 'Dev', 'http://127.0.0.1:9');
    assert.equal(result.warnings.length, 0);
    const active = pickActiveEnvironment(result.environments, 'missing');
    assert.equal(active.isLocalEmulator, true);
    assert.equal(active.config.sandbox, 'dev');
    assert.equal(active.config.orgId, 'LOCAL@AdobeOrg');
    assert.equal(active.config.platformUrl, 'http://127.0.0.1:9');
  });

  test('loopback URLs: http(s) on localhost, 127/8 and [::1] only', () => {
    for (const url of ['http://localhost:3000', 'http://127.0.0.2:3000', 'https://[::1]:3000', 'http://LOCALHOST']) {
      assert.ok(isLoopbackUrl(url), url);
    }
    for (const url of ['ftp://127.0.0.1', 'not a url', 'http://127.example.com', 'http://10.0.0.1', 'https://platform.adobe.io']) {
      assert.ok(!isLoopbackUrl(url), url);
    }
  });

  test('an imsUrl outside Adobe https hosts and loopback is refused', () => {
    const refused = (imsUrl: string) => resolveEnvironmentSetting({ ...stage, imsUrl });
    assert.match(String(refused('http://ims-na1.adobelogin.com')), /imsUrl .* is refused/);
    assert.match(String(refused('https://adobelogin.com.evil.example')), /is refused/);
    const allowed = resolveEnvironmentSetting({ ...stage, imsUrl: 'http://127.0.0.1:4141/' });
    assert.equal(typeof allowed === 'string' ? allowed : allowed.config.imsUrl, 'http://127.0.0.1:4141');
  });

  test('external emulator URL: setting wins over env var; non-loopback ignored', () => {
    assert.equal(externalEmulatorUrl('http://127.0.0.1:1/', 'http://127.0.0.1:2'), 'http://127.0.0.1:1');
    assert.equal(externalEmulatorUrl(undefined, 'http://127.0.0.1:2'), 'http://127.0.0.1:2');
    assert.equal(externalEmulatorUrl('https://example.com', undefined), undefined);
    assert.equal(externalEmulatorUrl('', ''), undefined);
  });

  test('status bar text, prod warning', () => {
    const dev = resolveEnvironments(undefined, 'dev', 'http://127.0.0.1:9').environments[0];
    assert.deepEqual(
      { text: statusBarPresentation(dev.config).text, warning: statusBarPresentation(dev.config).warning },
      { text: '$(cloud) Local emulator · dev', warning: false },
    );
    const prod = resolveEnvironmentSetting({ ...stage, sandbox: 'prod' });
    assert.ok(typeof prod !== 'string');
    const p = statusBarPresentation(prod.config);
    assert.equal(p.text, '$(warning) ACME stage · prod');
    assert.equal(p.warning, true);
    // Any sandbox name containing "prod" is production (core/config/environments.ts isProductionSandbox).
    for (const sandbox of ['production', 'prod.eu', 'prod1']) {
      const named = resolveEnvironmentSetting({ ...stage, sandbox });
      assert.ok(typeof named !== 'string');
      assert.equal(statusBarPresentation(named.config).warning, true, sandbox);
    }
  });

  test('small helpers', () => {
    assert.equal(clientSecretKey('ACME stage'), 'sourcesSdk.clientSecret.ACME stage');
    assert.equal(defaultSpecFileName('MailChimp Members source', 'connectionSpecs'), 'MailChimp-Members-source-connectionSpec.json');
    assert.equal(defaultSpecFileName('RestStorageToAEP', 'flowSpecs'), 'RestStorageToAEP-flowSpec.json');
    assert.equal(defaultSpecFileName('///', 'flowSpecs'), 'spec-flowSpec.json');
    assert.equal(userValue({ globalValue: 'a', workspaceValue: 'b', defaultValue: 'c' }), 'a');
    assert.equal(userValue({ workspaceValue: 'b', defaultValue: 'c' }), 'c');
  });

  test('Add Environment…: a template entry the setting accepts, under a name no entry uses', () => {
    const template = environmentTemplate([]);
    assert.equal(template.name, 'New environment');
    const resolved = resolveEnvironments({ globalValue: [template] }, 'dev');
    assert.deepEqual(resolved.warnings, [], 'the template is a valid entry as it stands');
    assert.equal(resolved.environments.length, 2);
    assert.match(template.orgId, /^YOUR_ORG_ID@AdobeOrg$/);
    assert.equal(template.clientId, 'YOUR_CLIENT_ID');
    assert.equal(environmentTemplate(['New environment', 'New environment 2']).name, 'New environment 3');
  });
});
