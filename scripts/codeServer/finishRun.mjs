// How an in-editor runner (test:vscode, test:web) ends: the tally for .ci/run, the time taken, the exit code.
import { writeFileSync } from 'node:fs';

/**
 * Prints `extraMessage` (an error), writes the tally to SOURCES_SDK_TALLY_FILE when set, says how long the suite
 * took and exits 0 only when something passed and nothing failed.
 * @param {string} suite what ran, e.g. "in-editor suite"
 * @param {number} started Date.now() when the runner started
 * @param {{ passed: number, failed: number }} tally
 * @param {string} [extraMessage]
 */
export function finishRun(suite, started, tally, extraMessage) {
  if (extraMessage) console.error(extraMessage);
  if (process.env.SOURCES_SDK_TALLY_FILE) writeFileSync(process.env.SOURCES_SDK_TALLY_FILE, JSON.stringify({ passed: tally.passed, failed: tally.failed }));
  console.log(`${suite} finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${tally.passed} passed, ${tally.failed} failed`);
  process.exit(tally.failed === 0 && tally.passed > 0 ? 0 : 1);
}
