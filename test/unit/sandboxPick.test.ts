/**
 * The sides a cross-sandbox command offers (client/commands/sandboxPick.ts `sandboxItems`): every environment's
 * configured sandbox and the sandboxes the workspace's links name for it, directly; the source left out of the target
 * list (whatever the spelling); the last target first.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sandboxItems } from '../../client/commands/sandboxPick';
import { resolveEnvironments } from '../../client/environments';

const { environments } = resolveEnvironments({
  globalValue: [
    { name: 'ACME stage', platform: 'stage', orgId: 'ACME@AdobeOrg', clientId: 'c1', sandbox: 'dev' },
    { name: 'ACME prod', platform: 'prod', orgId: 'ACME@AdobeOrg', clientId: 'c2', sandbox: 'Production' },
  ],
}, 'dev', 'http://127.0.0.1:4141');
const linked = ['local|LOCAL@AdobeOrg|dev', 'local|LOCAL@AdobeOrg|stage', 'stage|ACME@AdobeOrg|qa', 'prod|ACME@AdobeOrg|prod-eu', 'prod|OTHER@AdobeOrg|x'];
const labels = (items: Array<{ label: string }>) => items.map((item) => item.label);

describe('sandbox picks', () => {
  test('configured sandboxes and linked ones are offered directly, per environment', () => {
    const items = sandboxItems(environments, { knownIdentities: linked });
    assert.deepEqual(labels(items), [
      'Local emulator · dev', 'Local emulator · stage', 'ACME stage · dev', 'ACME stage · qa', 'ACME prod · production', 'ACME prod · prod-eu',
    ]);
    assert.deepEqual(items.find((item) => item.label === 'ACME stage · qa')?.arg, { environment: 'ACME stage', sandbox: 'qa' });
    assert.match(items.find((item) => item.label === 'ACME prod · prod-eu')?.description ?? '', /production sandbox/);
  });

  test('the target list leaves out the source (any spelling) and offers the last target first', () => {
    const items = sandboxItems(environments, {
      knownIdentities: linked, exclude: { environment: 'Local emulator', sandbox: 'DEV' }, last: { environment: 'ACME stage', sandbox: 'qa' },
    });
    assert.deepEqual(labels(items), ['ACME stage · qa', 'Local emulator · stage', 'ACME stage · dev', 'ACME prod · production', 'ACME prod · prod-eu']);
    assert.match(items[0].description ?? '', /^last used/);
    const withoutDefault = sandboxItems(environments, { exclude: { environment: 'ACME prod' } });
    assert.ok(!labels(withoutDefault).includes('ACME prod · production'), 'an environment named without a sandbox is its configured one');
  });

  test('a remembered target whose environment is gone, or that is the source now, is not offered', () => {
    assert.deepEqual(labels(sandboxItems(environments, { last: { environment: 'Removed', sandbox: 'dev' } })), ['Local emulator · dev', 'ACME stage · dev', 'ACME prod · production']);
    assert.equal(labels(sandboxItems(environments, { last: { environment: 'Local emulator', sandbox: 'stage' }, exclude: { environment: 'Local emulator', sandbox: 'stage' } }))[0], 'Local emulator · dev');
  });
});
