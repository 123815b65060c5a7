/**
 * Types of the execution engine (`runSpec`): what a caller asks for and what a run gives back.
 * The same engine serves the CLI's `preview`, the extension's Preview Source panel and the emulator's explore and
 * dataflow runs, so these types carry no editor or CLI concern.
 */
import { DEFAULT_MAX_RESPONSE_BYTES } from '../transport/policy';

/** Bounds of one run. Every bound has a default (see `DEFAULT_LIMITS`). */
export interface RunLimits {
  /** Most requests (pages) a run makes. Default 50. Reaching it while the source has more gives `page-limit-reached`. */
  maxPages?: number;
  /** Most records kept in `RunResult.records`. Records beyond are counted in `recordCount`, not kept. Default 1000. */
  maxRecords?: number;
  /** Per-request timeout in milliseconds, the body read included. Default 30,000. */
  requestTimeoutMs?: number;
  /** Make the first request only (what an explore preview needs). */
  firstPageOnly?: boolean;
  /** How many request/response exchanges keep their headers and body in `RunRequestLog.detail`. Default 20. */
  detailedRequests?: number;
  /** Largest response body text kept per detailed exchange, in characters. Default 200,000. */
  maxBodyChars?: number;
  /**
   * Most bytes read from one response, counted after decompression as the body streams (gzip, deflate, br).
   * Default 64 MiB. A larger answer ends the run with a `response` error naming the limit.
   */
  maxResponseBytes?: number;
}

/** What to run: one connection spec, one of its auth specs with values, source values and a schedule window. */
export interface RunRequest {
  /** The parsed connection spec (a plain object as read from the file). */
  spec: unknown;
  /** `name` of one of the spec's `authSpec[]` entries. */
  authSpecName: string;
  /** Values for that auth spec's `spec.properties` (e.g. `host`, `username`, `password`, `accessToken`, `authKey1`). */
  authValues: Record<string, unknown>;
  /** Values for `sourceSpec.spec.properties` (e.g. `listId`). */
  sourceValues: Record<string, unknown>;
  /** The schedule window; default the 24 hours before `now`. */
  window?: { start: Date; end: Date };
  /** With `ADVANCE` scheduling, use the `backfill` expression instead of `incremental`. */
  backfill?: boolean;
  limits?: RunLimits;
  /** The fetch implementation; default the global `fetch`. */
  fetch?: typeof fetch;
  /** Cancels the run; the result then carries `error.code === 'cancelled'` and what was read so far. */
  signal?: AbortSignal;
  /** Clock for the default window (tests). */
  now?: () => Date;
  /** Called after each request with the requests and record count so far (progress reporting). */
  onProgress?: (progress: RunProgress) => void;
}

/** Progress of a running preview. */
export interface RunProgress {
  requests: number;
  recordCount: number;
}

/** Headers and bodies of one exchange, secrets redacted. Kept for the first `limits.detailedRequests` exchanges. */
export interface RunExchangeDetail {
  requestHeaders: Record<string, string>;
  /** JSON text of the request body (POST), redacted. */
  requestBody?: string;
  responseHeaders: Record<string, string>;
  /** Response body text, redacted; cut at `limits.maxBodyChars` (then `responseBodyTruncated`). */
  responseBody?: string;
  responseBodyTruncated?: boolean;
}

/** One request the run made. `url` is redacted. */
export interface RunRequestLog {
  method: string;
  url: string;
  /** HTTP status; 0 when no answer came (network error, timeout, cancel). */
  status: number;
  durationMs: number;
  /** Records found in this page at `contentPath` (after `explodeEntityPath`). */
  recordCount?: number;
  detail?: RunExchangeDetail;
}

/** Warning codes, each about something an author can change in the spec or the values. */
export type RunWarningCode =
  | 'content-without-records'
  | 'page-repeated'
  | 'repeated-request'
  | 'maximum-request-reached'
  | 'page-limit-reached'
  | 'record-limit-reached'
  | 'pagination-missing'
  | 'end-condition-missing'
  | 'mixed-record-shapes'
  | 'explode-path-empty'
  | 'credentials-withheld'
  | 'insecure-credentials';

/**
 * A change to the spec that answers a warning, inferred from the responses: values to set at spec locations
 * (property names and array indexes from the spec's root; what is missing is created). core/run/specFix.ts applies it.
 */
export interface SpecFix {
  /** What it does, e.g. `Set contentPath to $.data.entries`. */
  title: string;
  edits: Array<{ path: Array<string | number>; value: unknown }>;
}

/** A warning with, where it is about one, the spec location (dot-separated path, e.g. `sourceSpec.attributes.contentPath`). */
export interface RunWarning {
  code: RunWarningCode;
  message: string;
  specPath?: string;
  /** The fix the responses suggest, when they do. */
  fix?: SpecFix;
}

/** Why a run ended early. */
/**
 * `http`: the source answered an error status; `network`: no answer; `timeout`: no answer within the per-request
 * timeout; `cancelled`: the caller's signal; `spec`: the spec cannot be run as written; `input`: a value is missing or
 * unusable; `policy`: the host policy refused a URL; `response`: the answer is not JSON.
 */
export type RunErrorCode = 'http' | 'network' | 'timeout' | 'cancelled' | 'spec' | 'input' | 'policy' | 'response';

export interface RunError {
  /** The source's HTTP status when it answered with an error. */
  status?: number;
  /** What happened and what to do, secrets redacted. */
  message: string;
  /** The same in the editor's terms, where `message` advises with a CLI flag (the extension shows this one). */
  editorMessage?: string;
  code?: RunErrorCode;
  /** The spec location the error is about, for `spec` errors. */
  specPath?: string;
}

/** What a run read. */
export interface RunResult {
  requests: RunRequestLog[];
  /** Records kept (at most `limits.maxRecords`), after skip/keep/wrapper/explode. */
  records: unknown[];
  /** Every record seen, kept or not. */
  recordCount: number;
  /** JSON Schema (draft-07) inferred from the kept records. */
  schema: object;
  warnings: RunWarning[];
  error?: RunError;
  /**
   * Why the pages ended, when no error ended them: the pagination's reason (`short page`, `empty page`,
   * `$.has_more is false`, `no $.paging.next in the response`…), a limit, or a loop.
   */
  stopReason?: string;
}

/** Defaults applied to `RunRequest.limits`. */
export const DEFAULT_LIMITS: Required<RunLimits> = {
  maxPages: 50,
  maxRecords: 1000,
  requestTimeoutMs: 30_000,
  firstPageOnly: false,
  detailedRequests: 20,
  maxBodyChars: 200_000,
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
};
