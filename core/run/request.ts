/**
 * The request every page starts from: URL from `urlParams.host` (or the auth spec's `host` value) and
 * `urlParams.path` with `${name}` substituted, `queryParams` and the schedule's parameters added, `headerParams` and
 * the credential headers, and for POST the `bodyParams` as JSON. `{SCHEDULE_QUERY}` (ADVANCE scheduling) is replaced
 * in the path, query values, header values and body strings.
 */
import { HEADER_VALUE_RULE, headerValueProblem } from '../transport/headers';
import { authHeaders, InputError } from './auth';
import type { SchedulePlan } from './schedule';
import { ATTRIBUTES, SpecError, type SpecModel } from './specModel';
import { mapStrings, placeholderNames, substitute, valueText, type ValueLookup } from './template';

/** The request before pagination. */
export interface BaseRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers: Record<string, string>;
  body?: string;
  /** Lower-case names of the headers carrying credentials. */
  credentialHeaders: string[];
  /** The secret values the credential headers carry, with the property each comes from. */
  credentialSecrets: Array<[name: string, value: string]>;
}

const SCHEDULE_QUERY = '{SCHEDULE_QUERY}';

function withScheduleQuery(text: string, plan: SchedulePlan): string {
  return plan.scheduleQuery === undefined ? text : text.split(SCHEDULE_QUERY).join(plan.scheduleQuery);
}

/** The base URL's origin and path part: `host` + `path`, a host without a scheme taken as https. */
function joinHostAndPath(host: string, path: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(host) ? host : `https://${host}`;
  const base = withScheme.replace(/\/+$/, '');
  const joined = path === '' ? base : `${base}${path.startsWith('/') ? '' : '/'}${path}`;
  try {
    return new URL(joined);
  } catch {
    throw new SpecError(`urlParams.host and urlParams.path do not make a URL (${JSON.stringify(joined)})`, `${ATTRIBUTES}.urlParams.host`);
  }
}

/** Builds the base request for `model` with the given values and schedule plan. */
export function buildBaseRequest(
  model: SpecModel, lookup: ValueLookup, authValues: Record<string, unknown>, plan: SchedulePlan,
): BaseRequest {
  const url = model.urlParams;
  const hostTemplate = url.host ?? valueText(authValues.host);
  if (!hostTemplate) {
    throw new SpecError(
      'No host to call: urlParams.host is absent and no "host" value was given for the auth spec (e.g. --set host=https://api.example.com)',
      `${ATTRIBUTES}.urlParams`,
      'No host to call: urlParams.host is absent and the auth spec gives no "host" value; add urlParams.host, or a host property to the auth spec');
  }
  const hostPath = url.host ? `${ATTRIBUTES}.urlParams.host` : `authSpec.${model.auth.index}.spec.properties.host`;
  if (url.path.includes('@{')) {
    throw new SpecError('urlParams.path holds an @{…} pipeline expression, which only Adobe\'s runtime evaluates; preview cannot run it', `${ATTRIBUTES}.urlParams.path`);
  }
  const host = substitute(hostTemplate, lookup, hostPath);
  const path = withScheduleQuery(substitute(url.path, lookup, `${ATTRIBUTES}.urlParams.path`, encodeURIComponent), plan);
  const full = joinHostAndPath(host, path);
  for (const [name, template] of Object.entries(url.queryParams)) {
    full.searchParams.append(name, withScheduleQuery(substitute(template, lookup, `${ATTRIBUTES}.urlParams.queryParams.${name}`), plan));
  }
  for (const [name, value] of Object.entries(plan.query)) full.searchParams.set(name, value);

  const headers: Record<string, string> = { Accept: 'application/json' };
  for (const [name, template] of Object.entries(model.headerParams)) {
    const specPath = `${ATTRIBUTES}.headerParams.${name}`;
    headers[name] = withScheduleQuery(substitute(template, lookup, specPath), plan);
    assertHeaderValue(name, headers[name], specPath, placeholderNames(template));
  }
  const auth = authHeaders(model.auth, authValues);
  for (const [name, value] of Object.entries(auth.headers)) {
    assertHeaderValue(name, value, `authSpec.${model.auth.index}.spec.properties`, [...new Set(auth.secrets.filter(([, v]) => value.includes(v)).map(([n]) => n))]);
  }
  Object.assign(headers, auth.headers);

  let body: string | undefined;
  if (url.method === 'POST' && model.bodyParams !== undefined && model.bodyParams !== null) {
    const filled = mapStrings(model.bodyParams, (s, path) => withScheduleQuery(substitute(s, lookup, path), plan), `${ATTRIBUTES}.bodyParams`);
    body = typeof filled === 'string' ? filled : JSON.stringify(filled);
    if (!Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = 'application/json';
  }
  return { method: url.method, url: full, headers, body, credentialHeaders: auth.credentialHeaders, credentialSecrets: auth.secrets };
}

/**
 * A header value fetch cannot send (a line break, a character outside Latin-1) is the value's fault, not the
 * network's: an `input` error naming the header, where it comes from and the values that fill it (never the value).
 */
function assertHeaderValue(name: string, value: string, specPath: string, parameters: string[]): void {
  const problem = headerValueProblem(value);
  if (!problem) return;
  const from = parameters.length ? `; check the value of ${parameters.join(', ')}` : '';
  throw new InputError(`The value of the header ${name} ${problem}: ${HEADER_VALUE_RULE}${from}`, specPath);
}
