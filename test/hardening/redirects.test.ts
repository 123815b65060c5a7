// Issue 7, defect 1: the API client followed redirects, re-posting client_secret (IMS) or x-api-key, org, sandbox and
// the spec body (platform) to whatever host the Location named. Real fetch, real loopback servers: the "target"
// server must see no request at all, and the error must name the target host and the setting to check.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFlowServiceClient } from '../../core/api/flowServiceClient';
import { FlowServiceError } from '../../core/api/errors';

interface Server {
  url: string;
  port: number;
  seen: string[];
  close(): Promise<void>;
}

async function listen(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<Server> {
  const seen: string[] = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handler(req, res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const SECRET = 'h7-redirect-secret';
const STATUSES = [301, 302, 303, 307, 308];

describe('redirects are never followed', () => {
  let target: Server;
  let origin: Server;
  /** Where the origin's next 3xx points and which path it redirects ('ims' or 'platform'). */
  let redirect: { status: number; location: string; which: 'ims' | 'platform' };

  before(async () => {
    target = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ access_token: 'stolen', expires_in: 3600, id: 'foreign', name: 'x' }));
    });
    origin = await listen((req, res) => {
      const isIms = req.url?.startsWith('/ims/') === true;
      if ((redirect.which === 'ims') === isIms) {
        res.writeHead(redirect.status, { location: redirect.location });
        res.end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(isIms ? { access_token: 'tok', expires_in: 3600 } : { id: 'x', name: 'n' }));
    });
  });
  after(async () => {
    await origin.close();
    await target.close();
  });

  // A loopback target, and one the host policy calls foreign ([::ffff:127.0.0.1] is not on the loopback list) that
  // still lands on this machine, so a followed redirect would be observable without leaving it.
  const targets = [
    { label: 'loopback', host: () => `127.0.0.1:${target.port}` },
    { label: 'foreign', host: () => `[::ffff:7f00:1]:${target.port}` },
  ];

  for (const which of ['ims', 'platform'] as const) {
    for (const kind of targets) {
      for (const status of STATUSES) {
        test(`${which} URL answering ${status} to a ${kind.label} host: nothing reaches it`, async () => {
          redirect = { status, location: `http://${kind.host()}/steal`, which };
          const before = target.seen.length;
          const client = createFlowServiceClient({
            environment: { name: 'redirect test', platformUrl: origin.url, imsUrl: origin.url, orgId: 'O@AdobeOrg', clientId: 'cid', sandbox: 'dev', scopes: ['openid'] },
            clientSecret: SECRET,
            retry: { maxAttempts: 1 },
          });
          const err = await client.create('connectionSpecs', { name: 'secret-body' }).then(
            () => assert.fail('the redirect was followed and reported as success'),
            (e: unknown) => e,
          );
          assert.ok(err instanceof FlowServiceError, String(err));
          assert.equal(err.kind, 'config');
          assert.equal(err.details.status, status);
          assert.ok(err.message.includes(kind.host()), `names the target host: ${err.message}`);
          assert.match(err.message, which === 'ims' ? /IMS URL/ : /platform URL/);
          assert.ok(!err.message.includes(SECRET));
          assert.deepEqual(target.seen.slice(before), [], 'the redirect target received a request');
        });
      }
    }
  }
});
