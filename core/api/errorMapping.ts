/**
 * Turns Flow Service, gateway and IMS error answers into {@link FlowServiceError}s whose messages tell a user what to
 * do. Knows the three documented body forms: gateway `{error_code, message}`, FLOW `{type: …/FLOW-<code>-<status>,
 * title, report: {detailed-message, request-id}}` and the content-type form `{title: "BadRequestError", detail}`.
 */
import { FlowServiceError, type FlowServiceErrorKind } from './errors';

/** What the mapper needs to know about one failed exchange. */
export interface FailedExchange {
  status: number;
  bodyText: string;
  method: string;
  /** Already redacted. */
  url: string;
  requestId?: string;
}

/** How many characters of an unexpected body go into a message. */
const SNIPPET_LENGTH = 200;

const GATEWAY_HINTS: Record<string, { kind: FlowServiceErrorKind; hint: string }> = {
  '403010': { kind: 'auth', hint: 'The request carried no access token (403010).' },
  '401013': {
    kind: 'auth',
    hint: 'The access token is not valid or has expired (401013): check that the client id, org id and IMS URL belong to the same project.',
  },
  '403000': { kind: 'auth', hint: 'The API key is missing (403000): set the client id of the environment.' },
  '403003': {
    kind: 'auth',
    hint: 'The API key is invalid (403003): the client id sent as x-api-key must be the one the token was issued to.',
  },
  '400003': { kind: 'config', hint: 'The org header is missing (400003): set the IMS org id (…@AdobeOrg) of the environment.' },
  '403025': { kind: 'forbidden', hint: 'The IMS profile is not valid for this org (403025): check the org id and the product profile.' },
  '403027': { kind: 'forbidden', hint: 'The user region is missing (403027): the credential is not provisioned for Experience Platform.' },
};

/** Parses JSON without throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : typeof value === 'number' ? String(value) : undefined;
}

/** The request id of a FLOW-form body, if any. */
export function requestIdFromBody(body: unknown): string | undefined {
  const report = asRecord(asRecord(body)?.report);
  return str(report?.['request-id']);
}

/** Kind implied by an HTTP status alone. */
export function kindForStatus(status: number): FlowServiceErrorKind {
  if (status === 401) return 'auth';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limited';
  if (status >= 500) return 'unavailable';
  return 'validation';
}

/** True for statuses where repeating the same request may help. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 502 || status === 503 || status === 504;
}

/**
 * For a 403, names the permission that is missing when the message says so, else explains which ones spec
 * authoring needs. Flow Service words it e.g. "permission manage denied on Enterprise Source".
 */
export function describeMissingPermission(detail: string): string {
  const permission = /permission\s+['"]?(write|manage|read|view)['"]?/i.exec(detail)?.[1]?.toLowerCase();
  const resource = /on\s+['"]?(Enterprise\s*Source|Streaming\s*Source|[A-Z][A-Za-z]+Source)['"]?/i.exec(detail)?.[1];
  const resourceName = resource ? resource.replace(/\s+/g, '') : undefined;
  if (permission || resourceName) {
    return (
      `Permission missing: ${permission ?? 'write/manage'} on ${resourceName ?? 'EnterpriseSource or StreamingSource'}. ` +
      'Ask an admin to add it to the product profile of this credential.'
    );
  }
  return (
    'A permission is missing: creating or updating specs needs write/manage on EnterpriseSource (batch sources) or ' +
    'StreamingSource (streaming sources) in the product profile of this credential.'
  );
}

/** Maps one non-2xx Flow Service answer to a FlowServiceError. */
export function mapFlowServiceError(exchange: FailedExchange): FlowServiceError {
  const { status, bodyText, method, url } = exchange;
  const body = asRecord(tryParseJson(bodyText));
  const requestId = exchange.requestId ?? requestIdFromBody(body);
  const base = { status, method, url, requestId, retryable: isRetryableStatus(status) };
  const where = `${method} ${url}`;
  const suffix = requestId ? ` (request id ${requestId})` : '';

  if (!body) {
    const snippet = bodyText.slice(0, SNIPPET_LENGTH);
    return new FlowServiceError(
      `Flow Service answered ${status} to ${where} with a body that is not JSON: ${JSON.stringify(snippet)}${suffix}`,
      status >= 500 || status === 429 ? kindForStatus(status) : 'bad-response',
      base,
    );
  }

  const gatewayCode = str(body.error_code);
  if (gatewayCode) {
    const known = GATEWAY_HINTS[gatewayCode];
    const text = known?.hint ?? `The gateway refused the request (${gatewayCode}): ${str(body.message) ?? 'no message'}.`;
    return new FlowServiceError(`${text}${suffix}`, known?.kind ?? kindForStatus(status), { ...base, code: gatewayCode });
  }

  const type = str(body.type);
  const flowCode = type ? /FLOW-\d+-\d+/.exec(type)?.[0] : undefined;
  const report = asRecord(body.report);
  const detail = str(report?.['detailed-message']) ?? str(body.detail) ?? str(body.errorMessage) ?? str(body.message);
  const title = str(body.title);
  const code = flowCode ?? title;
  let kind = kindForStatus(status);
  let message: string;
  if (flowCode) {
    message = `Flow Service refused the request: ${flowCode} ${title ?? ''}${detail ? `: ${detail}` : ''}`.replace(/\s+:/, ':');
  } else if (title === 'BadRequestError' || /content-type/i.test(detail ?? '')) {
    message = `Flow Service refused the request body: ${detail ?? title}. The request must be sent as application/json.`;
  } else {
    message = `Flow Service answered ${status} to ${where}${detail ?? title ? `: ${detail ?? title}` : ''}`;
  }
  if (status === 403) {
    message += `. ${describeMissingPermission(detail ?? '')}`;
    kind = 'forbidden';
  } else if (status === 401) {
    message += '. The access token was refused: check the client id, secret and org id of the environment.';
  } else if (status === 404) {
    message += '. The spec does not exist in this org and sandbox (check the id and the sandbox name).';
  }
  return new FlowServiceError(`${message}${suffix}`, kind, { ...base, code });
}

/** Maps an IMS token endpoint failure. */
export function mapImsError(exchange: FailedExchange, environmentName: string): FlowServiceError {
  const body = asRecord(tryParseJson(exchange.bodyText));
  const reason = str(body?.error_description) ?? str(body?.error) ?? exchange.bodyText.slice(0, SNIPPET_LENGTH);
  const base = { status: exchange.status, method: exchange.method, url: exchange.url, code: str(body?.error), retryable: isRetryableStatus(exchange.status) };
  if (exchange.status === 400 || exchange.status === 401 || exchange.status === 403) {
    return new FlowServiceError(
      `IMS refused the client credentials: check the client id and secret for environment ${environmentName}` +
        (reason ? ` (IMS said: ${reason})` : ''),
      'auth',
      base,
    );
  }
  return new FlowServiceError(
    `IMS answered ${exchange.status} when asked for an access token for environment ${environmentName}` +
      (reason ? `: ${reason}` : ''),
    kindForStatus(exchange.status),
    base,
  );
}
