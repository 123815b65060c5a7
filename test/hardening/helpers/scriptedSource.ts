/**
 * A source API whose answers a test writes: a real HTTP server on 127.0.0.1 (port 0) that hands every request to
 * the test's `answer` function (which may hold it open until the test lets it go), plus the emulator chain a run
 * needs on it (spec, registration, base/source/target connections, a flow factory).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorClient } from '../../emulator/helpers/emulator';
import { chainSpec, DATA_LAKE_SPEC_ID, registerInFlowSpec, REST_FLOW_SPEC_ID } from '../../emulator/helpers/chain';
import { AUTH } from '../../helpers/fakeSourceSpecs';
import { FAKE_CREDENTIALS } from '../../helpers/fakeSource';

/** What the source sends back: a JSON value (200), raw text with a status, or a promise of either. */
export type Answer = { json: unknown; status?: number } | { raw: string | Buffer; status?: number; contentType?: string };

export interface ScriptedSource {
  url: string;
  /** Paths (with query) of the requests received so far. */
  received: string[];
  close(): Promise<void>;
}

/** Starts a source that answers each request with `answer(path)`. */
export async function startScriptedSource(answer: (path: string, req: IncomingMessage) => Answer | Promise<Answer>): Promise<ScriptedSource> {
  const received: string[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    received.push(req.url ?? '/');
    req.resume();
    void Promise.resolve(answer(req.url ?? '/', req)).then((reply) => {
      if (res.destroyed) return;
      if ('json' in reply) {
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(reply.json));
      } else {
        res.writeHead(reply.status ?? 200, { 'content-type': reply.contentType ?? 'application/json' });
        res.end(reply.raw);
      }
    }, () => res.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

/** A batch spec reading `path` of `sourceUrl`, its records at `contentPath`, no pagination. */
export function scriptedSpec(sourceUrl: string, path: string, contentPath: unknown = '$.items', name = 'Scripted source'): Record<string, unknown> {
  const spec = chainSpec(sourceUrl, name);
  const attributes = (spec.sourceSpec as { attributes: Record<string, unknown> }).attributes;
  attributes.urlParams = { host: sourceUrl, path, method: 'GET' };
  attributes.contentPath = contentPath;
  return spec;
}

export interface Chain {
  specId: string;
  connectionId: string;
  /** Creates a flow on the chain's source connection; resolves its id. */
  flow(scheduleParams: Record<string, unknown>): Promise<string>;
}

/** Creates `spec`, registers it in RestStorageToAEP and creates base, source and target connections. */
export async function createChain(emu: Pick<EmulatorClient, 'call' | 'create'>, spec: Record<string, unknown>): Promise<Chain> {
  const created = await emu.create('connectionSpecs', spec);
  await registerInFlowSpec(emu, REST_FLOW_SPEC_ID, created.id);
  const ref = { id: created.id, version: '1.0' };
  const connection = await emu.call('POST', '/connections', { body: { name: 'acct', connectionSpec: ref, auth: { specName: AUTH.basic, params: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password } } } });
  if (connection.status !== 201) throw new Error(`base connection: ${connection.text}`);
  const source = await emu.call('POST', '/sourceConnections', { body: { name: 'src', baseConnectionId: connection.body.id, connectionSpec: ref, data: { format: 'json' }, params: { listId: 'L' } } });
  const target = await emu.call('POST', '/targetConnections', { body: { name: 'tgt', connectionSpec: { id: DATA_LAKE_SPEC_ID, version: '1.0' }, data: { format: 'parquet_xdm' }, params: { dataSetId: 'ds' } } });
  return {
    specId: created.id,
    connectionId: connection.body.id,
    async flow(scheduleParams) {
      const flow = await emu.call('POST', '/flows', { body: { name: 'flow', flowSpec: { id: REST_FLOW_SPEC_ID, version: '1.0' }, sourceConnectionIds: [source.body.id], targetConnectionIds: [target.body.id], scheduleParams } });
      if (flow.status !== 201) throw new Error(`flow: ${flow.text}`);
      return flow.body.id;
    },
  };
}

/** `sourceParams` of an explore: base64 of the JSON object. */
export const sourceParams = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64');

/** GET `/__emulator/health`; resolves its status. */
export async function health(emu: Pick<EmulatorClient, 'url'>): Promise<number> {
  const response = await fetch(`${emu.url}/__emulator/health`);
  await response.text();
  return response.status;
}
