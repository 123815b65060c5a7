import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isDatePattern } from '../../../core/analysis/rules/scheduling';
import { analyze, codesOf, parseMarkers, rangesOf } from '../helpers/markers';
import { batchSpec, text } from './builders';

function codesFor(schedule: unknown, queryParams?: Record<string, string>): string[] {
  const spec = batchSpec();
  spec.sourceSpec.attributes.scheduleParams = schedule;
  if (queryParams) spec.sourceSpec.attributes.urlParams.queryParams = queryParams;
  return codesOf(analyze(text(spec)).diagnostics);
}

const ADVANCE = { type: 'ADVANCE', paramFormat: 'yyyy-MM-ddTHH:mm:ssK', incremental: 'updated > {START_TIME} updated < {END_TIME}', backfill: 'updated < {END_TIME}' };

describe('scheduling', () => {
  test('ADVANCE used by {SCHEDULE_QUERY} is clean', () => {
    assert.deepEqual(codesFor(ADVANCE, { query: '{SCHEDULE_QUERY}' }), []);
  });

  test('SSDK301: {SCHEDULE_QUERY} with standard scheduling', () => {
    assert.deepEqual(codesFor(batchSpec().sourceSpec.attributes.scheduleParams, { query: '{SCHEDULE_QUERY}' }), ['SSDK301']);
  });

  test('SSDK302 / SSDK303 / SSDK307: incomplete or unused ADVANCE', () => {
    assert.deepEqual(codesFor({ ...ADVANCE, incremental: undefined }, { query: '{SCHEDULE_QUERY}' }), ['SSDK302']);
    assert.deepEqual(codesFor(ADVANCE), ['SSDK303']);
    assert.deepEqual(codesFor({ type: 'ADVANCE', incremental: 'a > {START_TIME}' }, { q: '{SCHEDULE_QUERY}' }), ['SSDK307']);
  });

  test('SSDK304: time values outside incremental/backfill', () => {
    assert.deepEqual(codesFor(ADVANCE, { query: '{SCHEDULE_QUERY}', since: '{START_TIME}' }), ['SSDK304']);
    // Template text in a format slot is one finding (what it is), not also "not a date pattern".
    assert.deepEqual(codesFor({ ...ADVANCE, paramFormat: '{END_TIME}' }, { query: '{SCHEDULE_QUERY}' }), ['SSDK304']);
  });

  test('SSDK305: standard scheduling needs both parameter names', () => {
    assert.deepEqual(codesFor({ scheduleStartParamName: 'since' }), ['SSDK305']);
    assert.deepEqual(codesFor({}), ['SSDK305']);
  });

  test('SSDK306: formats must be date patterns', () => {
    assert.deepEqual(codesFor({ scheduleStartParamName: 'a', scheduleEndParamName: 'b', scheduleStartParamFormat: 'epoch' }), ['SSDK306']);
    for (const ok of ['yyyy-MM-ddTHH:mm:ssZ', 'yyyy-MM-ddTHH:mm:ss:fffffffK', "yyyy-MM-dd'T'HH:mm:ss"]) assert.ok(isDatePattern(ok), ok);
    for (const bad of ['', 'epoch', 'seconds', '12:00']) assert.ok(!isDatePattern(bad), bad);
  });
});

describe('scheduling forms do not mix (SSDK308)', () => {
  test('ADVANCE keys in the standard form and standard keys with ADVANCE are reported on the key', () => {
    const { text: standard, ranges } = parseMarkers(`{"sourceSpec": {"attributes": {"scheduleParams": {
  "scheduleStartParamName": "from", "scheduleEndParamName": "to", ⟦"incremental"⟧: "updated > {START_TIME}"}}}}`);
    const first = analyze(standard);
    assert.deepEqual(rangesOf(first.document, first.diagnostics, 'SSDK308'), ranges);
    assert.match(String(first.diagnostics.find((d) => d.code === 'SSDK308')?.message), /only with "type": "ADVANCE"/);
    const { text: advance, ranges: advanceRanges } = parseMarkers(`{"sourceSpec": {"attributes": {
  "urlParams": {"path": "/x", "method": "GET", "queryParams": {"q": "{SCHEDULE_QUERY}"}},
  "scheduleParams": {"type": "ADVANCE", "incremental": "u > {START_TIME}", "backfill": "u < {END_TIME}",
  "paramFormat": "yyyy-MM-dd", ⟦"scheduleStartParamFormat"⟧: "yyyy"}}}}`);
    const second = analyze(advance);
    assert.deepEqual(rangesOf(second.document, second.diagnostics, 'SSDK308'), advanceRanges);
  });

  test('a misspelt type is left to the schema enum: no SSDK305/308 guesses about the form', () => {
    const { diagnostics } = analyze(`{"sourceSpec": {"attributes": {"scheduleParams": {"type": "advance", "incremental": "x"}}}}`);
    assert.deepEqual(diagnostics.map((d) => d.code), []);
  });
});
