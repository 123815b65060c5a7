/**
 * Every limit a spec, a source or a request meets in these tools (preview, the emulator, the submission checks), as
 * ONE table rendered from the constants that enforce them. `npm run docs` writes it into docs/preview.md,
 * docs/emulator.md and docs/submission.md between `<!-- generated:limits -->` markers, and
 * test/unit/limitsTable.test.ts fails when a page differs or a flag or setting it names does not exist. It lives
 * beside the emulator because only this layer sees both the engine's constants (core) and the emulator's own.
 */
import { DEFAULT_LIMITS } from '../core/run/types';
import { MAX_JSON_DEPTH, MIB } from '../core/run/jsonMeasure';
import { DEFAULT_MAX_RESPONSE_BYTES, MAX_REDIRECTS } from '../core/transport/policy';
import { MAX_ARTIFACT_BYTES } from '../core/artifacts/names';
import { MAX_BODY_BYTES } from './http';
import { MAX_BODY_DEPTH, MAX_EVENT_BYTES, MAX_SCOPE_HEADER_LENGTH } from './limits';
import { EXPLORE_SOURCE_TIMEOUT_MS } from './resources/explore';
import { DEFAULT_RUN_RECORDS } from './resources/runs';

export interface LimitRow {
  /** What is limited. */
  what: string;
  /** The limit, as a reader reads it (from the constant). */
  limit: string;
  /** Where it applies. */
  appliesTo: string;
  /** CLI flags (`--…`) and editor settings (`sourcesSdk.…`) that change it; empty when nothing does. */
  changeWith: string[];
  /** What happens when it is reached. */
  whenReached: string;
}

const mib = (bytes: number) => `${bytes / MIB} MiB`;
const seconds = (ms: number) => `${ms / 1000} s`;
const count = (n: number) => n.toLocaleString('en-US');

/** The rows, in the order a run meets them: the source's answers, the records kept, then requests to the emulator. */
export function limitRows(): LimitRow[] {
  return [
    {
      what: 'bytes read from one response of the source, counted after decompression (gzip, deflate, br)',
      limit: mib(DEFAULT_MAX_RESPONSE_BYTES),
      appliesTo: 'preview; emulator explore and runs',
      changeWith: ['`--max-response-mb` (preview, emulator)', '`sourcesSdk.preview.maxResponseMegabytes`'],
      whenReached: 'reading stops; the run ends with a `response` error naming the limit (explore: a 400 naming it)',
    },
    {
      what: 'records kept per run (all are counted)',
      limit: `the first ${count(DEFAULT_LIMITS.maxRecords)} (emulator runs: ${count(DEFAULT_RUN_RECORDS.maxRecords)})`,
      appliesTo: 'preview; emulator runs and each hour of a streaming flow',
      changeWith: ['`--max-records` (preview)', '`--max-run-records` (emulator)'],
      whenReached: 'the rest are counted, not kept; the `record-limit-reached` warning names the limit',
    },
    {
      what: 'size of the records kept per run, measured as JSON',
      limit: `${mib(DEFAULT_LIMITS.maxRecordBytes)} (emulator runs: ${mib(DEFAULT_RUN_RECORDS.maxRecordBytes)})`,
      appliesTo: 'preview; emulator runs and each hour of a streaming flow',
      changeWith: ['`--max-records-mb` (preview)', '`sourcesSdk.preview.maxRecordsMegabytes`', '`--max-run-records-mb` (emulator)'],
      whenReached: 'the record that would pass it and the rest are counted, not kept; `record-limit-reached` names the limit',
    },
    {
      what: 'pages (requests) per run',
      limit: `${count(DEFAULT_LIMITS.maxPages)}; explore reads the first page only`,
      appliesTo: 'preview; emulator runs',
      changeWith: ['`--max-pages` (preview)'],
      whenReached: 'the run stops with the `page-limit-reached` warning; the records read are kept',
    },
    {
      what: 'wait for one answer of the source (the body read included)',
      limit: `${seconds(DEFAULT_LIMITS.requestTimeoutMs)}; emulator explore ${seconds(EXPLORE_SOURCE_TIMEOUT_MS)}`,
      appliesTo: 'preview; emulator runs and explore',
      changeWith: ['`--timeout` (preview)'],
      whenReached: 'a `timeout` error; explore answers 400 saying the source is the slow part, under a client\'s own 30 s',
    },
    {
      what: 'redirects followed per request',
      limit: count(MAX_REDIRECTS),
      appliesTo: 'preview; emulator explore and runs',
      changeWith: [],
      whenReached: 'the next 3xx is not followed: it is the answer, an HTTP error',
    },
    {
      what: 'where a secret may go',
      limit: 'the spec\'s own origin',
      appliesTo: 'preview; emulator explore and runs',
      changeWith: [],
      whenReached: 'a next page or redirect to another origin goes without every header, cookie and query parameter holding a secret (a warning names them), or is not made when one is in its path or body',
    },
    {
      what: 'hosts the source may be on',
      limit: 'never an Adobe API or IMS host (compared after normalising case, IDNA and trailing dots)',
      appliesTo: 'preview; emulator explore and runs',
      changeWith: [],
      whenReached: 'a `policy` error; nothing is sent',
    },
    {
      what: 'header values',
      limit: 'one line of Latin-1 text (no CR/LF, nothing above U+00FF)',
      appliesTo: 'preview; emulator explore and runs; the API client\'s settings',
      changeWith: [],
      whenReached: 'an error naming the header and the parameter that filled it (never its value)',
    },
    {
      what: 'nesting of a record',
      limit: `${MAX_JSON_DEPTH} levels of objects and arrays`,
      appliesTo: 'preview; emulator runs',
      changeWith: [],
      whenReached: 'the run ends with a `response` error naming the record and page; the records before it are kept',
    },
    {
      what: 'regular expressions in JSONPath filters (`match()`, `search()` in `contentPath`, `explodeEntityPath`, pagination paths)',
      limit: 'linear time (RE2); a nested repetition such as `(a+)+b` or a repeat count above 1000 is refused',
      appliesTo: 'preview; emulator explore and runs',
      changeWith: [],
      whenReached: 'a `spec` error naming the pattern and its path; the emulator keeps answering meanwhile',
    },
    {
      what: 'a streaming event posted to a flow\'s inlet',
      limit: `${MAX_JSON_DEPTH} levels and ${mib(MAX_EVENT_BYTES)} of JSON per event`,
      appliesTo: 'emulator inlet',
      changeWith: [],
      whenReached: '400 naming the event; nothing of that request is stored',
    },
    {
      what: 'a request body sent to the emulator',
      limit: `${mib(MAX_BODY_BYTES)}, ${MAX_BODY_DEPTH} levels of nesting`,
      appliesTo: 'emulator (POST, PUT, PATCH, the inlet)',
      changeWith: [],
      whenReached: '413 when too large; 400 `FLOW-1100-400` when nested too deep; nothing is stored',
    },
    {
      what: '`x-gw-ims-org-id` and `x-sandbox-name`',
      limit: `${count(MAX_SCOPE_HEADER_LENGTH)} characters`,
      appliesTo: 'emulator',
      changeWith: [],
      whenReached: '400 naming the header',
    },
    {
      what: 'a file of the artifacts folder (icon, label, description, category)',
      limit: mib(MAX_ARTIFACT_BYTES),
      appliesTo: '`sources-sdk validate`, the editor',
      changeWith: [],
      whenReached: 'SSDK813 "too large": its size is read first, it is not read further, and it counts as present, never missing',
    },
  ];
}

/** The table as Markdown (one line per row; `|` in cells escaped). */
export function renderLimitsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| what | limit | applies to | change it with | when it is reached |', '| --- | --- | --- | --- | --- |'];
  for (const row of limitRows()) {
    lines.push(`| ${[row.what, row.limit, row.appliesTo, row.changeWith.join(', ') || '—', row.whenReached].map(cell).join(' | ')} |`);
  }
  return `${lines.join('\n')}\n`;
}

/** The pages that carry the table (relative to the repository root). */
export const LIMITS_TABLE_PAGES = ['docs/preview.md', 'docs/emulator.md', 'docs/submission.md'] as const;
