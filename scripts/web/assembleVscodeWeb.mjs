// Assembles an offline VS Code web build for @vscode/test-web from the VS Code that code-server bundles, so the
// web flavour is tested the way vscode.dev serves it (extension over http, worker host in an iframe) without
// downloading a build. @vscode/test-web uses `<testRunnerDataDir>/vscode-web-<quality>-<commit>/` as is when that
// folder has a `version` file.
//
// code-server's workbench.js is the web workbench with a self-start block at its end; test-web wants a module
// `out/vs/workbench/workbench.web.main.internal.js` exporting `create`, `URI` and `Emitter`. We copy workbench.js
// without the self-start block and export those three under their minified names, found by pattern in that block.
// This patches a minified bundle, so it is pinned: a different code-server VS Code fails here with a clear message.
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** VS Code in code-server 4.100.3 (scripts/codeServer/install.mjs pins that version). */
export const PINNED_VSCODE = { version: '1.100.3', commit: '409c64e0df4d53530e59c16acc2b5d5766f717b0', quality: 'stable' };

/** Options code-server's `create` requires on top of VS Code's (it throws "… was not provided to the browser"). */
const CODE_SERVER_OPTIONS = {
  userDataPath: '/vscode-test-web/user-data',
  isEnabledFileDownloads: true,
  isEnabledFileUploads: true,
  isEnabledCoderGettingStarted: false,
};

function fail(message) {
  throw new Error(`assembling a VS Code web build from code-server: ${message}`);
}

/** Links every entry of `from` into `to` except `keep`, which becomes a real folder (returned). */
function linkChildren(from, to, keep) {
  mkdirSync(to, { recursive: true });
  for (const name of readdirSync(from)) {
    if (name === keep) continue;
    symlinkSync(join(from, name), join(to, name));
  }
  if (keep) mkdirSync(join(to, keep), { recursive: true });
  return keep ? join(to, keep) : to;
}

/** The module test-web loads, made from code-server's workbench.js. */
export function workbenchModule(workbenchSource) {
  const start = workbenchSource.lastIndexOf('(function(){const ');
  const exportAt = workbenchSource.lastIndexOf('export{');
  const selfStart = start >= 0 && exportAt > start ? workbenchSource.slice(start, exportAt) : '';
  if (!selfStart.includes('vscode-workbench-web-configuration')) fail('the self-start block of workbench.js was not found');
  const create = /([\w$]+)\([\w$]+\.document\.body,\{/.exec(selfStart)?.[1];
  const uri = /([\w$]+)\.parse\(new URL\(/.exec(selfStart)?.[1];
  const emitter = /=new ([\w$]+);let [\w$]+=!1;return Promise\.resolve\(\{remoteAddress/.exec(selfStart)?.[1];
  if (!create || !uri || !emitter) fail(`create/URI/Emitter not found (got ${create}, ${uri}, ${emitter})`);
  const body = workbenchSource.slice(0, start).replace(/\/\/# sourceMappingURL=.*$/m, '');
  return `${body}
const __codeServerOptions = ${JSON.stringify(CODE_SERVER_OPTIONS)};
function __create(element, options) { return ${create}(element, { ...__codeServerOptions, ...options }); }
export { __create as create, ${uri} as URI, ${emitter} as Emitter };
`;
}

/**
 * Makes `<dataDir>/vscode-web-stable-<commit>/` from code-server's VS Code (once; reused while its version file
 * matches) and returns what test-web's `quality`/`commit` options must name.
 * @param {string} codeServerVscodeDir  code-server's lib/vscode
 * @param {string} dataDir              test-web's testRunnerDataDir
 */
export function assembleVscodeWeb(codeServerVscodeDir, dataDir) {
  const product = JSON.parse(readFileSync(join(codeServerVscodeDir, 'product.json'), 'utf8'));
  const { version } = JSON.parse(readFileSync(join(codeServerVscodeDir, 'package.json'), 'utf8'));
  if (product.commit !== PINNED_VSCODE.commit || version !== PINNED_VSCODE.version) {
    fail(`expected VS Code ${PINNED_VSCODE.version} (${PINNED_VSCODE.commit}), code-server has ${version} (${product.commit})`);
  }
  const folderName = `vscode-web-${PINNED_VSCODE.quality}-${PINNED_VSCODE.commit}`;
  const target = join(dataDir, folderName);
  if (existsSync(join(target, 'version')) && readFileSync(join(target, 'version'), 'utf8') === folderName) return { ...PINNED_VSCODE, location: target };
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  for (const name of ['node_modules', 'extensions', 'product.json']) symlinkSync(join(codeServerVscodeDir, name), join(target, name));
  // test-web serves ESM workbenches when package.json says "type": "module".
  writeFileSync(join(target, 'package.json'), JSON.stringify({ name: 'vscode-web', version, type: 'module' }));
  const sourceOut = join(codeServerVscodeDir, 'out');
  const vs = linkChildren(sourceOut, join(target, 'out'), 'vs');
  const workbench = linkChildren(join(sourceOut, 'vs'), vs, 'workbench');
  linkChildren(join(sourceOut, 'vs', 'workbench'), workbench);
  const codeServerWorkbench = join(sourceOut, 'vs', 'code', 'browser', 'workbench');
  if (!lstatSync(join(codeServerWorkbench, 'workbench.js')).isFile()) fail('workbench.js missing');
  writeFileSync(join(workbench, 'workbench.web.main.internal.js'), workbenchModule(readFileSync(join(codeServerWorkbench, 'workbench.js'), 'utf8')));
  // The stylesheet moves two folders up: its media URLs (icons font, logos) must follow.
  const css = readFileSync(join(codeServerWorkbench, 'workbench.css'), 'utf8').replaceAll('url(../../../../media/', 'url(../../media/');
  writeFileSync(join(workbench, 'workbench.web.main.internal.css'), css);
  writeFileSync(join(target, 'version'), folderName);
  return { ...PINNED_VSCODE, location: target };
}
