// Entry of the in-editor suite (bundled by esbuild.mjs to dist/test/vscode/index.js). VS Code's extension host
// calls run() after loading the extension under test; the same contract serves @vscode/test-electron and
// code-server's `extensionTestsPath`. Test files are plain modules that define their suites when called, because
// a bundle cannot hand Mocha file paths to require.
import Mocha from 'mocha';
import { writeFileSync } from 'node:fs';
import { defineActivationTests } from './activation.suite';
import { defineLanguageFeatureTests } from './languageFeatures.suite';
import { defineCommandTests } from './commands.suite';
import { defineRemoteTests } from './remote.suite';
import { defineFetchTests } from './fetch.suite';
import { defineUserFlowTests } from './userFlows.suite';
import { defineTestSourceTests } from './testSource.suite';
import { defineRestartConflictTests } from './restartConflict.suite';
import { defineArtifactTests } from './artifacts.suite';
import { definePreviewTests } from './preview.suite';
import { defineOpenApiTests } from './openapi.suite';
import { defineSubmissionTests } from './submission.suite';
import { defineDocsPageTests } from './docsPage.suite';
import { definePromoteTests } from './promote.suite';
import { defineSmallThingsTests } from './smallThings.suite';
import { defineTrustTests } from './trust.suite';
import { defineLifecycleTests } from './lifecycle.suite';
import { definePackagedTests } from './packaged.suite';
import { defineReloadTests } from './reload.suite';
import { TALLY_PREFIX } from './tally';

/** Which group of suites this launch runs; the runner sets it per code-server launch. */
type SuiteSelection = 'main' | 'untrusted' | 'packaged' | 'reload';

function selectedSuite(): SuiteSelection {
  const value = process.env.SOURCES_SDK_VSCODE_SUITE ?? 'main';
  if (value === 'main' || value === 'untrusted' || value === 'packaged' || value === 'reload') return value;
  throw new Error(`unknown SOURCES_SDK_VSCODE_SUITE ${value}`);
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  // Install describe/it/before… as globals exactly as `mocha` does for each file it requires.
  mocha.suite.emit('pre-require', globalThis, 'in-editor-bundle', mocha);
  const suite = selectedSuite();
  if (suite === 'main') {
    defineActivationTests();
    defineLanguageFeatureTests();
    defineCommandTests();
    defineRemoteTests();
    defineFetchTests();
    defineUserFlowTests();
    defineTestSourceTests();
    defineRestartConflictTests();
    defineArtifactTests();
    defineLifecycleTests();
    definePreviewTests();
    defineOpenApiTests();
    defineSubmissionTests();
    defineDocsPageTests();
    definePromoteTests();
    defineSmallThingsTests();
  } else if (suite === 'untrusted') {
    defineTrustTests();
  } else if (suite === 'reload') {
    defineReloadTests();
  } else {
    definePackagedTests();
  }
  const grep = process.env.SOURCES_SDK_VSCODE_GREP;
  if (grep) mocha.grep(grep);

  await new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const passed = runner.stats?.passes ?? 0;
      const failed = runner.stats?.failures ?? failures;
      // The runner outside VS Code parses this line to print and record the tally.
      console.log(`${TALLY_PREFIX}${JSON.stringify({ suite, passed, failed })}`);
      // Desktop runs (@vscode/test-electron) read the tally from a file instead of the workbench log.
      const tallyPath = process.env.SOURCES_SDK_VSCODE_TALLY_PATH;
      if (tallyPath) writeFileSync(tallyPath, JSON.stringify({ passed, failed }));
      if (failed > 0) reject(new Error(`${failed} in-editor test(s) failed`));
      else resolve();
    });
  });
}
