// node:test reporter that counts leaf tests and writes a machine-readable tally file.
// The spec reporter prints the human output; this one feeds the single "N passed, N failed" line CI needs.
import { writeFileSync } from 'node:fs';

export default async function* countingReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for await (const event of source) {
    const details = event.data?.details;
    if (details?.type === 'suite') continue;
    if (event.type === 'test:pass') {
      if (event.data.skip || event.data.todo) skipped++;
      else passed++;
    } else if (event.type === 'test:fail') {
      failed++;
    }
  }
  const file = process.env.SOURCES_SDK_RUNNER_TALLY;
  if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped }));
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
