/** The upload refusal's wording (client/commands/upload.ts): one stop, never a period after a question mark. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { installFakeVscode } from './clientHarness/fakeVscode';

installFakeVscode();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { errorsReason } = require('../../client/commands/upload') as typeof import('../../client/commands/upload');

test('an error that ends in a question is not followed by a period', () => {
  const reason = errorsReason('a-connectionSpec.json', ['line 98: Value "OFFSETT" is not allowed here. Use one of: "OFFSET", "NONE". Did you mean "OFFSET"?']);
  assert.ok(reason.includes('Did you mean "OFFSET"? Fix it, then upload again'), reason);
  assert.ok(!reason.includes('?.'), reason);
  const plain = errorsReason('a-connectionSpec.json', ['line 4: Missing property "type": add it.']);
  assert.ok(plain.includes('add it. Fix it, then upload again'), plain);
});
