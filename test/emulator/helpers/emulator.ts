/**
 * Shared test helpers for starting the emulator in-process on a free loopback port and talking to it with
 * plain fetch. Other suites (API client, CLI, extension) import these instead of re-implementing the setup.
 */
import { startEmulator, FLOW_SERVICE_ROOT, IMS_TOKEN_PATH, type EmulatorOptions, type RunningEmulator } from '../../../emulator/emulator';
import type { EnvironmentConfig, SpecResource } from '../../../core/api/types';
import type { LooseJson } from '../../helpers/looseJson';

export const TEST_CLIENT_ID = 'test-client';
export const TEST_CLIENT_SECRET = 'test-secret-not-real';
export const TEST_ORG_ID = 'TESTORG0000000000000000@AdobeOrg';
export const TEST_SANDBOX = 'prod';

export interface CallOptions {
  body?: unknown;
  /** Raw text body (sent as is). */
  rawBody?: string;
  /** Headers merged over the default authenticated ones; a `null` value removes that header. */
  headers?: Record<string, string | null>;
  /** Sandbox for this call (default `prod`). */
  sandbox?: string;
  orgId?: string;
}

export interface CallResult<T = LooseJson> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface TestEmulator {
  emulator: RunningEmulator;
  url: string;
  /** `url` + `/data/foundation/flowservice`. */
  flowServiceUrl: string;
  /** A token for `clientId` obtained through the real IMS route. */
  token(clientId?: string, clientSecret?: string): Promise<string>;
  /** Default headers for an authenticated Flow Service call (token fetched once and cached). */
  headers(options?: { sandbox?: string; orgId?: string; contentType?: boolean }): Promise<Record<string, string>>;
  /**
   * One Flow Service call; `path` is relative to the Flow Service root, e.g. `/flowSpecs`, or a full path below the
   * platform URL (`/data/foundation/conversion/mappingSets`).
   */
  call<T = LooseJson>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
  /** POST a spec and return the created body (asserting 201). */
  create(resource: SpecResource, body: Record<string, unknown>, options?: CallOptions): Promise<LooseJson>;
  /** An EnvironmentConfig for core/api pointing at this emulator (platformUrl = imsUrl = url). */
  environment(overrides?: Partial<EnvironmentConfig>): EnvironmentConfig;
  close(): Promise<void>;
}

/** The calls of `TestEmulator` that only need the emulator's URL (an in-process one, or a CLI child process). */
export type EmulatorClient = Pick<TestEmulator, 'url' | 'flowServiceUrl' | 'token' | 'headers' | 'call' | 'create'>;

/** A client for the emulator at `url`; `options` are the emulator's (for fixed client credentials). */
export function emulatorClient(url: string, options: Pick<EmulatorOptions, 'clientId' | 'clientSecret'> = {}): EmulatorClient {
  let cachedToken: string | undefined;

  async function token(clientId = options.clientId ?? TEST_CLIENT_ID, clientSecret = options.clientSecret ?? TEST_CLIENT_SECRET): Promise<string> {
    const response = await fetch(`${url}${IMS_TOKEN_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret, scope: 'openid,AdobeID' }).toString(),
    });
    if (response.status !== 200) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
    return ((await response.json()) as { access_token: string }).access_token;
  }

  async function headers(opts: { sandbox?: string; orgId?: string; contentType?: boolean } = {}): Promise<Record<string, string>> {
    cachedToken ??= await token();
    const result: Record<string, string> = {
      authorization: `Bearer ${cachedToken}`,
      'x-api-key': options.clientId ?? TEST_CLIENT_ID,
      'x-gw-ims-org-id': opts.orgId ?? TEST_ORG_ID,
      'x-sandbox-name': opts.sandbox ?? TEST_SANDBOX,
    };
    if (opts.contentType) result['content-type'] = 'application/json';
    return result;
  }

  async function call<T = LooseJson>(method: string, path: string, opts: CallOptions = {}): Promise<CallResult<T>> {
    const hasBody = opts.body !== undefined || opts.rawBody !== undefined;
    const merged: Record<string, string> = await headers({ sandbox: opts.sandbox, orgId: opts.orgId, contentType: hasBody });
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      if (value === null) delete merged[name.toLowerCase()];
      else merged[name.toLowerCase()] = value;
    }
    const response = await fetch(`${url}${path.startsWith('/data/') ? '' : FLOW_SERVICE_ROOT}${path}`, {
      method,
      headers: merged,
      body: opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body)),
    });
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  }

  async function create(resource: SpecResource, body: Record<string, unknown>, opts: CallOptions = {}): Promise<LooseJson> {
    const result = await call('POST', `/${resource}`, { ...opts, body });
    if (result.status !== 201) throw new Error(`create ${resource} failed: ${result.status} ${result.text}`);
    return result.body;
  }

  return { url, flowServiceUrl: `${url}${FLOW_SERVICE_ROOT}`, token, headers, call, create };
}

/** Starts an in-process emulator on 127.0.0.1:0 (quiet unless `log` is given). */
export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await startEmulator({ port: 0, ...options });
  const url = emulator.url;
  return {
    ...emulatorClient(url, options),
    emulator,
    environment: (overrides = {}) => ({
      name: 'Local emulator (test)',
      platformUrl: url,
      imsUrl: url,
      orgId: TEST_ORG_ID,
      clientId: options.clientId ?? TEST_CLIENT_ID,
      sandbox: TEST_SANDBOX,
      scopes: ['openid', 'AdobeID'],
      ...overrides,
    }),
    close: () => emulator.close(),
  };
}

/** Runs `fn` against a fresh emulator and always closes it. */
export async function withEmulator<T>(options: EmulatorOptions, fn: (emu: TestEmulator) => Promise<T>): Promise<T> {
  const emu = await startTestEmulator(options);
  try {
    return await fn(emu);
  } finally {
    await emu.close();
  }
}

/** A minimal valid batch connection spec body (authoring form) for tests. */
export function sampleConnectionSpec(name = 'ACME Orders source', extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name,
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    description: 'Test connection spec written for the emulator tests.',
    attributes: { uiAttributes: { apiFeatures: { explorePaginationSupported: false } } },
    authSpec: [
      {
        name: 'Basic Authentication',
        type: 'BasicAuthentication',
        spec: {
          $schema: 'http://json-schema.org/draft-07/schema#',
          type: 'object',
          properties: { host: { type: 'string' }, username: { type: 'string' }, password: { type: 'string', format: 'password' } },
          required: ['host', 'username', 'password'],
        },
      },
    ],
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'ACME' } },
        urlParams: { path: '/v1/orders/${storeId}', method: 'GET' },
        contentPath: { path: '$.orders' },
        paginationParams: { type: 'NONE' },
        scheduleParams: { scheduleStartParamName: 'since', scheduleEndParamName: 'until' },
      },
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        properties: { storeId: { type: 'string' } },
      },
    },
    exploreSpec: { name: 'Resource', type: 'Resource' },
    ...extra,
  };
}
