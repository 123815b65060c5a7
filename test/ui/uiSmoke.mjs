// `npm run test:ui`: a UI smoke test through Chromium. Opens a broken spec in code-server with the extension loaded
// from this folder (no test runner inside VS Code), then checks what a user sees: a squiggle, the completion list at
// a pagination `type`, a hover. Saves screenshots under test-results/screenshots/.
// Prints `N passed, N failed`; writes {passed, failed} to $SOURCES_SDK_TALLY_FILE when set.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureCodeServer } from '../../scripts/codeServer/install.mjs';
import { createRunTempRoot } from '../../scripts/codeServer/runTempRoot.mjs';
import { startCodeServer, workbenchUrl } from '../../scripts/codeServer/launch.mjs';
import { launchChromium } from '../../scripts/codeServer/browser.mjs';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const screenshotDir = join(projectRoot, 'test-results', 'screenshots');
const STEP_TIMEOUT_MS = 30_000;
const results = [];
const started = Date.now();
/** The page under test, for failure screenshots. */
let currentPage;

async function step(name, body) {
  const stepStarted = Date.now();
  try {
    await body();
    results.push({ name, ok: true });
    console.log(`  ✔ ${name} (${Date.now() - stepStarted} ms)`);
  } catch (err) {
    results.push({ name, ok: false });
    const file = join(screenshotDir, `failed-${results.length}.png`);
    await currentPage?.screenshot({ path: file }).catch(() => {});
    console.log(`  ✖ ${name}: ${err instanceof Error ? err.message : err}`);
  }
}

/** Opens a file through Quick Open, the way a user would. */
async function openFile(page, fileName) {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(fileName);
  // Wait until the list is filtered to this file (the unfiltered list briefly shows recently opened files).
  const row = page.locator(`.quick-input-list .monaco-list-row[aria-label*="${fileName}"]`).first();
  await row.waitFor({ timeout: STEP_TIMEOUT_MS });
  await row.click();
  await page.locator(`.tab.active[aria-label*="${fileName}"]`).waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Moves the cursor to line:column with "Go to Line/Column". */
async function goTo(page, line, column) {
  // Quick Open with a ':' prefix is "Go to Line/Column"; the browser keeps Ctrl+G for itself in some setups.
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
  await input.fill(`:${line}:${column}`);
  // Enter only once the picker has read the text and offers that line (pressed earlier, it can go unanswered).
  await page.locator('.quick-input-list .monaco-list-row', { hasText: String(line) }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Enter');
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: STEP_TIMEOUT_MS });
}

async function main() {
  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: projectRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  const codeServerBin = ensureCodeServer();
  const run = createRunTempRoot('ssdk-ui-');
  const tempRoot = run.root;
  const workspace = join(tempRoot, 'workspace');
  cpSync(join(projectRoot, 'test', 'vscode', 'workspace'), workspace, { recursive: true });
  writeArtifactsFolder(workspace);
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  const server = await startCodeServer({
    codeServerBin, workspace, stateDir: join(tempRoot, 'state'),
    userSettings: {
      'workbench.startupEditor': 'none', 'telemetry.telemetryLevel': 'off', 'workbench.tips.enabled': false,
      'editor.minimap.enabled': false, 'window.commandCenter': false, 'workbench.colorTheme': 'Default Dark Modern',
      'editor.hover.delay': 100,
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    currentPage = page;
    // A loaded machine (CI, several suites at once) can take longer than the 30 s default to serve the workbench.
    await page.goto(workbenchUrl({ baseUrl: server.url, workspace, extensionDevelopmentPath: projectRoot }), { timeout: 180_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    // The editor area must exist before Quick Open works.
    await page.locator('.part.editor').waitFor({ timeout: 60_000 });

    await step('the status bar shows the active environment while a spec is open', async () => {
      // The item is shown only while a spec editor or the Flow Service view is visible (issue 8's lifecycle).
      await openFile(page, 'acme-crm-connectionSpec.json');
      const item = page.locator('.statusbar-item', { hasText: 'Local emulator' }).first();
      await item.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await item.innerText();
      if (!/Local emulator\s*·\s*dev/.test(text)) throw new Error(`status bar item reads "${text}"`);
    });

    await step('a squiggle under the invalid pagination type', async () => {
      await openFile(page, 'broken-connectionSpec.json');
      await goTo(page, 77, 19);
      const squiggle = page.locator('.monaco-editor .squiggly-error').first();
      await squiggle.waitFor({ timeout: STEP_TIMEOUT_MS });
      // Open the Problems panel too, so the screenshot shows the message and its code.
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const problems = await page.locator('.markers-panel').innerText();
      if (!/SSDK/.test(problems)) throw new Error(`the Problems panel shows no SSDK code: ${problems.slice(0, 300)}`);
      await page.screenshot({ path: join(screenshotDir, 'diagnostics.png') });
    });

    await step('completion lists the pagination types', async () => {
      await page.keyboard.press('Control+Shift+M'); // close the panel again
      await openFile(page, 'acme-crm-connectionSpec.json');
      await goTo(page, 71, 18); // inside "OFFSET" of "type": "OFFSET"
      await page.keyboard.press('Control+Space');
      const widget = page.locator('.editor-widget.suggest-widget');
      await widget.locator('.monaco-list-row').first().waitFor({ timeout: STEP_TIMEOUT_MS });
      const labels = await widget.innerText();
      for (const type of ['POINTER', 'CONTINUATION_TOKEN', 'PAGE', 'NONE']) {
        if (!labels.includes(type)) throw new Error(`completion list lacks ${type}: ${labels.replace(/\s+/g, ' ')}`);
      }
      await page.screenshot({ path: join(screenshotDir, 'completion.png') });
      await page.keyboard.press('Escape');
    });

    await step('hover shows the documentation of a field', async () => {
      await goTo(page, 70, 12); // on the key "paginationParams"
      // Park the mouse on blank editor space so no mouse hover (e.g. over the breadcrumbs) competes with the editor's.
      await page.mouse.move(1150, 700);
      const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'page through the API' }).first();
      // A keyboard hover can be dismissed by late focus changes while the workbench settles: retry a few times and
      // keep the screenshot only if the hover is still on screen after it was taken.
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+K');
        await page.keyboard.press('Control+I');
        await hover.waitFor({ timeout: STEP_TIMEOUT_MS });
        // The hover fades in (a CSS animation); take the picture once its own animations have finished.
        await hover.evaluate((element) => Promise.all(element.closest('.monaco-hover')?.getAnimations({ subtree: true }).map((a) => a.finished) ?? []));
        await page.screenshot({ path: join(screenshotDir, 'hover.png') });
        if (await hover.isVisible()) break;
        if (attempt === 3) throw new Error('the hover kept disappearing before the screenshot');
      }
    });

    await step('the card and forms preview draws the spec and reveals a clicked field', async () => {
      await page.keyboard.press('Escape');
      await openFile(page, 'acme-connectionSpec.json');
      await page.keyboard.press('Control+Shift+P');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: STEP_TIMEOUT_MS });
      await input.fill('>Sources SDK: Preview Source Card and Forms');
      await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Preview Source Card and Forms' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      await page.keyboard.press('Enter');
      // A webview is an iframe holding the page's own iframe.
      const view = page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      const label = view.locator('.card .label');
      await label.waitFor({ timeout: STEP_TIMEOUT_MS });
      const text = await label.innerText();
      if (text !== 'Acme CRM') throw new Error(`the card's label reads "${text}"`);
      if (!(await view.locator('.card img.icon').isVisible())) throw new Error('the icon is not drawn as an image');
      const forms = await view.locator('.form-title').allInnerTexts();
      if (!forms.some((t) => t.includes('OAuth2 Refresh Code')) || !forms.includes('Source parameters')) throw new Error(`forms: ${forms.join(' | ')}`);
      const password = view.locator('.field[data-field="accessToken"] input[type=password]');
      if ((await password.count()) !== 1) throw new Error('accessToken is not a masked field');
      await page.screenshot({ path: join(screenshotDir, 'card-forms.png') });
      await view.locator('.field[data-field="accessToken"]').first().click();
      const line = artifactsSpecText().split('\n').findIndex((l) => l.includes('"accessToken"')) + 1;
      await page.locator('.statusbar-item', { hasText: `Ln ${line},` }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    });
  } finally {
    await browser.close().catch(() => {});
    await server.close();
    run.remove();
  }
}

/** The connection spec of the artifacts folder the preview step opens: the acme-crm fixture, testing form. */
function artifactsSpecText() {
  const spec = JSON.parse(readFileSync(join(projectRoot, 'test', 'fixtures', 'valid', 'acme-crm-connectionSpec.json'), 'utf8'));
  const ui = spec.sourceSpec.attributes.uiAttributes;
  ui.label = { text: 'Acme CRM' };
  ui.description = { text: 'Contacts, companies and deals from Acme CRM lists, refreshed on a schedule.' };
  ui.isBeta = true;
  return `${JSON.stringify(spec, null, 2)}\n`;
}

/** Sources/acme/Artifacts/ with the five files, for the card and forms step. */
function writeArtifactsFolder(workspace) {
  const folder = join(workspace, 'Sources', 'acme', 'Artifacts');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, 'acme-connectionSpec.json'), artifactsSpecText());
  writeFileSync(join(folder, 'acme-label.txt'), 'Acme CRM\n');
  writeFileSync(join(folder, 'acme-description.txt'), 'Contacts, companies and deals from Acme CRM lists, refreshed on a schedule.\n');
  writeFileSync(join(folder, 'acme-category.txt'), 'crm\n');
  writeFileSync(join(folder, 'acme-icon.svg'), '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><rect width="48" height="48" rx="10" fill="#2d6cdf"/>' +
    '<path d="M12 34 L24 12 L36 34 Z" fill="#fff"/><circle cx="24" cy="28" r="4" fill="#2d6cdf"/></svg>\n');
}

let crashed = false;
try {
  await main();
} catch (err) {
  crashed = true;
  console.error(`test:ui failed: ${err instanceof Error ? err.stack : err}`);
}
const passed = results.filter((r) => r.ok).length;
const failed = results.length - passed + (crashed ? 1 : 0);
if (process.env.SOURCES_SDK_TALLY_FILE) writeFileSync(process.env.SOURCES_SDK_TALLY_FILE, JSON.stringify({ passed, failed }));
console.log(`UI smoke test finished in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in test-results/screenshots/`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
