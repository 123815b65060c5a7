/**
 * Small HTTP helpers shared by the emulator's routes: reading bodies, writing JSON, and the three error body
 * formats the real platform uses (gateway `error_code`, the content-type problem body, and FLOW-… errors).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Per-request context every handler receives. */
export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  url: URL;
  /** Path with trailing slashes removed. */
  path: string;
  requestId: string;
}

/**
 * The URL clients reach this emulator at, e.g. `http://127.0.0.1:4141`: the request's `Host` header (what the
 * client used, so `localhost` stays `localhost`), else the address the request came in on. The one place
 * `Location` headers and streaming inlet URLs are built from.
 */
export function baseUrl(ctx: RequestContext): string {
  const host = ctx.req.headers.host;
  if (host && /^[A-Za-z0-9.-]+(:\d+)?$|^\[[0-9A-Fa-f:.]+\](:\d+)?$/.test(host)) return `http://${host}`;
  const { localAddress, localPort } = ctx.req.socket;
  const address = localAddress ?? '127.0.0.1';
  return `http://${address.includes(':') ? `[${address}]` : address}:${localPort ?? 80}`;
}

/** An answer a handler returns; the server writes it. */
export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Raw text body (used by the `malformed` fault); wins over `body`. */
  rawBody?: string;
}

/** Bodies larger than this are refused: a spec is a few kB; this only guards the emulator's memory. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return { status, body, headers };
}

/** Gateway-level error (headers, tokens): `{"error_code": "403010", "message": "Oauth token is missing."}`. */
export function gatewayError(status: number, code: string, message: string): Reply {
  return json(status, { error_code: code, message });
}

/** The body the platform returns for a POST/PUT/PATCH without `Content-Type: application/json`. */
export function contentTypeError(): Reply {
  return json(400, {
    type: '/placeholder/type/uri',
    status: 400,
    title: 'BadRequestError',
    detail: 'A valid content-type must be specified',
  });
}

/** Titles of the FLOW codes the emulator emits, worded after the public error catalog. */
const FLOW_TITLES: Record<string, string> = {
  '1100-400': 'Invalid request',
  '1101-404': 'Resource not found',
  '1102-500': 'Internal error',
  '1103-503': 'Service unavailable',
  '1104-504': 'Gateway timeout',
  '1401-400': 'Invalid query parameters',
  '1405-400': 'Empty request body',
  '1413-400': 'Invalid spec ID',
  '1440-400': 'Operator not implemented',
  '1443-400': 'Operator not allowed with multiple values',
  '1448-400': 'Operator not supported for field',
  '1449-400': 'Invalid field in filter',
  '1450-400': 'Invalid operator',
  '1451-400': 'Invalid query parameter',
  '1455-400': 'Missing field',
  '2105-400': 'Sandbox name missing',
};

export interface FlowErrorDetails {
  /** The id of the resource concerned, when there is one. */
  resourceId?: string;
  /** Resource kind, e.g. `connectionSpecs`. */
  resourceType?: string;
}

/**
 * A Flow Service error body:
 * `{type: ".../FLOW-<code>-<status>", title, status, report: {detailed-message, request-id, id?, type?}, errorMessage, errorDetails}`.
 */
export function flowError(
  code: string,
  status: number,
  message: string,
  requestId: string,
  details: FlowErrorDetails = {},
): Reply {
  const key = `${code}-${status}`;
  const report: Record<string, string> = { 'detailed-message': message };
  if (details.resourceId !== undefined) report.id = details.resourceId;
  report['request-id'] = requestId;
  if (details.resourceType !== undefined) report.type = details.resourceType;
  return json(status, {
    type: `https://ns.adobe.com/aep/errors/FLOW-${key}`,
    title: FLOW_TITLES[key] ?? 'Error',
    status,
    report,
    errorMessage: message,
    errorDetails: message,
  });
}

/** Writes a reply, always with `x-request-id`. */
export function sendReply(ctx: RequestContext, reply: Reply): void {
  const headers: Record<string, string> = { 'x-request-id': ctx.requestId, ...reply.headers };
  let payload: string | undefined;
  if (reply.rawBody !== undefined) {
    payload = reply.rawBody;
    headers['content-type'] ??= 'application/json';
  } else if (reply.body !== undefined) {
    payload = JSON.stringify(reply.body);
    headers['content-type'] = 'application/json;charset=utf-8';
  }
  if (payload !== undefined) headers['content-length'] = String(Buffer.byteLength(payload));
  ctx.res.writeHead(reply.status, headers);
  ctx.res.end(payload);
}
