/**
 * Connection specs (ours, written from the facts of Adobe's sourceSpec and authSpec pages) that read the fake source (`fakeSource.ts`): one per
 * pagination type, with the three auth specs Basic, OAuth2 and API key. `previewSpec(url, overrides)` returns a fresh
 * object each time, so a test may change it.
 */
import { FAKE_CREDENTIALS } from './fakeSource';

export const AUTH = { basic: 'Basic Authentication', oauth: 'OAuth2 Refresh Code', key: 'API Key Authentication' } as const;

/** The three auth specs (`host` optional in each: the specs here give `urlParams.host`). */
export function authSpecs(): unknown[] {
  return [
    {
      name: AUTH.basic, type: 'BasicAuthentication',
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'Basic credentials of the fake source.',
        properties: {
          host: { type: 'string', description: 'Base URL of the API.' },
          username: { type: 'string', description: 'User name of the API account.' },
          password: { type: 'string', format: 'password', description: 'Password of the API account.' },
        },
        required: ['username', 'password'],
      },
    },
    {
      name: AUTH.oauth, type: 'OAuth2RefreshCode',
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'OAuth 2 tokens.',
        properties: {
          host: { type: 'string', description: 'Base URL of the API.' },
          accessToken: { type: 'string', format: 'password', description: 'Access token.' },
          refreshToken: { type: 'string', format: 'password', description: 'Refresh token.' },
        },
        required: ['accessToken'],
      },
    },
    {
      name: AUTH.key, type: 'KeyBased',
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'API key.',
        properties: {
          host: { type: 'string', description: 'Base URL of the API.' },
          authKey1: { type: 'string', format: 'password', title: 'API key', description: 'The API key.', restAttributes: { headerParamName: 'x-api-key' } },
        },
        required: ['authKey1'],
      },
    },
  ];
}

/** Values for each auth spec that the fake source accepts. */
export const GOOD_AUTH_VALUES: Record<string, Record<string, string>> = {
  [AUTH.basic]: { username: FAKE_CREDENTIALS.username, password: FAKE_CREDENTIALS.password },
  [AUTH.oauth]: { accessToken: FAKE_CREDENTIALS.accessToken },
  [AUTH.key]: { authKey1: FAKE_CREDENTIALS.apiKey },
};

/** The `sourceSpec.attributes` of each pagination endpoint. */
export const PAGINATION_ATTRIBUTES: Record<string, Record<string, unknown>> = {
  OFFSET: {
    urlParams: { path: '/offset/items', method: 'GET' }, contentPath: '$.items',
    paginationParams: { type: 'OFFSET', limitName: 'limit', limitValue: '5', offSetName: 'offset' },
  },
  POINTER: {
    urlParams: { path: '/pointer/items', method: 'GET' }, contentPath: '$.data',
    paginationParams: { type: 'POINTER', limitName: 'limit', limitValue: 5, pointerPath: 'paging.next' },
  },
  CONTINUATION_TOKEN: {
    urlParams: { path: '/token/items', method: 'GET', queryParams: { size: '5' } }, contentPath: '$.results',
    paginationParams: { type: 'CONTINUATION_TOKEN', continuationTokenPath: '$.meta.after_cursor', parameterType: 'QUERYPARAM', parameterName: 'after', delayRequestMillis: '1' },
  },
  PAGE: {
    urlParams: { path: '/page/items', method: 'GET' }, contentPath: '$.records',
    paginationParams: { type: 'PAGE', limitName: 'pageSize', limitValue: 10, pageParamName: 'pageNumber', initialPageIndex: 1, endPageIndex: 'headers.x-pagecount', maximumRequest: 100 },
  },
  NONE: {
    urlParams: { path: '/none/members', method: 'GET' },
    contentPath: { path: '$.members', skipAttributes: ['tags'], overrideWrapperAttribute: 'member' },
    paginationParams: { type: 'NONE' },
  },
};

/** A connection spec on the fake source at `url` with these `sourceSpec.attributes` (merged over OFFSET's). */
export function previewSpec(url: string, attributes: Record<string, unknown> = PAGINATION_ATTRIBUTES.OFFSET, sourceProperties: Record<string, unknown> = {}): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(attributes)) as Record<string, unknown> & { urlParams: Record<string, unknown> };
  copy.urlParams = { host: url, ...copy.urlParams };
  return {
    name: 'Fake source preview',
    providerId: '0ed90a81-07f4-4586-8190-b40eccef1c5a',
    version: '1.0',
    type: 'generic-rest',
    authSpec: authSpecs(),
    sourceSpec: {
      attributes: {
        uiAttributes: { isSource: true, category: { key: 'protocols' }, label: { text: 'Fake' }, description: { text: 'Fake' }, icon: { key: 'genericRestIcon' } },
        scheduleParams: { scheduleStartParamName: 'since', scheduleEndParamName: 'before', scheduleStartParamFormat: 'yyyy-MM-ddTHH:mm:ssZ', scheduleEndParamFormat: 'yyyy-MM-ddTHH:mm:ssZ' },
        ...copy,
      },
      spec: {
        $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', description: 'Inputs of the fake source.',
        properties: sourceProperties,
      },
    },
    exploreSpec: { name: 'Resource', type: 'Resource', requestSpec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' }, responseSpec: { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object' } },
  };
}
