/**
 * `runSpec`: reads a source the way a connection spec describes, page by page, within bounds, and reports the
 * requests (redacted), the records, their inferred schema and the warnings an author can act on.
 */
import { TransportError } from '../transport/errors';
import { isInsecureForCredentials, sourcePolicy } from '../transport/policy';
import { Redactor } from '../transport/redact';
import { InputError } from './auth';
import { exchange, ExchangeError, pause } from './exchange';
import { hopWarnings, pageForOrigin, parameterSecrets, runCredentials } from './origin';
import { createPaginator, isStop, PAGINATION, type PageStep } from './pagination';
import { extractRecords } from './records';
import { contentPathFix, ResponseHints } from './responseHints';
import { buildBaseRequest, type BaseRequest } from './request';
import { defaultWindow, planSchedule } from './schedule';
import { SchemaInferrer } from './schema';
import { ATTRIBUTES, readSpecModel, SpecError } from './specModel';
import { lookupIn } from './template';
import { DEFAULT_LIMITS, type RunError, type RunRequest, type RunRequestLog, type RunResult, type RunWarning } from './types';
import { WarningList } from './warnings';

/** The message a source put in its error body (`message`, `error_description`, `error`, `detail`, `title`), or a snippet. */
export function sourceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as Record<string, unknown>;
    for (const key of ['message', 'error_description', 'error', 'detail', 'title', 'errorMessage']) {
      const value = body?.[key];
      if (typeof value === 'string' && value) return value;
      if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string') return (value as { message: string }).message;
    }
  } catch { /* not JSON: use the text */ }
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 300 ? `${flat.slice(0, 300)}…` : flat;
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, name) => { out[name] = value; });
  return out;
}

/** True when a parsed body holds something (a non-empty object or array, or a scalar). */
function hasContent(body: unknown): boolean {
  if (body === undefined || body === null) return false;
  if (Array.isArray(body)) return body.length > 0;
  if (typeof body === 'object') return Object.keys(body).length > 0;
  return true;
}

/** Runs `request` to completion (or to its first error) and never throws for source, spec or input problems. */
export async function runSpec(request: RunRequest): Promise<RunResult> {
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(request.limits ?? {}) };
  let redactor = new Redactor();
  const warnings = new WarningList();
  const requests: RunRequestLog[] = [];
  const records: unknown[] = [];
  const schema = new SchemaInferrer();
  let recordCount = 0;
  let error: RunError | undefined;
  /** Why the pages ended (the paginator's reason, a limit, a loop); undefined when an error ended the run. */
  let stopReason: string | undefined;

  try {
    const model = readSpecModel(request.spec, request.authSpecName);
    // Secrets first, so that even an error message about a value is redacted.
    redactor = new Redactor(parameterSecrets(model, request));
    const window = request.window ?? defaultWindow((request.now ?? (() => new Date()))());
    const plan = planSchedule(model.scheduleParams, window, request.backfill === true);
    const base = buildBaseRequest(model, lookupIn(request.sourceValues, request.authValues), request.authValues, plan);
    redactor.addCredentialHeaders(base.credentialHeaders);
    const credentials = runCredentials(base, redactor.secrets);
    const policy = sourcePolicy(limits.maxResponseBytes);
    const paginator = createPaginator(model.paginationParams);
    const hints = new ResponseHints(model, request.spec);
    const fetchImpl = request.fetch ?? globalThis.fetch;
    const seenRequests = new Set<string>();
    let previousText: string | undefined;
    let step: PageStep = paginator.first();

    for (let page = 0; ; page++) {
      if (page >= limits.maxPages) {
        warnings.add({ code: 'page-limit-reached', message: `Stopped at the page limit (${limits.maxPages} requests); the source has more pages`, specPath: PAGINATION });
        stopReason = `the page limit (${limits.maxPages} requests)`;
        break;
      }
      const pageRequest = compose(base, step);
      const key = `${pageRequest.method} ${pageRequest.url} ${JSON.stringify(step.headers ?? {})} ${pageRequest.body ?? ''}`;
      if (seenRequests.has(key)) {
        warnings.add({ code: 'repeated-request', message: `Pagination asked for a request already made (${redactor.text(pageRequest.url.toString())}); stopped to avoid a loop`, specPath: PAGINATION });
        stopReason = 'pagination asked for a request already made';
        break;
      }
      seenRequests.add(key);
      policy.checkUrl(pageRequest.url, redactor.text(pageRequest.url.toString()));
      const decision = pageForOrigin(pageRequest, credentials, redactor);
      if (decision.warning) warnings.add(decision.warning);
      if (!decision.send) break;
      const sent = decision.request;
      if (sent === pageRequest && base.credentialHeaders.length && isInsecureForCredentials(pageRequest.url)) {
        warnings.add({ code: 'insecure-credentials', message: `Credentials are sent over plain http to ${pageRequest.url.host}; use https`, specPath: `${ATTRIBUTES}.urlParams.host` });
      }
      if (page > 0) await pause(paginator.delayMs, request.signal);

      const log: RunRequestLog = { method: sent.method, url: redactor.text(sent.url.toString()), status: 0, durationMs: 0 };
      requests.push(log);
      const started = performance.now();
      let response;
      try {
        response = await exchange(sent, fetchImpl, limits.requestTimeoutMs, request.signal, redactor, policy, credentials);
      } finally {
        log.durationMs = Math.round((performance.now() - started) * 10) / 10;
      }
      log.status = response.status;
      for (const warning of hopWarnings(response.crossOrigin, credentials, redactor)) warnings.add(warning);
      if (requests.length <= limits.detailedRequests) {
        const bodyText = redactor.text(response.text);
        log.detail = {
          requestHeaders: redactor.headers(sent.headers),
          ...(sent.body !== undefined ? { requestBody: redactor.text(sent.body) } : {}),
          responseHeaders: redactor.headers(headerRecord(response.headers)),
          responseBody: bodyText.length > limits.maxBodyChars ? bodyText.slice(0, limits.maxBodyChars) : bodyText,
          ...(bodyText.length > limits.maxBodyChars ? { responseBodyTruncated: true } : {}),
        };
      }
      if (response.status < 200 || response.status >= 300) {
        error = { status: response.status, code: 'http', message: redactor.text(`The source answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: ${sourceMessage(response.text) || '(no message)'}`) };
        break;
      }
      let body: unknown;
      if (response.text.trim() !== '') {
        try {
          body = JSON.parse(response.text);
        } catch {
          error = { status: response.status, code: 'response', message: `The source answered ${response.headers.get('content-type') ?? 'something'} that is not JSON: ${redactor.text(sourceMessage(response.text))}` };
          break;
        }
      }
      const found = extractRecords(body, model.contentPath, model.explodeEntityPath);
      log.recordCount = found.records.length;
      // A page identical to the previous one is the same records again: not counted, and the run stops.
      if (previousText !== undefined && response.text === previousText && found.contentCount > 0) {
        log.recordCount = 0;
        warnings.add({ code: 'page-repeated', message: `Page ${page + 1} is identical to page ${page}: pagination is not advancing; stopped (its ${found.records.length} records are not counted)`, specPath: PAGINATION });
        stopReason = 'a page repeated the previous one';
        break;
      }
      if (found.contentPathMissed && hasContent(body)) {
        const fix = contentPathFix(request.spec, model, body);
        warnings.add({
          code: 'content-without-records', specPath: `${ATTRIBUTES}.contentPath`, ...(fix ? { fix } : {}),
          message: `The response has content but contentPath ${JSON.stringify(model.contentPath.path)} finds no array of records there; ${fix ? `the records look to be at ${String(fix.edits[0].value)}` : 'check contentPath'}`,
        });
      }
      hints.observe(body, pageRequest.url, found.contentCount);
      if (found.explodeMissed) {
        warnings.add({ code: 'explode-path-empty', message: `explodeEntityPath ${JSON.stringify(model.explodeEntityPath?.path)} finds no array inside the records`, specPath: `${ATTRIBUTES}.explodeEntityPath` });
      }
      for (const record of found.records) {
        recordCount++;
        if (records.length < limits.maxRecords) {
          const shown = redactor.value(record);
          records.push(shown);
          schema.add(shown);
        }
      }
      request.onProgress?.({ requests: requests.length, recordCount });
      previousText = response.text;
      if (limits.firstPageOnly) {
        stopReason = 'only the first page was asked for';
        break;
      }
      const next = paginator.next({ body, headers: response.headers, url: response.url.toString(), contentCount: found.contentCount });
      if (isStop(next)) {
        if (next.warning) warnings.add(next.warning);
        stopReason = next.reason;
        break;
      }
      step = next;
    }
    if (!error) for (const warning of hints.warnings()) warnings.add(warning);
  } catch (err) {
    error = toRunError(err, redactor);
  }

  if (recordCount > records.length) {
    warnings.add({ code: 'record-limit-reached', message: `Kept the first ${records.length} of ${recordCount} records (record limit)` });
  }
  const conflict = schema.conflict();
  if (conflict) {
    warnings.add({ code: 'mixed-record-shapes', message: `Records have mixed shapes: ${conflict.path || 'the record itself'} is ${conflict.types.join(' in some, ')} in others; check contentPath`, specPath: `${ATTRIBUTES}.contentPath` });
  }
  return {
    requests, records, recordCount, schema: schema.schema(), warnings: warnings.list(),
    ...(error ? { error } : stopReason ? { stopReason } : {}),
  };
}

/** The page request: the base request with the paginator's step applied. */
function compose(base: BaseRequest, step: PageStep): BaseRequest {
  const url = new URL(step.url ?? base.url.toString());
  if (!step.url) for (const [name, value] of Object.entries(step.query ?? {})) url.searchParams.set(name, value);
  return { ...base, url, headers: { ...base.headers, ...(step.headers ?? {}) } };
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function toRunError(err: unknown, redactor: Redactor): RunError {
  const message = redactor.text(err instanceof Error ? err.message : String(err));
  if (err instanceof SpecError || err instanceof InputError) {
    return {
      code: err instanceof SpecError ? 'spec' : 'input',
      message,
      ...(err.specPath ? { specPath: err.specPath } : {}),
      ...(err.editorMessage ? { editorMessage: redactor.text(err.editorMessage) } : {}),
    };
  }
  if (err instanceof TransportError) return { code: 'policy', message };
  if (err instanceof ExchangeError) return { code: err.code, message, ...(err.editorMessage ? { editorMessage: redactor.text(err.editorMessage) } : {}) };
  return { code: 'network', message };
}

export type { RunWarning };
