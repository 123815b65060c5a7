/**
 * The records a run keeps: every record is counted; the first ones are kept (redacted, their schema inferred) while
 * both caps hold — a count (`maxRecords`) and a size (`maxRecordBytes` of JSON) — so 1,000 records of 1 MB can no
 * longer take a run to gigabytes. A kept record nested deeper than `MAX_JSON_DEPTH` ends the run with an error that
 * says so (it would overflow every recursive walk that follows); it is checked before it is counted, so no limit
 * warning is given for it.
 */
import { MAX_JSON_DEPTH, measureJson, mebibytes } from './jsonMeasure';
import type { SchemaInferrer } from './schema';
import type { RunWarning } from './types';

/** A record the run cannot keep: the run ends with this message (code `response`). */
export class RecordError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordError';
  }
}

export class RecordKeeper {
  readonly records: unknown[] = [];
  /** Every record seen, kept or not. */
  count = 0;
  /** Approximate JSON size of the kept records, in bytes. */
  bytes = 0;
  private stoppedBy: 'count' | 'bytes' | undefined;

  constructor(
    private readonly limits: { maxRecords: number; maxRecordBytes: number },
    /** Hides secrets in a record before it is kept. */
    private readonly redact: (record: unknown) => unknown,
    private readonly schema: SchemaInferrer,
  ) {}

  /** Counts and keeps the records of page `page` (1-based); throws `RecordError` for a record too deep to keep. */
  add(records: readonly unknown[], page: number): void {
    for (const [index, record] of records.entries()) {
      if (this.stoppedBy === undefined && this.records.length >= this.limits.maxRecords) this.stoppedBy = 'count';
      if (this.stoppedBy !== undefined) {
        this.count++;
        continue;
      }
      const size = measureJson(record, { maxDepth: MAX_JSON_DEPTH, maxBytes: this.limits.maxRecordBytes - this.bytes });
      if (size.over === 'depth') {
        throw new RecordError(`Record ${index + 1} of page ${page} is nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays; records this deep are not kept (the emulator and its inlet refuse them too). Check contentPath and explodeEntityPath, or flatten the source's answer.`);
      }
      this.count++;
      if (size.over === 'bytes') {
        this.stoppedBy = 'bytes';
        continue;
      }
      const shown = this.redact(record);
      this.records.push(shown);
      this.schema.add(shown);
      this.bytes += size.bytes;
    }
  }

  /** `record-limit-reached` when records were counted but not kept, naming the cap that stopped them. */
  warning(): RunWarning | undefined {
    if (this.count <= this.records.length) return undefined;
    const cap = this.stoppedBy === 'bytes'
      ? `the record size limit, ${mebibytes(this.limits.maxRecordBytes)} of JSON`
      : `the record limit, ${this.limits.maxRecords}`;
    return { code: 'record-limit-reached', message: `Kept the first ${this.records.length} of ${this.count} records (${cap})` };
  }
}
