/** Rules 7, 8, 9, 10: contentPath / explodeEntityPath, HTTP method vs body, and where the host comes from. */
import type { ASTNode } from 'vscode-json-languageservice';
import { asObject, findProperty, getPath, itemsOf, stringValue } from '../astUtil';
import { wholeTemplate } from '../placeholders';
import type { Rule, RuleContext } from '../types';
import { row } from '../ruleRow';

export const requestShapeRule: Rule = {
  table: [
    row('SSDK501', 'warning', 'JSONPath does not start with `$`', 'Start the path with `$`, e.g. `$.items`.', 'sourceSpec'),
    row('SSDK503', 'info', 'Legacy `contentPath` string form (no longer reported)', 'Nothing to do: the string form (`"$.items"`) is the one Adobe\'s own responses show, so it is accepted; a path without `$` gets SSDK501. The object form adds skip/keepAttributes.', 'sourceSpec'),
    row('SSDK504', 'warning', '`skipAttributes` and `keepAttributes` overlap', 'Remove the attribute from one of the two lists.', 'sourceSpec'),
    row('SSDK505', 'warning', 'POST without `bodyParams`', 'Add `bodyParams` with the request body, or use `GET`.', 'sourceSpec'),
    row('SSDK506', 'warning', '`bodyParams` with GET', 'Use `method: "POST"` or remove `bodyParams`; a GET sends no body.', 'sourceSpec'),
    row('SSDK520', 'warning', 'No host anywhere', 'Set `urlParams.host` or declare `host` in every authSpec entry.', 'sourceSpec'),
  ],
  kinds: ['connectionSpec'],
  reads: ['sourceSpec.attributes', 'authSpec'],
  run(ctx) {
    const attributes = asObject(getPath(ctx.root, ['sourceSpec', 'attributes']));
    if (!attributes) return;
    const contentPath = getPath(attributes, ['contentPath']);
    if (contentPath?.type === 'string') {
      // The string form ("$.members") is what Adobe's own responses show: accepted as is (SSDK503 is no longer
      // reported). Only a path without "$" gets a note, SSDK501, which suggests the JSONPath.
      checkJsonPath(ctx, 'contentPath', contentPath);
    } else {
      checkPathObject(ctx, 'contentPath', contentPath);
    }
    checkPathObject(ctx, 'explodeEntityPath', getPath(attributes, ['explodeEntityPath']));
    checkMethod(ctx, attributes);
    checkHost(ctx, attributes);
  },
};

function checkJsonPath(ctx: RuleContext, label: string, node: ASTNode | undefined): void {
  const text = stringValue(node);
  // Template text ("{PATH_TO_RECORDS}") is reported as such (SSDK105); a JSONPath hint on it would only add noise.
  if (node && text !== undefined && !text.startsWith('$') && !wholeTemplate(text)) {
    ctx.report({ code: 'SSDK501', node, data: { path: text },
      message: `"${label}" is a JSONPath into the response: start it with "$", e.g. "$.${text}".` });
  }
}

function checkPathObject(ctx: RuleContext, label: string, node: ASTNode | undefined): void {
  if (!asObject(node)) return;
  checkJsonPath(ctx, `${label}.path`, getPath(node, ['path']));
  const skip = itemsOf(getPath(node, ['skipAttributes']));
  const keep = new Set(itemsOf(getPath(node, ['keepAttributes'])).map(stringValue));
  for (const item of skip) {
    const name = stringValue(item);
    if (name === undefined || !keep.has(name)) continue;
    ctx.report({ code: 'SSDK504', node: item, data: { name },
      message: `"${name}" is both skipped and kept: remove it from skipAttributes or from keepAttributes.` });
  }
}

function checkMethod(ctx: RuleContext, attributes: ASTNode): void {
  const methodNode = getPath(attributes, ['urlParams', 'method']);
  const method = stringValue(methodNode);
  const body = findProperty(attributes, 'bodyParams');
  if (!methodNode || method === undefined) return;
  // A method other than GET/POST is the schema's enum (SSDK012, with did-you-mean candidates); not repeated here.
  if (method === 'POST' && !body) {
    ctx.report({ code: 'SSDK505', node: methodNode,
      message: 'A POST request normally sends a body: add "bodyParams" next to urlParams, or use "GET".' });
  } else if (method === 'GET' && body && !isEmptyBody(body.valueNode)) {
    ctx.report({ code: 'SSDK506', node: body.keyNode,
      message: '"bodyParams" is not sent with GET: use "method": "POST" or remove bodyParams.' });
  }
}

function checkHost(ctx: RuleContext, attributes: ASTNode): void {
  const urlParams = findProperty(attributes, 'urlParams');
  if (!urlParams || !asObject(urlParams.valueNode) || findProperty(urlParams.valueNode, 'host')) return;
  const entries = itemsOf(getPath(ctx.root, ['authSpec']));
  if (entries.length === 0) return; // the profile rule reports the missing authSpec
  const withoutHost = entries.filter((entry) => !findProperty(getPath(entry, ['spec', 'properties']), 'host'));
  if (withoutHost.length === 0) return;
  ctx.report({ code: 'SSDK520', node: urlParams.keyNode,
    message: 'urlParams has no "host" and not every authSpec entry declares a "host" property: set urlParams.host or declare "host" in every authSpec entry.' });
}

/** `""`, `{}`, `[]` or `null`: an empty `bodyParams` sends nothing, so it does not matter with GET. */
function isEmptyBody(node: ASTNode | undefined): boolean {
  if (!node) return true;
  if (node.type === 'null') return true;
  if (node.type === 'string') return node.value.trim() === '';
  if (node.type === 'object') return node.properties.length === 0;
  if (node.type === 'array') return node.items.length === 0;
  return false;
}
