/**
 * A known secret goes through the CLI (verbose logging on) and the client (with an exchange logger) against the
 * emulator; it must appear in no stdout, stderr, log line, links file or pulled file. Tokens neither.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';
import { bundledCliPath } from './helpers/cliEmulator';
import { startTestEmulator } from './helpers/emulator';
import { validConnectionSpec } from '../unit/fakes/specFixtures';
import { tempFolders } from '../helpers/tempFolders';
import { cliEnv } from './helpers/runCli';

const tempFolder = tempFolders();

async function cli(args: string[], env: Record<string, string>, cwd: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [await bundledCliPath(), ...args], { cwd, env: { PATH: process.env.PATH, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const code = await new Promise<number | null>((done) => child.on('close', done));
  return { code, output };
}

function allFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? allFiles(path) : [path];
  });
}

test('the client secret and tokens never leak into output, logs or files', async () => {
  const secret = `S3cr3t-${randomBytes(9).toString('hex')}`;
  const emulatorLog: string[] = [];
  const emu = await startTestEmulator({ clientId: 'secret-test-client', clientSecret: secret, log: (line) => emulatorLog.push(line) });
  const outputs: string[] = [];
  const clientLog: string[] = [];
  // Every token the emulator issues (tokens are verified without a table, so they are recorded as they are made).
  const tokens: string[] = [];
  const authority = emu.emulator.store.tokens;
  const issue = authority.issue.bind(authority);
  authority.issue = (clientId) => {
    const issued = issue(clientId);
    tokens.push(issued.accessToken);
    return issued;
  };
  try {
    const dir = tempFolder('secrets-');
    const env = cliEnv(emu.url, { clientId: 'secret-test-client', clientSecret: secret, orgId: 'SECRETS@AdobeOrg' });
    writeFileSync(join(dir, 'leak-connectionSpec.json'), JSON.stringify(validConnectionSpec('Leak check source'), null, 2));
    const runs = [
      await cli(['push', 'leak-connectionSpec.json', '-v'], env, dir),
      await cli(['diff', 'leak-connectionSpec.json', '--unified', '-v'], env, dir),
      await cli(['register', 'leak-connectionSpec.json', '-v'], env, dir),
      await cli(['pull', 'connection-spec', 'Leak check source', '-o', 'pulled-connectionSpec.json', '--force', '-v'], env, dir),
      await cli(['pull', 'flow-spec', 'no-such-flow', '-v'], env, dir),
      // A wrong secret that contains the real one: the IMS refusal must not echo either.
      await cli(['diff', 'leak-connectionSpec.json', '-v'], { ...env, SOURCES_SDK_CLIENT_SECRET: `${secret}-wrong` }, dir),
    ];
    assert.deepEqual(runs.map((r) => r.code), [0, 0, 0, 0, 1, 1], runs.map((r) => r.output).join('\n---\n'));
    assert.match(runs[0].output, /POST http:\/\/127\.0\.0\.1:\d+\/ims\/token\/v3 → 200/, 'verbose logging was on');
    assert.match(runs[5].output, /IMS refused the client credentials/);
    outputs.push(...runs.map((r) => r.output));

    const logger = { info: (m: string) => clientLog.push(m), warn: (m: string) => clientLog.push(m), error: (m: string) => clientLog.push(m), exchange: (e: object) => clientLog.push(JSON.stringify(e)) };
    const api = createFlowServiceClient({ environment: emu.environment({ clientId: 'secret-test-client' }), clientSecret: secret, logger, retry: { baseDelayMs: 5, maxDelayMs: 10 } });
    await api.list('connectionSpecs');
    emu.emulator.setFaults([{ kind: 'status', status: 503, times: 1 }]);
    await api.get('flowSpecs', '6499120c-0b15-42dc-936e-847ea3c24d72');
    // The emulator cannot know a path segment is secret, so its log is only checked up to here.
    const emulatorLogBeforeSecretInUrl = emulatorLog.length;
    await assert.rejects(api.get('flowSpecs', `missing-${secret}`), (err: FlowServiceError) => {
      outputs.push(err.message, JSON.stringify(err.details));
      return true;
    });
    assert.ok(clientLog.length >= 3);

    const files = allFiles(dir).map((f) => readFileSync(f, 'utf8'));
    assert.ok(files.some((f) => f.includes('"environments"')), 'links file was written');
    assert.ok(tokens.length >= 6, 'tokens were issued to the CLI runs and the client');
    for (const [where, texts] of [['CLI output', outputs], ['client log', clientLog], ['emulator log', emulatorLog.slice(0, emulatorLogBeforeSecretInUrl)], ['files', files]] as const) {
      for (const text of texts) {
        assert.ok(!text.includes(secret), `${where} contains the secret: ${text.slice(0, 300)}`);
        assert.doesNotMatch(text, /Bearer (?!\[REDACTED\])\S+/, `${where} contains a bearer token`);
        for (const token of tokens) assert.ok(!text.includes(token), `${where} contains a token`);
      }
    }
  } finally {
    await emu.close();
  }
});
