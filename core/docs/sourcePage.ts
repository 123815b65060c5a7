/**
 * The documentation page a source's team submits with its source, generated from the connection spec in the order
 * of Adobe's documentation template for new sources: front matter, overview, prerequisites with the credentials
 * table, the Flow Service API steps (base connection, explore, source connection, target schema and dataset, target
 * connection, mapping, flow) and an appendix. Everything the spec says is filled in; what only the author knows is a
 * quoted **AUTHOR:** note. `sources-sdk docs` and *Generate Source Documentation* both call {@link renderSourcePage}.
 */
import { ADOBE_DOCS } from '../spec/adobeDocs';
import { SPEC_KINDS } from '../spec/kinds';
import { authorNote, cell, code, table } from './markdown';
import { describeParameter, exampleCell, type PageContext } from './parameters';
import { sourceFacts, type DocAuthEntry, type SourceFacts } from './sourceFacts';
import { apiSteps, appendix } from './sourcePageSteps';

/** How the page refers to its connection spec. */
export interface SourcePageOptions {
  /** The spec file's name, quoted in the page's opening comment. */
  fileName: string;
  /** The connection spec id the spec file is linked to (`.sources-sdk/links.json`), when there is one. */
  connectionSpecId?: string;
  /** Where that id lives (the link's environment, e.g. `prod|ACME@AdobeOrg|prod`), said in the comment. */
  linkedEnvironment?: string;
}

/** The Markdown page for a parsed connection spec. Deterministic: the same spec and options give the same text. */
export function renderSourcePage(spec: unknown, options: SourcePageOptions): string {
  const facts = sourceFacts(spec);
  const context: PageContext = { facts, specId: options.connectionSpecId ?? '{CONNECTION_SPEC_ID}' };
  const sections = [
    frontMatter(facts),
    generatedComment(options),
    `# ${title(facts)}`,
    overview(facts),
    prerequisites(facts),
    apiSteps(context, options.connectionSpecId !== undefined),
    appendix(facts),
  ];
  return `${sections.join('\n\n')}\n`;
}

/** How many places of a page are the author's to write (`> **AUTHOR:**` notes and `_AUTHOR:_` cells). */
export function countAuthorNotes(page: string): number {
  return (page.match(/AUTHOR/g) ?? []).length;
}

/**
 * The page's file name for a connection spec file name: the name without its kind suffix (or `.json`), then `.md`
 * (`acme-crm-connectionSpec.json` → `acme-crm.md`).
 */
export function documentationPageName(specFileName: string): string {
  const lower = specFileName.toLowerCase();
  const suffix = [...SPEC_KINDS.connectionSpec.fileSuffixes, '.json'].find((s) => lower.endsWith(s.toLowerCase()) && lower.length > s.length);
  return `${suffix ? specFileName.slice(0, -suffix.length) : specFileName}.md`;
}

function title(facts: SourceFacts): string {
  return `Connect ${facts.label} to Experience Platform using the Flow Service API`;
}

/** YAML double-quoted scalar. */
function yamlString(value: string): string {
  return JSON.stringify(value);
}

function frontMatter(facts: SourceFacts): string {
  return [
    '---',
    `keywords: ${yamlString(`Experience Platform;${facts.label};sources;Flow Service API`)}`,
    `title: ${yamlString(title(facts))}`,
    `description: ${yamlString(`How to connect ${facts.label} to Experience Platform and bring its data in with the Flow Service API.`)}`,
    '---',
  ].join('\n');
}

function generatedComment(options: SourcePageOptions): string {
  const linked = options.connectionSpecId
    ? ` The connection spec id ${options.connectionSpecId} comes from the link in .sources-sdk/links.json (${options.linkedEnvironment ?? 'linked environment'}).`
    : '';
  return `<!-- Written by sources-sdk docs from ${options.fileName}.${linked} Replace every "${'AUTHOR'}" note with your own text before you submit this page. -->`;
}

function overview(facts: SourceFacts): string {
  const parts = ['## Overview'];
  parts.push(facts.description ?? authorNote('Describe the source in a sentence or two: the spec has no `description`.'));
  const docs = facts.documentationLink ? ` (the spec's documentation link is <${facts.documentationLink}>)` : '';
  parts.push(authorNote(`Say what ${facts.label} is and what customers use its data for, and link to its product documentation${docs}.`));
  parts.push(authorNote(`Say that your team built and maintains this source and this page, and give a link or an address customers can contact about it.`));
  return parts.join('\n\n');
}

function credentialsTable(entry: DocAuthEntry): string {
  if (entry.parameters.length === 0) return 'This way of authenticating takes no credentials.';
  return table(['Credential', 'Description', 'Example'], entry.parameters.map((p) => [code(p.name), describeParameter(p), exampleCell(p)]));
}

function prerequisites(facts: SourceFacts): string {
  const parts = ['## Prerequisites'];
  const obtain = facts.auth.length > 0 ? ', and how to obtain each credential below' : '';
  parts.push(authorNote(`List what customers must arrange before they connect ${facts.label}: for example IP addresses to allow or an account plan or role${obtain}.`));
  parts.push('### Gather required credentials');
  if (facts.auth.length === 0) {
    parts.push(facts.streaming
      ? `The connection spec asks for no credentials: ${facts.label} sends its events to a streaming endpoint that a dataflow creates (see [Create a dataflow](#create-a-dataflow)).`
      : 'The connection spec declares no `authSpec`, so a base connection cannot name its credentials.');
    if (facts.streaming) parts.push(authorNote('Say how the webhook authenticates its calls to that endpoint, and where customers set it up.'));
  } else {
    const summary = facts.auth.length === 1
      ? `To connect ${facts.label}, give these credentials (${cell(facts.auth[0]!.name)}):`
      : `${facts.label} offers ${facts.auth.length} ways to authenticate; each base connection uses one of them and the credentials listed for it.`;
    parts.push(summary);
    for (const entry of facts.auth) {
      if (facts.auth.length > 1) parts.push(`#### ${entry.name}`);
      const intro = [`Auth spec name ${code(entry.name)}${entry.type ? `, type ${code(entry.type)}` : ''}.`];
      if (entry.description) intro.push(entry.description);
      parts.push(intro.join(' '));
      parts.push(credentialsTable(entry));
    }
    parts.push(authorNote(`Link to the documentation of ${facts.label} on creating these credentials.`));
  }
  parts.push(`The requests below are calls to the [Flow Service API](${ADOBE_DOCS.flowServiceApi}). Each needs an access token, your API key, your organization id and a sandbox name in its headers.`);
  return parts.join('\n\n');
}
