/**
 * Flow Service refusals at their place, end to end: `sources-sdk push` against `sources-sdk emulator`; the
 * emulator refuses an unknown category key (the editor only warns), and the CLI prints `file:line:column`.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCliEmulator, type CliEmulator } from './helpers/cliEmulator';
import { cli, cliEnv } from './helpers/runCli';
import { validConnectionSpec } from '../unit/fakes/specFixtures';
import type { LooseJson } from '../helpers/looseJson';

describe('push refused by the Flow Service: file:line:column of the named field', () => {
  let emulator: CliEmulator;
  let env: Record<string, string>;
  let dir: string;
  before(async () => {
    emulator = await spawnCliEmulator(['--port', '0']);
    env = cliEnv(emulator.url, { clientId: 'refusal-client', clientSecret: 'refusal-secret', orgId: 'REFUSAL@AdobeOrg' });
    dir = mkdtempSync(join(tmpdir(), 'cli-refusal-'));
  });
  after(async () => {
    emulator.child.kill('SIGTERM');
    await emulator.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  test('an unknown category key is refused with its line and column; exit 1', async () => {
    const spec = validConnectionSpec('Refused source') as Record<string, LooseJson>;
    spec.sourceSpec.attributes.uiAttributes = { ...spec.sourceSpec.attributes.uiAttributes, category: { key: 'spaceships' } };
    const text = `${JSON.stringify(spec, null, 2)}\n`;
    writeFileSync(join(dir, 'refused-connectionSpec.json'), text);
    const run = await cli(['push', 'refused-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"spaceships"'));
    const column = lines[line].indexOf('"spaceships"');
    assert.match(run.stderr, new RegExp(`^refused-connectionSpec\\.json:${line + 1}:${column + 1}: error: .*spaceships`, 'm'));
  });

  test('a refusal naming nothing in the file goes on the first line', async () => {
    const spec = validConnectionSpec('Nameless') as Record<string, LooseJson>;
    delete spec.providerId;
    writeFileSync(join(dir, 'nameless-connectionSpec.json'), `${JSON.stringify(spec, null, 2)}\n`);
    const run = await cli(['push', '--no-validate', 'nameless-connectionSpec.json'], env, dir);
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /^nameless-connectionSpec\.json:1:1: error: .*providerId/m);
  });
});
