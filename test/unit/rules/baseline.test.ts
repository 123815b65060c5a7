import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { RULES, ruleCodes } from '../../../core/analysis/rules/index';
import { ruleInfo } from '../../../core/analysis/codes';
import { analyze } from '../helpers/markers';
import { batchFlowSpec, batchSpec, NOTHING_DROPPED, streamingSpec, text } from './builders';

describe('rule baseline', () => {
  test('the builder specs are clean', () => {
    assert.deepEqual(analyze(text(batchSpec())).diagnostics, []);
    assert.deepEqual(analyze(text(streamingSpec())).diagnostics, []);
    assert.deepEqual(analyze(text(batchFlowSpec()), 'flowSpec', NOTHING_DROPPED).diagnostics, []);
  });

  test('every code a rule declares is in the rule table', () => {
    for (const rule of RULES) for (const code of ruleCodes(rule)) assert.ok(ruleInfo(code), `${code} missing from RULE_TABLE`);
  });

  test('diagnostics carry source, code and the table severity', () => {
    const spec = batchSpec();
    spec.version = 1;
    const [diagnostic] = analyze(text(spec)).diagnostics;
    assert.equal(diagnostic.source, 'sources-sdk');
    assert.equal(diagnostic.code, 'SSDK519');
    assert.equal(diagnostic.severity, 2);
    assert.deepEqual(diagnostic.data, { value: '1.0' });
  });

  test('empty, non-object and odd shapes never throw', () => {
    for (const body of ['', '[]', '42', '{"sourceSpec": []}', '{"authSpec": {"a": 1}}', '{"sourceSpec": {"attributes": 3}}',
      '{"sourceSpec": {"attributes": {"paginationParams": [1], "scheduleParams": "x", "urlParams": []}}}', '{"authSpec": [null, 1, {"spec": []}]}']) {
      assert.doesNotThrow(() => analyze(body));
      assert.doesNotThrow(() => analyze(body, 'flowSpec'));
    }
  });
});
