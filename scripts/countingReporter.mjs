// node:test reporter that counts leaf tests and writes a machine-readable tally file.
// The spec reporter prints the human output; this one feeds the single "N passed, N failed" line CI needs, and each
// file's time (the sum of its top-level tests and suites), which scripts/runTests.mjs uses to start slow files first.
import { writeFileSync } from 'node:fs';

export default async function* countingReporter(source) {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const fileMs = {};
  for await (const event of source) {
    if ((event.type === 'test:pass' || event.type === 'test:fail') && event.data.nesting === 0 && event.data.file) {
      fileMs[event.data.file] = (fileMs[event.data.file] ?? 0) + (event.data.details?.duration_ms ?? 0);
    }
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
  if (file) writeFileSync(file, JSON.stringify({ passed, failed, skipped, fileMs }));
  yield `${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`;
}
