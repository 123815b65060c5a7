// Entry of the in-browser suite (bundled for the web worker extension host by esbuild.mjs into
// dist/test/web/index.js). Same contract as the Node suite: the extension host calls run() after loading the
// extension under test; the tally line tells the runner the counts.
import 'mocha/mocha.js';
import { TALLY_PREFIX } from '../../vscode/tally';
import { defineWebTests } from './web.suite';


export function run(): Promise<void> {
  mocha.setup({ ui: 'bdd', reporter: 'spec', timeout: 60_000, color: false });
  defineWebTests();
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const failed = runner.stats?.failures ?? failures;
      console.log(`${TALLY_PREFIX}${JSON.stringify({ suite: 'web', passed, failed })}`);
      if (failed > 0) reject(new Error(`${failed} in-browser test(s) failed`));
      else resolve();
    });
  });
}
